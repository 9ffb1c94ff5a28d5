"""Backup files: one uncompressed tar holding a manifest, a snapshot of the database and
every audio file, copied byte for byte (an encrypted file stays encrypted in it). The
snapshot of an encrypted store is encrypted with the store's key, and its key file
(the key wrapped, never the key itself) goes with it.

The first member names the file as a microalign backup; the last one lists every file
with its size (and the database's SHA-256), so a file cut short is told from a whole one.
File contents are copied inside the kernel (copy_file_range), as `cp` copies. Reading trusts
nothing in the file: names are checked before anything is written, only regular files
are taken, and each one is written where its checked name says, inside a fresh folder.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from microalign.adapters.crypto.keys import KEY_FILE
from microalign.adapters.files import PRIVATE_DIR, PRIVATE_FILE
from microalign.adapters.store.connect import all_errors, connect, is_plain
from microalign.errors import StoreError, access_error
from microalign.i18n import Keyed

if TYPE_CHECKING:
    from microalign.adapters.crypto.keys import DataKey

log = logging.getLogger(__name__)

HEAD = "microalign-backup.json"
END = "microalign-backup-end.json"
DATABASE = "microalign.db"
AUDIO = "audio"
FORMAT = 1
CHUNK = 1 << 20
MAX_MANIFEST = 1 << 26  # a listing of millions of files, far below any real backup's need

Progress = Callable[[int], None]  # bytes copied since the last call


@dataclass
class Listing:
    """What a backup holds: relative name -> (size, sha256)."""

    files: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    schema: int = 0

    @property
    def audio_count(self) -> int:
        return sum(1 for name in self.files if name.startswith(f"{AUDIO}/"))

    @property
    def size(self) -> int:
        return sum(size for size, _ in self.files.values())


def _key_of(key: DataKey | None) -> dict[str, Any]:
    """connect()'s key and key source: none for a plain store."""
    return {"key": key.database, "source": key.source} if key is not None else {}


def audio_files(audio_dir: Path) -> list[tuple[str, Path]]:
    """(name in the backup, file) of every regular file under `audio_dir`; links are left
    out (they may point anywhere)."""
    found = []
    for folder, dirs, files in os.walk(audio_dir):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(audio_dir).as_posix()
            found.append((f"{AUDIO}/{relative}", path))
    return found


def copy_range(source: int, target: int, count: int, offset: int | None, progress: Progress) -> int:
    """Copy `count` bytes from `source` (at `offset`, or its position) to `target`'s
    position inside the kernel, as `cp` does (no pass through Python); read and write
    where the file system cannot. Returns the bytes copied (fewer: the source ended)."""
    done = 0
    while done < count:
        step = min(CHUNK * 8, count - done)
        at = None if offset is None else offset + done
        try:
            copied = os.copy_file_range(source, target, step, at)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise
            data = os.pread(source, step, at) if at is not None else os.read(source, step)
            copied = _write_all(target, data)
        if copied == 0:
            break
        done += copied
        progress(copied)
    return done


def _write_all(fd: int, data: bytes) -> int:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    return len(data)


def _header(name: str, size: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, PRIVATE_FILE, int(time.time())
    return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _pad(fd: int, size: int) -> None:
    if size % tarfile.BLOCKSIZE:
        _write_all(fd, bytes(tarfile.BLOCKSIZE - size % tarfile.BLOCKSIZE))


def write(
    fd: int,
    database: Path,
    files: list[tuple[str, Path]],
    head: dict[str, Any],
    progress: Progress,
) -> Listing:
    """Write the backup as a tar to the file `fd`: head, database, audio, then the
    listing (the database's SHA-256 in it; audio by size, its bytes as they were)."""
    listing = Listing(schema=int(head.get("schema", 0)))
    _add_bytes(fd, HEAD, json.dumps(head).encode())
    digest = hashlib.sha256(database.read_bytes()).hexdigest()
    for name, path in [(DATABASE, database), *files]:
        try:
            source = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:  # removed meanwhile (old audio deleted): not kept
            log.info("%s disappeared before it was backed up", path)
            continue
        try:
            size = os.fstat(source).st_size
            _write_all(fd, _header(name, size))
            copied = copy_range(source, fd, size, 0, progress)
            if copied < size:  # cut short while it was copied: keep the archive whole
                _write_all(fd, bytes(size - copied))
            _pad(fd, size)
        finally:
            os.close(source)
        listing.files[name] = (size, digest if name == DATABASE else "")
    end = {"files": {k: list(v) for k, v in listing.files.items()}}
    _add_bytes(fd, END, json.dumps(end).encode())
    _write_all(fd, bytes(2 * tarfile.BLOCKSIZE))
    return listing


def _add_bytes(fd: int, name: str, data: bytes) -> None:
    _write_all(fd, _header(name, len(data)) + data)
    _pad(fd, len(data))


# -- reading -------------------------------------------------------------------------------


def _damaged(path: Path, reason: str, /, **fields: Any) -> StoreError:
    """The backup at `path` is damaged: `reason` is a "backup.<kind>" text with `fields`."""
    return StoreError.keyed("backup_damaged", path=path, reason=Keyed(f"backup.{reason}", **fields))


def _not_backup(path: Path, reason: str, /, **fields: Any) -> StoreError:
    return StoreError.keyed(
        "backup_not_backup", path=path, reason=Keyed(f"backup.{reason}", **fields)
    )


def _tar_reason(exc: BaseException, kind: str) -> OSError | Keyed:
    """The system's error, told by its category; else the "backup.<kind>" text, tarfile's
    own words (English) only logged."""
    if isinstance(exc, OSError):
        return exc
    log.info("tarfile: %s", str(exc) or type(exc).__name__)
    return Keyed(f"backup.{kind}")


def safe_name(name: str) -> bool:
    """A member name that stays inside the folder it is written to: the database, or a
    relative path under audio/ of plain parts."""
    if name in (DATABASE, HEAD, END, KEY_FILE):
        return True
    if "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return (
        len(parts) >= 2
        and parts[0] == AUDIO
        and all(part not in ("", ".", "..") for part in parts)
        and name == "/".join(parts)
    )


@contextlib.contextmanager
def opened(path: Path) -> Iterator[tarfile.TarFile]:
    try:
        tar = tarfile.open(path, mode="r:")  # noqa: SIM115 - closed by the `with` below
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise access_error(exc, path, "read") from None
    except (tarfile.TarError, EOFError, OSError) as exc:
        reason = _tar_reason(exc, "not_tar")
        raise StoreError.keyed("backup_not_backup", path=path, reason=reason) from None
    with tar:
        yield tar


def read_listing(path: Path) -> tuple[dict[str, Any], Listing, list[tarfile.TarInfo]]:
    """The head, the listing and the members of the backup at `path`, every name and
    size checked against the listing; nothing is written."""
    with opened(path) as tar:
        try:
            members = tar.getmembers()
        except (tarfile.TarError, EOFError, OSError) as exc:
            reason = _tar_reason(exc, "ends_early")
            raise StoreError.keyed("backup_damaged", path=path, reason=reason) from None
        if not members or members[0].name != HEAD or not members[0].isreg():
            raise _not_backup(path, "no_header")
        head = _json_member(tar, members[0], path)
        if head.get("app") != "microalign" or head.get("format") != FORMAT:
            raise _not_backup(path, "unknown_header", header=str(head)[:80])
        if members[-1].name != END or not members[-1].isreg():
            raise _damaged(path, "no_listing")
        end = _json_member(tar, members[-1], path)
        listing = _listing(end, head, path)
        _check_members(members[1:-1], listing, path)
    return head, listing, members[1:-1]


def _json_member(tar: tarfile.TarFile, member: tarfile.TarInfo, path: Path) -> dict[str, Any]:
    if member.size > MAX_MANIFEST:
        raise _not_backup(path, "member_too_large", name=member.name)
    try:
        extracted = tar.extractfile(member)
        data = json.loads(extracted.read()) if extracted is not None else None
    except ValueError as exc:  # JSON's or UTF-8's words, English: logged
        log.info("%s in %s: %s", member.name, path, exc)
        raise _damaged(path, "member_not_json", name=member.name) from None
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise _damaged(path, "member_unreadable", name=member.name, error=exc) from None
    if not isinstance(data, dict):
        raise _not_backup(path, "member_not_object", name=member.name)
    return data


def _listing(end: dict[str, Any], head: dict[str, Any], path: Path) -> Listing:
    files = end.get("files")
    if not isinstance(files, dict):
        raise _damaged(path, "listing_unreadable")
    schema = head.get("schema")
    listing = Listing(schema=schema if isinstance(schema, int) else 0)
    for name, entry in files.items():
        ok = isinstance(entry, list) and len(entry) == 2
        if not ok or not isinstance(entry[0], int) or not isinstance(entry[1], str | None):
            raise _damaged(path, "listing_bad_entry", name=repr(name))
        listing.files[name] = (entry[0], entry[1])
    if DATABASE not in listing.files:
        raise _damaged(path, "no_database")
    return listing


def _check_members(members: list[tarfile.TarInfo], listing: Listing, path: Path) -> None:
    seen = set()
    for member in members:
        if not safe_name(member.name) or member.name in (HEAD, END):
            raise StoreError.keyed("backup_unsafe", path=path, name=member.name)
        if not member.isreg():
            raise StoreError.keyed("backup_unsafe", path=path, name=member.name)
        if member.name in seen:
            raise _damaged(path, "member_twice", name=member.name)
        seen.add(member.name)
        expected = listing.files.get(member.name)
        if expected is None or expected[0] != member.size:
            raise _damaged(path, "member_mismatch", name=member.name)
    missing = set(listing.files) - seen
    if missing:
        raise _damaged(path, "member_missing", name=sorted(missing)[0])


def extract(
    path: Path, members: list[tarfile.TarInfo], listing: Listing, into: Path, progress: Progress
) -> None:
    """Write every member into the empty folder `into` (names checked by read_listing),
    each file's size, and the database's SHA-256, compared with the listing."""
    try:
        source = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise access_error(exc, path, "read") from None
    written = []
    try:
        for member in members:
            target = into.joinpath(*PurePosixPath(member.name).parts)
            _folders(into, target.parent)
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                try:
                    copied = copy_range(source, fd, member.size, member.offset_data, progress)
                finally:
                    os.close(fd)
            except OSError as exc:
                raise access_error(exc, target, "write") from None
            if copied != member.size:
                raise _damaged(path, "member_short", name=member.name)
            written.append(target)
    finally:
        os.close(source)
    expected = listing.files[DATABASE][1]
    if hashlib.sha256((into / DATABASE).read_bytes()).hexdigest() != expected:
        raise _damaged(path, "database_changed", name=DATABASE)
    _sync_all(written)


def _sync_all(files: list[Path]) -> None:
    """Make every file durable, once all are written: one syncfs(2) of their file system
    (a single journal commit, as `sync` does), or, where that is missing, each file's
    fsync."""
    if files and _syncfs(files[0].parent):
        return
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _syncfs(folder: Path) -> bool:
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def _folders(root: Path, folder: Path) -> None:
    missing = [p for p in (folder, *folder.parents) if p != root and root in p.parents]
    for each in reversed(missing):
        if not each.is_dir():
            each.mkdir(mode=PRIVATE_DIR)


def check_database(
    path: Path, backup: Path, known: int, check: str = "integrity_check", key: DataKey | None = None
) -> None:
    """The database of a backup, opened as the store opens its own (with `key` when the
    backup carries one): whole (SQLite's `check`), and of a schema this microalign knows."""
    if key is not None and is_plain(path):
        raise _damaged(backup, "key_but_plain")
    conn = None
    try:
        conn = connect(path, **_key_of(key))
        verdict = conn.execute(f"PRAGMA {check}").fetchall()
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except all_errors() as exc:
        raise _damaged(backup, "database_error", error=exc) from None
    finally:
        if conn is not None:
            conn.close()
    if verdict != [("ok",)]:
        log.info("the database of %s fails its check: %s", backup, verdict[0][0])
        raise _damaged(backup, "database_check")
    if version > known:
        raise StoreError.keyed("backup_newer", path=backup, version=version, known=known)


def database_member(path: Path, members: list[tarfile.TarInfo], into: Path) -> Path:
    """Only the database of the backup, written into `into`, for a check."""
    with opened(path) as tar:
        member = next(m for m in members if m.name == DATABASE)
        source = tar.extractfile(member)
        target = into / DATABASE
        if source is None:
            raise _damaged(path, "database_unreadable")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as out:
            try:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
            except (tarfile.TarError, EOFError) as exc:
                raise _damaged(path, "member_unreadable", name=DATABASE, error=exc) from None
    return target


def key_record(path: Path, members: list[tarfile.TarInfo]) -> dict[str, Any] | None:
    """The key file a backup of an encrypted store carries (None: the backup is plain)."""
    member = next((m for m in members if m.name == KEY_FILE), None)
    if member is None:
        return None
    with opened(path) as tar:
        return _json_member(tar, member, path)
