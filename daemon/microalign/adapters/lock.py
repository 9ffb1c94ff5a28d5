"""Per-user locks: one daemon, one check-in at a time (fcntl locks die with their process)."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from microalign.adapters.paths import Paths, private_dir
from microalign.errors import BusyError, access_error


@contextlib.contextmanager
def hold(path: Path, error_key: str) -> Iterator[None]:
    """Hold the lock at `path`; BusyError "error.<error_key>" names the holder's pid."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise access_error(exc, path, "open_lock") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise BusyError.keyed(error_key, holder=holder) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        except OSError as exc:
            raise access_error(exc, path, "write_lock") from None
        yield
    finally:
        os.close(fd)


def checkin_lock(paths: Paths) -> contextlib.AbstractContextManager[None]:
    return hold(paths.runtime_dir / "checkin.lock", "checkin_locked")


def daemon_lock(paths: Paths) -> contextlib.AbstractContextManager[None]:
    return hold(_daemon_lock_file(paths), "daemon_locked")


def daemon_holder(paths: Paths) -> int | None:
    """The pid of the running daemon of these paths, or None when none runs."""
    return holder(_daemon_lock_file(paths))


def holder(path: Path) -> int | None:
    """The pid written in the lock file `path` when that process still has the file open,
    else None. Only looks: taking the lock to test it would make a daemon that starts at
    that moment fail as busy."""
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None  # no lock file, or an empty one: no daemon got that far
    target = os.path.realpath(path)
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return None  # gone, or another user's process that reused the pid
    for descriptor in descriptors:
        with contextlib.suppress(OSError):  # closed while we looked
            if os.readlink(descriptor) == target:
                return pid
    return None


def _daemon_lock_file(paths: Paths) -> Path:
    return paths.runtime_dir / "daemon.lock"
