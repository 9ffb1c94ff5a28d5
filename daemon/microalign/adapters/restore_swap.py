"""The swap of a restore: the old store set aside, the new one moved in, by renames that can
each be done again after a kill.

The database and its key file are two files, so no single rename swaps them: a kill
between them would leave a key that does not open the database beside it. A journal
naming the unpacked store is therefore written first, each step is one that can be done
again, and whoever next opens the store finds the journal and finishes the swap
(`finish_interrupted`): the new store is in place, whole, and every byte of the old one
is in its `replaced-` folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microalign.adapters import backup as archive
from microalign.adapters.files import make_folders, sync_folder, write_private
from microalign.errors import StoreError, access_error

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths

STAGING = ".restore-"  # the unpacked backup, inside the data folder
ASIDE = "replaced-"  # the store a restore replaced, kept inside the data folder
# The journal's phases: the old store is being set aside, then the new one swapped in.
ASIDE_PHASE, SWAP_PHASE = "aside", "swap"


def journal(staging: Path, aside: Path | None, has_key: bool) -> dict[str, Any]:
    """What a swap needs to be finished by another process: the unpacked store's folder,
    where the old one goes (None: there is none), whether the new one has a key file."""
    return {"staging": staging.name, "aside": aside.name if aside else None, "key": has_key}


def carry_out(paths: Paths, journal: dict[str, Any]) -> None:
    """Set the old store aside and swap the new one in, as `journal` says; each step is
    one that may be done again after a kill."""
    data = paths.data_dir
    staging, aside = data / journal["staging"], journal.get("aside")
    if journal.get("phase") != SWAP_PHASE:
        write_private(paths.restore_journal, json.dumps(journal | {"phase": ASIDE_PHASE}))
        sync_folder(data)
        if aside:
            _set_aside(data / aside, paths.database, paths.audio_dir)
        write_private(paths.restore_journal, json.dumps(journal | {"phase": SWAP_PHASE}))
    _swap_in(staging, paths.database, paths.audio_dir, bool(journal.get("key")))
    paths.restore_journal.unlink()
    sync_folder(data)


def finish_interrupted(paths: Paths) -> bool:
    """Finish the swap of a restore that was killed during it (see the module's doc);
    False when none was pending. Two processes may both find the journal: the second
    waits for the first (a lock on the journal) and then finds nothing left to do."""
    import fcntl

    path = paths.restore_journal
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise access_error(exc, path, "read") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if not path.exists():  # finished by another process while this one waited
            return False
        carry_out(paths, _read_journal(path))
        return True
    finally:
        os.close(fd)


def _read_journal(path: Path) -> dict[str, Any]:
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        names = [journal["staging"], journal.get("aside") or ASIDE]
        if not all(isinstance(n, str) and "/" not in n and n not in (".", "..") for n in names):
            raise ValueError("a folder name that is not one")
        if not journal["staging"].startswith(STAGING) or not names[1].startswith(ASIDE):
            raise ValueError("a folder that is not a restore's")
        return journal
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError.keyed("restore_journal_broken", path=path, error=exc) from None


def aside_name(data: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside, number = data / f"{ASIDE}{stamp}", 1
    while aside.exists():
        number += 1
        aside = data / f"{ASIDE}{stamp}-{number}"
    return aside


def _set_aside(aside: Path, database: Path, audio: Path) -> None:
    """Keep the current store in `aside`: the database by a second name (a hard link:
    nothing is copied, and it stays in place until the new one replaces it), the audio
    folder moved there. An encrypted one keeps its key file and its log beside it: they
    are linked as they are, as its key may not be at hand. What a killed run already set
    aside is not set aside again."""
    from microalign.adapters.crypto.keys import key_file
    from microalign.adapters.store.connect import connect, is_plain

    data = database.parent
    encrypted = is_plain(database) is False
    if database.exists() and not encrypted and not (aside / database.name).exists():
        conn = connect(database)  # no other process holds it: closing empties the log
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    try:
        aside.mkdir(mode=0o700, exist_ok=True)
        kept = [database, key_file(data)]
        if encrypted:
            kept.append(Path(f"{database}-wal"))
        for path in kept:
            if path.exists() and not (aside / path.name).exists():
                try:
                    os.link(path, aside / path.name)
                except OSError:
                    shutil.copy2(path, aside / path.name)
        if audio.exists():  # nothing new is in place before the swap: it is the old one
            os.rename(audio, aside / audio.name)
    except OSError as exc:
        raise access_error(exc, exc.filename or aside, "write") from None
    sync_folder(aside)
    sync_folder(data)


def _swap_in(staging: Path, database: Path, audio: Path, has_key: bool) -> None:
    """Move what is still in `staging` into place: the audio, then the key file (or
    none), then the database."""
    from microalign.adapters.crypto.keys import key_file

    try:
        staged_audio, staged = staging / archive.AUDIO, staging / archive.DATABASE
        if staged_audio.exists():
            if audio.exists() and not any(audio.iterdir()):
                audio.rmdir()
            os.rename(staged_audio, audio)
        if staged.exists():
            for suffix in ("-wal", "-shm"):  # of the old database: never of the new one
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{database}{suffix}").unlink()
            # The key file of the backup, or none: the old one would not open the new store.
            if (staging / archive.KEY_FILE).exists():
                os.replace(staging / archive.KEY_FILE, key_file(database.parent))
            elif not has_key:
                key_file(database.parent).unlink(missing_ok=True)
            os.replace(staged, database)
    except OSError as exc:
        raise access_error(exc, exc.filename or database, "write") from None
    sync_folder(database.parent)
    shutil.rmtree(staging, ignore_errors=True)
    make_folders(audio)
