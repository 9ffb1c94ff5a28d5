"""Where things live: XDG directories, overridable by flags and environment for tests."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

APP = "microalign"
CONFIG_ENV = "MICROALIGN_CONFIG"
DATA_ENV = "MICROALIGN_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    config_file: Path
    data_dir: Path
    # A config file named by --config or MICROALIGN_CONFIG must exist; the default
    # location may be empty (the defaults apply).
    config_required: bool = False

    @property
    def database(self) -> Path:
        return self.data_dir / "microalign.db"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"

    @property
    def restore_journal(self) -> Path:
        """Written by a restore while it swaps the new store in (adapters/restore_swap.py)."""
        return self.data_dir / "restore.journal"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def cache_dir(self) -> Path:
        """What can be computed again (the validated config): $XDG_CACHE_HOME/microalign."""
        return xdg_dir("XDG_CACHE_HOME", "~/.cache")

    @property
    def speech_cache_dir(self) -> Path:
        """What the daemon's speech can rebuild (a model's vocabulary): under the data folder,
        the one place the service's sandbox lets it write."""
        return self.data_dir / "cache"

    @property
    def runtime_dir(self) -> Path:
        # The lock and the running check-in marker; XDG_RUNTIME_DIR is per login and
        # cleared at logout, but tests and headless machines may not have one.
        base = os.environ.get("XDG_RUNTIME_DIR")
        return Path(base) / APP if base else self.data_dir / "run"


def xdg_dir(variable: str, fallback: str) -> Path:
    """$VARIABLE/microalign, or FALLBACK/microalign unless $VARIABLE is an absolute path: the
    XDG base directory rule, as platformdirs applies it on Linux (platformdirs costs more to
    import than every other path of a read command together)."""
    base = os.environ.get(variable, "")
    return Path(base if os.path.isabs(base) else os.path.expanduser(fallback)) / APP


def resolve(
    config: str | os.PathLike | None = None, data_dir: str | os.PathLike | None = None
) -> Paths:
    """Flags win over environment, environment over XDG defaults."""
    cfg = config or os.environ.get(CONFIG_ENV)
    data = data_dir or os.environ.get(DATA_ENV)
    default_config = xdg_dir("XDG_CONFIG_HOME", "~/.config") / "microalign.toml"
    return Paths(
        config_file=Path(cfg) if cfg else default_config,
        data_dir=Path(data) if data else xdg_dir("XDG_DATA_HOME", "~/.local/share"),
        # The daemon hands its config path to its check-in processes; the default
        # location stays optional there too.
        config_required=bool(cfg) and os.path.abspath(str(cfg)) != os.path.abspath(default_config),
    )


def private_dir(path: Path) -> Path:
    """Create a directory readable by the owner only (answers and audio are private), and
    each missing folder above it the same way (a new $XDG_CACHE_HOME too, as the XDG rules
    ask); folders above it that exist already are the user's and stay as they are."""
    from microalign.adapters.files import make_folders
    from microalign.errors import access_error

    make_folders(path.parent)
    try:
        path.mkdir(exist_ok=True, mode=0o700)
        # Only when needed: a read-only medium with the right modes still works for reading.
        if stat.S_IMODE(path.stat().st_mode) != 0o700:
            path.chmod(0o700)
    except OSError as exc:
        raise access_error(exc, exc.filename or path, "create_folder") from None
    return path
