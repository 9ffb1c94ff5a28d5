"""Private files: written in one step, readable by the owner only; OS errors as our errors.

Answers, exports, reports and the config say things about the user's life, so every file
microalign writes is 0600 and every folder it creates is 0700, whatever the umask.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from pathlib import Path

from microalign.errors import FileAccessError, access_error

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


# A disk with less room than this cannot hold SQLite's shared memory file and a page or two
# of its log: an I/O error there is the full disk's.
NEARLY_FULL_BYTES = 1 << 20


def free_bytes(folder: Path) -> int | None:
    """Room left for this user's files on the disk holding `folder` (None: unknown)."""
    try:
        found = os.statvfs(folder)
    except OSError:
        return None
    blocks = found.f_bfree if os.geteuid() == 0 else found.f_bavail  # root may use the reserve
    return blocks * found.f_frsize


def on_read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def disk_full(folder: Path, free: int | None = None) -> FileAccessError:
    free = free_bytes(folder) if free is None else free
    return FileAccessError.keyed("disk_full", folder=folder, free=(free or 0) // 1_000_000)


def read_only_fs(folder: Path) -> FileAccessError:
    return FileAccessError.keyed("disk_read_only", folder=folder)


def disk_problem(folder: Path) -> FileAccessError | None:
    """Why nothing can be written in `folder`, when the disk holding it says so: it is
    mounted read-only, or (nearly) full."""
    if on_read_only_fs(folder):
        return read_only_fs(folder)
    free = free_bytes(folder)
    if free is not None and free < NEARLY_FULL_BYTES:
        return disk_full(folder, free)
    return None


def make_folders(path: Path) -> Path:
    """Create `path` and its missing parents owner-only (0700); folders that exist already
    are the user's and stay as they are."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            folder.chmod(PRIVATE_DIR)  # mkdir's mode passes through the umask
    except OSError as exc:
        raise access_error(exc, exc.filename or path, "create_folder") from None
    return path


def write_private(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (as UTF-8) or bytes in one step: the new file is 0600
    whatever the umask, and a crash or a full disk leaves the old file (or none), never a
    part of the new one."""
    import tempfile  # here: every command opens the database, few write a file

    try:
        # mkstemp: a fresh name opened with O_EXCL | O_NOFOLLOW, so nothing planted at the
        # temporary name (a symbolic link, an old 0644 file) is followed or reused.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise access_error(exc, path, "write") from None
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise access_error(exc, path, "write") from None
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable; file systems that cannot sync a folder are fine."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def tighten(path: Path) -> None:
    """Make an existing file owner-only; a file system without modes only gets a warning."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700 | PRIVATE_FILE)
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("cannot make %s private (mode 0600): %s", path, exc.strerror)


def private_database(path: Path) -> bool:
    """Create the database file 0600 if it is missing, and make an existing one and its
    -wal/-shm files 0600 (an older version or a copy may have left them readable by
    others). Returns whether the file was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    except FileExistsError:
        if path.is_dir():
            error = IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            raise access_error(error, path, "open_database") from None
        for suffix in ("", "-wal", "-shm"):
            tighten(Path(f"{path}{suffix}"))
        return False
    except OSError as exc:
        raise access_error(exc, path, "create_database") from None
    os.close(fd)
    return True
