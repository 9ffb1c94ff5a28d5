"""Turning a store encrypted, or plain again, so that a kill at any moment leaves a whole
store: the old one or the new one, never neither.

The database is written anew beside the old one (SQLCipher's export), synced, checked, and
renamed over it in one step; each recording likewise. A journal in the data folder says
which way a conversion goes while it runs; running the command again finishes it (every
step can tell from the files themselves whether it is done). The key file is written before
a store is encrypted and removed only after it is plain again, so whatever state a kill
leaves, the key that opens it is there.
"""

from __future__ import annotations

import json
import logging
import os
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from microalign.adapters.crypto import audiofile
from microalign.adapters.crypto.keys import JOURNAL
from microalign.adapters.files import sync_folder
from microalign.adapters.store.connect import connect, is_plain, key_literal
from microalign.errors import StoreError

log = logging.getLogger(__name__)

NEW_SUFFIX = ".converting"
ENCRYPTED, PLAIN = "encrypted", "plain"


@dataclass
class Outcome:
    database: bool = False  # the database was converted by this run
    recordings: int = 0
    resumed: bool = False
    problems: list[str] = field(default_factory=list)


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL


def pending(data_dir: Path) -> str | None:
    """The direction of a conversion a kill interrupted ("encrypted"/"plain"), or None."""
    try:
        return str(json.loads(journal_path(data_dir).read_text())["to"])
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return "?"


def convert(
    data_dir: Path,
    database: Path,
    audio_dir: Path,
    db_key: bytes,
    audio_key: bytes,
    to: str,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Outcome:
    """Make the database and every recording `to` ENCRYPTED or PLAIN with these keys."""
    from microalign.adapters.files import write_private

    outcome = Outcome(resumed=pending(data_dir) is not None)
    write_private(journal_path(data_dir), json.dumps({"to": to}) + "\n")
    if database.exists() and is_plain(database) is (to == ENCRYPTED):
        _convert_database(database, db_key, to)
        outcome.database = True
    else:
        Path(f"{database}{NEW_SUFFIX}").unlink(missing_ok=True)
    outcome.recordings = _convert_audio(audio_dir, audio_key, to, progress)
    journal_path(data_dir).unlink(missing_ok=True)
    sync_folder(data_dir)
    return outcome


def _convert_database(database: Path, db_key: bytes, to: str) -> None:
    new = Path(f"{database}{NEW_SUFFIX}")
    new.unlink(missing_ok=True)  # a half-written one from a killed run
    source_key = db_key if to == PLAIN else None
    conn = connect(database, source_key, cipher=True, source="convert")
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        # Every change into the main file first: the -wal is removed before the rename.
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise StoreError.keyed("store_locked", path=database)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        target_key = key_literal(db_key) if to == ENCRYPTED else "''"
        conn.execute(f"ATTACH DATABASE ? AS target KEY {target_key}", (str(new),))
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute(f"PRAGMA target.user_version = {version}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()
    _check_new(new, db_key if to == ENCRYPTED else None)
    _fsync(new)
    for suffix in ("-wal", "-shm"):  # the old log is empty now, and would not fit the new file
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(new, database)
    sync_folder(database.parent)


def _check_new(new: Path, key: bytes | None) -> None:
    conn = connect(new, key, cipher=key is not None, source="convert")
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{new}{suffix}").unlink(missing_ok=True)
    if verdict != "ok":
        raise StoreError.keyed("store_unreadable", path=new, error=verdict)


def recordings(audio_dir: Path) -> Iterator[Path]:
    if not audio_dir.is_dir():
        return
    for path in sorted(audio_dir.rglob("*")):
        if path.name.endswith(NEW_SUFFIX):
            path.unlink(missing_ok=True)  # a half-written one from a killed run
        elif path.is_file() and path.suffix == ".wav":
            yield path


def _convert_audio(
    audio_dir: Path, key: bytes, to: str, progress: Callable[[int, int], None]
) -> int:
    files = list(recordings(audio_dir))
    done = 0
    for number, path in enumerate(files, 1):
        try:
            sealed = audiofile.is_sealed(path)
        except OSError as exc:
            log.warning("cannot read %s: %s", path, exc)
            continue
        if sealed is (to == PLAIN):
            new = path.with_name(path.name + NEW_SUFFIX)
            try:
                if to == ENCRYPTED:
                    audiofile.seal_file(path, new, key)
                else:
                    audiofile.unseal_file(path, new, key)
            except (audiofile.SealError, EOFError, OSError, ValueError, wave.Error) as exc:
                new.unlink(missing_ok=True)
                log.warning("%s stays as it is: %s", path, exc)
                continue
            os.replace(new, path)
            sync_folder(path.parent)
            done += 1
        progress(number, len(files))
    return done


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
