"""`backup` and `restore`: the whole store (database and audio) in one file, and back.

A backup is written beside its destination and renamed into place only once it has been
read again and its database passed SQLite's integrity check. A restore checks the whole
file before it changes anything, unpacks it into a folder inside the data folder, keeps
the store it replaces in a `replaced-<time>` folder there, and swaps the new store in by
renames: a kill at any moment leaves a store that opens (the old one or the new one),
and every byte of the old one stays on disk.

The backup of an encrypted store is encrypted with its key and carries its key file; a
restore unlocks that key (passphrase or keyring, as every command does) before anything
changes, and puts the key file back with the database.
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
from microalign.adapters.files import PRIVATE_FILE, access_error, make_folders, sync_folder
from microalign.adapters.lock import checkin_lock, daemon_lock
from microalign.adapters.paths import private_dir
from microalign.app.context import App
from microalign.errors import BusyError, StoreError, UsageError

if TYPE_CHECKING:
    from microalign.adapters.crypto.keys import DataKey

STAGING = ".restore-"
ASIDE = "replaced-"

# Given the total of bytes to copy, returns what is told of each part copied.
ProgressFactory = Callable[[int], archive.Progress]


def _quiet(total: int) -> archive.Progress:
    return lambda done: None


@dataclass(frozen=True)
class Done:
    path: Path
    audio_files: int
    size: int
    aside: Path | None = None


def backup(app: App, output: Path, progress: ProgressFactory = _quiet) -> Done:
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
            archive.snapshot(store.conn, snapshot, key)
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
        raise StoreError.keyed("backup_damaged", path=written, reason="its key file is missing")
    check = work / "check"
    check.mkdir(mode=0o700)
    database = archive.database_member(written, members, check)
    archive.check_database(database, written, SCHEMA_VERSION, key=key)


# -- restore -------------------------------------------------------------------------------


def restore(app: App, source: Path, force: bool, progress: ProgressFactory = _quiet) -> Done:
    """Replace the store with the backup at `source`; the store replaced is kept aside."""
    from microalign.adapters.store import SCHEMA_VERSION

    _, listing, members = archive.read_listing(source)  # the whole file, before any change
    key = _backup_key(app, source, members)
    data, database = app.paths.data_dir, app.paths.database
    try:
        with daemon_lock(app.paths), checkin_lock(app.paths):
            existing = _has_store(database, app.paths.audio_dir)
            if existing and not force:
                raise UsageError.keyed("restore_exists", path=data)
            private_dir(data)
            _clear_leftovers(data)
            staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=data))
            try:
                archive.extract(source, members, listing, staging, progress(listing.size))
                # Before the swap, the quick check (its bytes are checked against the
                # listing's SHA-256 already); the full one ends the restore.
                staged = staging / archive.DATABASE
                archive.check_database(staged, source, SCHEMA_VERSION, "quick_check", key)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            sync_folder(staging)
            aside = _set_aside(data, database, app.paths.audio_dir) if existing else None
            _swap_in(staging, database, app.paths.audio_dir)
    except BusyError as exc:
        raise BusyError.keyed("restore_busy", holder=exc.fields.get("holder", "?")) from None
    app.use_key(key)
    _check_restored(app)
    return Done(database, listing.audio_count, listing.size, aside)


def _backup_key(app: App, source: Path, members: list) -> DataKey | None:
    """The key of an encrypted backup, unlocked from the key file it carries as the App
    unlocks its store's (the passphrase or the keyring): a wrong or missing one stops the
    restore before it changes anything."""
    record = archive.key_record(source, members)
    if record is None:
        return None
    from microalign.adapters.crypto.keys import PassphraseSource, unlock_record

    return unlock_record(record, source, PassphraseSource(fd=app.passphrase_fd))


def _has_store(database: Path, audio: Path) -> bool:
    if _size(database) > 0:
        return True
    with contextlib.suppress(OSError):
        return any(audio.iterdir())
    return False


def _clear_leftovers(data: Path) -> None:
    """Folders a killed restore left half filled: their backup is still where it was."""
    for leftover in data.glob(f"{STAGING}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _set_aside(data: Path, database: Path, audio: Path) -> Path:
    """Keep the current store in data/replaced-<time>/: the database by a second name
    (a hard link: nothing is copied, and it stays in place until the new one replaces
    it), the audio folder moved there. An encrypted one keeps its key file and its
    log beside it: they are linked as they are, as its key may not be at hand."""
    from microalign.adapters.crypto.keys import key_file
    from microalign.adapters.store.connect import connect, is_plain

    encrypted = is_plain(database) is False
    if database.exists() and not encrypted:
        conn = connect(database)  # no other process holds it: closing empties the log
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside, number = data / f"{ASIDE}{stamp}", 1
    while aside.exists():
        number += 1
        aside = data / f"{ASIDE}{stamp}-{number}"
    try:
        aside.mkdir(mode=0o700)
        kept = [database, key_file(data)]
        if encrypted:
            kept.append(Path(f"{database}-wal"))
        for path in kept:
            if path.exists():
                try:
                    os.link(path, aside / path.name)
                except OSError:
                    shutil.copy2(path, aside / path.name)
        if audio.exists():
            os.rename(audio, aside / audio.name)
    except OSError as exc:
        raise access_error(exc, exc.filename or aside, "write") from None
    sync_folder(aside)
    sync_folder(data)
    return aside


def _swap_in(staging: Path, database: Path, audio: Path) -> None:
    from microalign.adapters.crypto.keys import key_file

    try:
        staged_audio = staging / archive.AUDIO
        if audio.exists() and not any(audio.iterdir()):
            audio.rmdir()
        if staged_audio.exists():
            os.rename(staged_audio, audio)
        for suffix in ("-wal", "-shm"):  # of the old database: never of the new one
            with contextlib.suppress(FileNotFoundError):
                Path(f"{database}{suffix}").unlink()
        # The key file of the backup, or none: the old one would not open the new store.
        if (staging / archive.KEY_FILE).exists():
            os.replace(staging / archive.KEY_FILE, key_file(database.parent))
        else:
            key_file(database.parent).unlink(missing_ok=True)
        os.replace(staging / archive.DATABASE, database)
    except OSError as exc:
        raise access_error(exc, exc.filename or database, "write") from None
    sync_folder(database.parent)
    shutil.rmtree(staging, ignore_errors=True)
    make_folders(audio)


def _check_restored(app: App) -> None:
    """Open the restored store as every command does (an older one is migrated), and end
    with SQLite's full integrity check."""
    store = app.store
    verdict = store.rows("PRAGMA integrity_check")
    if [list(r.values()) for r in verdict] != [["ok"]]:
        raise StoreError.keyed(
            "store_unreadable", path=store.path, error=next(iter(verdict[0].values()))
        )
