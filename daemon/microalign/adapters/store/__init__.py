"""The database: SQLite on the user's machine, via sqlite-utils for writes and migrations.

Reads use the plain sqlite3 connection so read-only commands (`status`) never import
sqlite-utils; the schema version lives in PRAGMA user_version for the same reason.
One SqliteStore class (every role of ports.store), written in parts: check-ins, answers,
goals (with their milestones).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from microalign.adapters.paths import private_dir
from microalign.adapters.store.answers import UNUSED, AnswerStore
from microalign.adapters.store.base import BUSY_TIMEOUT_MS, now_iso, translate_errors
from microalign.adapters.store.checkins import CHECKIN_STATUS_ORDER, RESUMABLE, CheckinStore
from microalign.adapters.store.connect import all_errors, connect, row_factory
from microalign.adapters.store.goals import GoalStore
from microalign.adapters.store.imports import ImportStore
from microalign.adapters.store.progress import ProgressStore
from microalign.errors import FileAccessError, StoreError
from microalign.ports.store import (
    AWAITING_REASON,
    CLAIM_BUSY,
    CLAIM_NEW,
    CLAIM_RESUMED,
    CLAIM_SETTLED,
    Claim,
)

__all__ = [
    "AWAITING_REASON",
    "BUSY_TIMEOUT_MS",
    "CHECKIN_STATUS_ORDER",
    "CLAIM_BUSY",
    "CLAIM_NEW",
    "CLAIM_RESUMED",
    "CLAIM_SETTLED",
    "RESUMABLE",
    "SCHEMA_VERSION",
    "UNUSED",
    "Claim",
    "SqliteStore",
    "connect",
    "now_iso",
    "probe",
    "translate_errors",
]

log = logging.getLogger(__name__)

# Bump together with a new step in migrations.py (a test checks they agree).
SCHEMA_VERSION = 9
# Errors after which a reading command still opens the database (for reading only).
CANNOT_WRITE_KEYS = frozenset({"disk_full", "disk_read_only", "store_read_only"})


def read_only_connection(path: Path, key: bytes | None = None) -> sqlite3.Connection | None:
    """A connection that reads the database without writing a byte, or None.

    SQLite reads a database in WAL mode through its shared memory file (-shm), which it
    creates, or grows, even to read: impossible on a read-only file system without one, or
    on a full disk. A database whose write-ahead log is empty (every change is in the main
    file: the last writer closed it) can then be read as immutable, with no lock and no
    -shm; a log with changes in it needs its -shm, and then the plain read-only mode works
    (the -shm is there, left by the writer that still runs or crashed).
    """
    for mode in ("ro", "immutable"):
        if mode == "immutable" and _log_has_changes(path):
            return None  # as immutable it would silently miss them
        conn = None
        try:
            conn = connect(path, key, mode=mode, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except all_errors() as exc:
            log.debug("%s cannot be read with %s: %s", path, mode, exc)
            if conn is not None:
                conn.close()
            continue
        return conn
    return None


def _log_has_changes(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: do not risk reading without it


def probe(path: Path, key: bytes | None = None, source: str = "") -> tuple[str, int]:
    """(quick_check verdict, schema version) of the database, opened read-only: nothing is
    created or migrated. Raises StoreError: SQLite's (or SQLCipher's) own words when it
    cannot be read, or which key was missing or wrong."""
    try:
        conn = connect(path, key, mode="ro", timeout=5, source=source)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except all_errors() as exc:
        raise StoreError(str(exc)) from exc
    return str(verdict), int(version)


class SqliteStore(CheckinStore, AnswerStore, GoalStore, ProgressStore, ImportStore):
    """One open database. Cheap to open; apply migrations only when the version is behind."""

    @classmethod
    def open(
        cls,
        path: Path,
        seed_values: list[str] | tuple[str, ...] = (),
        *,
        read_only_ok: bool = False,
        key: bytes | None = None,
        key_source: str = "",
    ) -> SqliteStore:
        """The database at `path`, created or migrated as needed. With `read_only_ok` (a
        command that only reads), a database on a full or read-only disk is opened for
        reading instead of refused; a write then fails naming the disk's problem. `key`
        opens (or creates) an encrypted store; `key_source` names where it came from."""
        try:
            return cls._open(path, seed_values, key, key_source)
        except FileAccessError as exc:
            if not read_only_ok or exc.key not in CANNOT_WRITE_KEYS:
                raise
            conn = read_only_connection(path, key)
            if conn is None:
                raise
            store = cls._connected(conn, path)
            if store.schema_version() != SCHEMA_VERSION:  # nothing can be migrated now
                store.close()
                raise
            log.info("%s is opened for reading only: %s", path, exc.message)
            return store

    @classmethod
    def _open(
        cls,
        path: Path,
        seed_values: list[str] | tuple[str, ...],
        key: bytes | None,
        key_source: str,
    ) -> SqliteStore:
        from microalign.adapters.files import private_database

        private_dir(path.parent)
        created = private_database(path)  # also makes an existing one 0600
        with translate_errors(path):
            conn = connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000, source=key_source)
            store = cls._connected(conn, path)
            version = store.schema_version()
            if version > SCHEMA_VERSION:
                store.close()
                raise StoreError.keyed(
                    "store_newer", path=path, version=version, known=SCHEMA_VERSION
                )
            if version < SCHEMA_VERSION:
                store._migrate(seed_values if created or version == 0 else ())
        return store

    @classmethod
    def _connected(cls, conn: sqlite3.Connection, path: Path) -> SqliteStore:
        conn.row_factory = row_factory(conn)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        return cls(conn, path, encrypted=not isinstance(conn, sqlite3.Connection))

    def snapshot(self, target: Path, key: bytes | None = None, key_source: str = "") -> None:
        """A consistent copy at `target` through SQLite's online backup API: one read
        transaction, so a daemon writing meanwhile is neither blocked nor half-copied. With
        the key of an encrypted store the copy is encrypted with it (SQLCipher copies
        between two databases of the same key)."""
        copy = connect(target, key, source=key_source)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()

    def integrity_problems(self) -> list[str]:
        """What SQLite's full integrity check finds wrong (empty: nothing)."""
        with translate_errors(self.path):
            found = [str(r[0]) for r in self.conn.execute("PRAGMA integrity_check")]
        return [] if found == ["ok"] else found

    def schema_version(self) -> int:
        with translate_errors(self.path):
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, seed_values: list[str] | tuple[str, ...]) -> None:
        from microalign.adapters.migrations import migrations

        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            log.warning("SQLite refused WAL mode (%s); continuing in %s mode", self.path, mode)
        migrations.apply(self.db)
        with self.conn:
            for name in seed_values:
                self._insert_value(name)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for suffix in ("", "-wal", "-shm"):
            extra = Path(f"{self.path}{suffix}")
            if extra.exists():
                extra.chmod(0o600)

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
