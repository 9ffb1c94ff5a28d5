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
import tempfile
from pathlib import Path

from microalign.errors import FileAccessError

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

_SPACE = "Free some disk space and run the command again; nothing stored was changed."
_PERMISSIONS = "Check the permissions of {path} and {parent}: they should belong to you."
_HINTS = {
    errno.ENOSPC: _SPACE,
    errno.EDQUOT: _SPACE,
    errno.EROFS: "{path} is on a read-only file system: choose a writable location.",
    errno.EACCES: _PERMISSIONS,
    errno.EPERM: _PERMISSIONS,
    errno.ENOENT: "Check that the folder {parent} exists and can hold files, or choose another.",
    errno.ENOTDIR: "A part of {path} is a file, not a folder: move that file or choose another.",
    errno.EEXIST: "{path} exists but is not a folder: move it away or choose another path.",
    errno.EISDIR: "{path} is a folder: give a file name.",
    errno.ENAMETOOLONG: "Choose a shorter path.",
    errno.ELOOP: "{path} is a symbolic link (or a loop of them): give the real path.",
    errno.EIO: "The disk reported an error: check it (`dmesg`) and run the command again.",
}
# Errors of the machine, the disk or the user's files, never of the program.
ENVIRONMENT_ERRNOS = frozenset(_HINTS) - {errno.ENOENT, errno.EEXIST}


def access_error(exc: OSError, path: Path | str | None, doing: str) -> FileAccessError:
    """`exc` as a message that names the file, what failed, and what to do about it."""
    target = Path(path) if path else None
    reason = exc.strerror or str(exc) or type(exc).__name__
    hint = _HINTS.get(exc.errno or 0, "Check {path} and run the command again.")
    return FileAccessError(
        f"Cannot {doing} {target or 'a file'}: {reason}.",
        hint.format(path=target or "the file", parent=target.parent if target else "its folder"),
    )


def make_folders(path: Path) -> Path:
    """Create `path` and its missing parents owner-only (0700); folders that exist already
    are the user's and stay as they are."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            folder.chmod(PRIVATE_DIR)  # mkdir's mode passes through the umask
    except OSError as exc:
        raise access_error(exc, exc.filename or path, "create the folder") from None
    return path


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: the new file is 0600 whatever the umask, and
    a crash or a full disk leaves the old file (or none), never a part of the new one."""
    try:
        # mkstemp: a fresh name opened with O_EXCL | O_NOFOLLOW, so nothing planted at the
        # temporary name (a symbolic link, an old 0644 file) is followed or reused.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise access_error(exc, path, "write") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise access_error(exc, path, "write") from None
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
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
            raise access_error(error, path, "open the database") from None
        for suffix in ("", "-wal", "-shm"):
            tighten(Path(f"{path}{suffix}"))
        return False
    except OSError as exc:
        raise access_error(exc, path, "create the database") from None
    os.close(fd)
    return True
