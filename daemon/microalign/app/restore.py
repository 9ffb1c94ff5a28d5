"""`restore`: bring back the store a backup holds, without ever leaving none that opens.

A restore checks the whole file before it changes anything and unpacks it into a folder
inside the data folder; then it swaps the new store in, the one it replaces kept in a
`replaced-<time>` folder there (adapters/restore_swap.py: a kill during the swap is
finished by the next command that opens the store).

The backup of an encrypted store carries its key file; a restore unlocks that key
(passphrase or keyring, as every command does) before anything changes.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from microalign.adapters import backup as archive
from microalign.adapters import restore_swap as swap
from microalign.adapters.files import sync_folder
from microalign.adapters.lock import checkin_lock, daemon_lock
from microalign.adapters.paths import private_dir
from microalign.app.backup import Done, ProgressFactory, no_progress
from microalign.app.context import App
from microalign.errors import BusyError, StoreError, UsageError

if TYPE_CHECKING:
    from microalign.adapters.crypto.keys import DataKey


def restore(app: App, source: Path, force: bool, progress: ProgressFactory = no_progress) -> Done:
    """Replace the store with the backup at `source`; the store replaced is kept aside."""
    from microalign.adapters.store import SCHEMA_VERSION

    _, listing, members = archive.read_listing(source)  # the whole file, before any change
    key = _backup_key(app, source, members)
    data, database = app.paths.data_dir, app.paths.database
    try:
        with daemon_lock(app.paths), checkin_lock(app.paths):
            swap.finish_interrupted(app.paths)
            existing = _has_store(database, app.paths.audio_dir)
            if existing and not force:
                raise UsageError.keyed("restore_exists", path=data)
            private_dir(data)
            _clear_leftovers(data)
            staging = Path(tempfile.mkdtemp(prefix=swap.STAGING, dir=data))
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
            aside = swap.aside_name(data) if existing else None
            has_key = (staging / archive.KEY_FILE).exists()
            swap.carry_out(app.paths, swap.journal(staging, aside, has_key))
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
    with contextlib.suppress(OSError):
        if database.stat().st_size > 0:
            return True
    with contextlib.suppress(OSError):
        return any(audio.iterdir())
    return False


def _clear_leftovers(data: Path) -> None:
    """Folders a restore killed before its swap left half filled: their backup is still
    where it was."""
    for leftover in data.glob(f"{swap.STAGING}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _check_restored(app: App) -> None:
    """Open the restored store as every command does (an older one is migrated), and end
    with SQLite's full integrity check."""
    store = app.store
    problems = store.integrity_problems()
    if problems:
        raise StoreError.keyed("store_unreadable", path=store.path, error=problems[0])
