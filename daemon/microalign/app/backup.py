"""`backup`: the whole store (database and audio) in one file (`restore.py` brings it back).

A backup is written beside its destination and renamed into place only once it has been
read again and its database passed SQLite's integrity check. The backup of an encrypted
store is encrypted with its key and carries its key file.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from microalign.adapters import backup as archive
from microalign.adapters.files import PRIVATE_FILE, sync_folder
from microalign.app.context import App
from microalign.errors import StoreError, UsageError, access_error
from microalign.i18n import Keyed

if TYPE_CHECKING:
    from microalign.adapters.crypto.keys import DataKey

# Given the total of bytes to copy, returns what is told of each part copied.
ProgressFactory = Callable[[int], archive.Progress]


def no_progress(total: int) -> archive.Progress:
    """Progress for a caller that shows none."""
    return lambda done: None


@dataclass(frozen=True)
class Done:
    path: Path
    audio_files: int
    size: int
    aside: Path | None = None


def backup(app: App, output: Path, progress: ProgressFactory = no_progress) -> Done:
    """Write the backup of the store to `output` (0600, replaced in one step)."""
    store = app.store
    output = output.absolute()
    audio = app.paths.audio_dir.absolute()
    if output.parent == audio or audio in output.parents:
        raise UsageError.keyed("backup_inside_audio", path=output, audio=audio)
    files = archive.audio_files(audio) if audio.is_dir() else []
    key = app.data_key if store.encrypted else None
    if key is not None:
        from microalign.adapters.crypto.keys import key_file

        files.append((archive.KEY_FILE, key_file(app.paths.data_dir)))
    total = sum(_size(path) for _, path in files)
    head = {
        "app": "microalign",
        "format": archive.FORMAT,
        "schema": store.schema_version(),
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    _clear_stale(output)
    with _temporary(output) as (handle, tmp), _work_folder(output) as work:
        snapshot = work / archive.DATABASE
        with _writing(output):
            store.snapshot(snapshot, key.database if key else None, key.source if key else "")
        report = progress(total + _size(snapshot))
        with _writing(output):
            listing = archive.write(handle.fileno(), snapshot, files, head, report)
            os.fsync(handle.fileno())
        handle.close()
        _verify(tmp, work, key)
        try:
            os.replace(tmp, output)
        except OSError as exc:
            raise access_error(exc, output, "write") from None
    sync_folder(output.parent)
    return Done(output, listing.audio_count, output.stat().st_size)


def _prefix(output: Path) -> str:
    """Temporary files beside `output` carry the writer's pid: a later backup removes
    those whose writer was killed."""
    return f".{output.name}.{os.getpid()}."


def _clear_stale(output: Path) -> None:
    for leftover in output.parent.glob(f".{glob.escape(output.name)}.*"):
        pid = leftover.name[len(output.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue  # not ours, or its writer still runs
        if leftover.name.endswith(".tmp") and leftover.is_file():
            leftover.unlink(missing_ok=True)
        elif leftover.name.endswith(".work") and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise access_error(exc, path, "write") from None


@contextlib.contextmanager
def _temporary(output: Path) -> Iterator[tuple[IO[bytes], Path]]:
    """A fresh 0600 file beside `output`, removed unless it was renamed into place."""
    try:
        fd, name = tempfile.mkstemp(prefix=_prefix(output), suffix=".tmp", dir=output.parent)
    except OSError as exc:
        raise access_error(exc, output, "write") from None
    tmp = Path(name)
    handle = os.fdopen(fd, "wb")
    try:
        os.fchmod(fd, PRIVATE_FILE)
        yield handle, tmp
    finally:
        if not handle.closed:
            handle.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def _work_folder(output: Path) -> Iterator[Path]:
    try:
        work = Path(tempfile.mkdtemp(prefix=_prefix(output), suffix=".work", dir=output.parent))
    except OSError as exc:
        raise access_error(exc, output.parent, "create_folder") from None
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _verify(written: Path, work: Path, key: DataKey | None) -> None:
    """Read the new file back as a restore would: every name and size, its key file, and
    its database (opened with the key) through SQLite's integrity check."""
    from microalign.adapters.store import SCHEMA_VERSION

    _, listing, members = archive.read_listing(written)
    if key is not None and archive.KEY_FILE not in listing.files:
        missing = Keyed("backup.key_missing")
        raise StoreError.keyed("backup_damaged", path=written, reason=missing)
    check = work / "check"
    check.mkdir(mode=0o700)
    database = archive.database_member(written, members, check)
    archive.check_database(database, written, SCHEMA_VERSION, key=key)


# -- restore -------------------------------------------------------------------------------
