"""Where things live: XDG directories, overridable by flags and environment for tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP = "microalign"
CONFIG_ENV = "MICROALIGN_CONFIG"
DATA_ENV = "MICROALIGN_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    config_file: Path
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "microalign.db"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def runtime_dir(self) -> Path:
        # The lock and the running check-in marker; XDG_RUNTIME_DIR is per login and
        # cleared at logout, but tests and headless machines may not have one.
        base = os.environ.get("XDG_RUNTIME_DIR")
        return Path(base) / APP if base else self.data_dir / "run"


def resolve(
    config: str | os.PathLike | None = None, data_dir: str | os.PathLike | None = None
) -> Paths:
    """Flags win over environment, environment over XDG defaults."""
    from platformdirs import user_config_path, user_data_path

    cfg = config or os.environ.get(CONFIG_ENV)
    data = data_dir or os.environ.get(DATA_ENV)
    return Paths(
        config_file=Path(cfg) if cfg else user_config_path(APP) / "microalign.toml",
        data_dir=Path(data) if data else user_data_path(APP),
    )


def private_dir(path: Path) -> Path:
    """Create a directory readable by the owner only (answers and audio are private)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path
