"""The part of the validated configuration that read commands need, cached between runs.

Validating the config with pydantic costs more than the rest of `microalign status`. A
config file that has not changed since it was last validated cannot have become invalid,
so its validated form is kept in the cache directory, keyed by the file's path, size,
modification and change times and inode, and by the code that validated it. Any change
to the file, or a new version of microalign, validates it afresh, reporting errors exactly
as a first read would. Nothing here imports pydantic.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microalign.settings import Settings

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.config import Config

log = logging.getLogger(__name__)

FORMAT = 2  # bump when Settings changes shape
# File times tick coarsely (a kernel tick, or seconds on some file systems): a cache written
# this soon after its file changed could miss a second change within the same tick, so it
# is not trusted (the next run validates again and writes a later one).
RECENT_SECONDS = 1.0
# The code that validates and converts: a new version of either invalidates every cache.
_HERE = Path(__file__)
_CODE = (_HERE.parents[1] / "config.py", _HERE.parents[1] / "settings.py", _HERE)


def _fingerprint(path: Path, required: bool) -> list[Any] | None:
    """What identifies this version of the config file and of the code; None: no cache
    (the file cannot be looked at, so only a full load can say why)."""
    try:
        code = [[os.stat(p).st_mtime_ns, os.stat(p).st_size] for p in _CODE]
        found = os.stat(path)
    except FileNotFoundError:
        if required:
            return None
        return [FORMAT, str(path.absolute()), None, code]
    except OSError:
        return None
    file = [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]
    return [FORMAT, str(path.absolute()), file, code]


def _settled(key: list[Any], cached_ns: int) -> bool:
    """Whether the file had stopped changing well before its cache was written. Both times
    come from the file system's clock, so a wall clock set back or ahead changes nothing;
    a file changed again within the same tick as its cache would look unchanged."""
    file = key[2]
    if file is None:  # no file: the defaults
        return True
    changed_ns = max(file[1], file[2])
    return cached_ns - changed_ns >= RECENT_SECONDS * 1e9


def _cache_file(paths: Paths) -> Path:
    # One file: its key names the config file it holds, so another one simply replaces it.
    return paths.cache_dir / "config" / "settings.json"


def load_settings(paths: Paths, load: Callable[[], Config]) -> Settings:
    """The settings of `paths.config_file`: from the cache when the file is unchanged since it
    was last validated, else from `load()` (which raises the usual ConfigError)."""
    key = _fingerprint(paths.config_file, paths.config_required)
    cache = _cache_file(paths)
    if key is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            stored = json.loads(cache.read_text(encoding="utf-8"))
            if stored["key"] == key and _settled(key, cache.stat().st_mtime_ns):
                return Settings.from_dict(stored["settings"])
    settings = Settings.from_config(load())
    if key is not None:
        _save(cache, {"key": key, "settings": asdict(settings)})
    return settings


def _save(cache: Path, data: dict[str, Any]) -> None:
    from microalign.adapters.files import write_private
    from microalign.adapters.paths import private_dir
    from microalign.errors import MicroalignError

    try:
        private_dir(cache.parent.parent)  # microalign's own: 0700 even if an older one made it 0755
        private_dir(cache.parent)
        write_private(cache, json.dumps(data))
    except (OSError, MicroalignError) as exc:  # no cache: the next run validates again
        log.debug("config cache not written to %s: %s", cache, exc)
