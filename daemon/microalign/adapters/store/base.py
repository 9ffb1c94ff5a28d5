"""The store's connection and its small helpers, shared by every part of the store."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microalign.errors import FileAccessError, MicroalignError, StoreError

if TYPE_CHECKING:
    from sqlite_utils import Database


BUSY_TIMEOUT_MS = 5000


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# SQLite's primary result codes (the low byte of an extended one) that speak of the disk.
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_CANNOT_WRITE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3's errors into messages that say what to do."""
    from microalign.adapters.store.connect import database_errors, operational_errors

    try:
        yield
    except operational_errors() as exc:
        raise operational_error(exc, path) from None
    except database_errors() as exc:
        raise StoreError.keyed("store_unreadable", path=path, error=exc) from None


def operational_error(exc: Exception, path: Path) -> MicroalignError:
    """What went wrong, named by its cause: the disk holding the database is full or
    read-only (the disk itself is asked: SQLite reports a full disk while it grows its
    shared memory file as an I/O error), the file's permissions, a lock, or the database."""
    from microalign.adapters.files import disk_problem

    text = str(exc)
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in _BUSY or "locked" in text or "busy" in text:
        return StoreError.keyed("store_locked", path=path)
    full = code == sqlite3.SQLITE_FULL or "disk is full" in text
    if full or code == sqlite3.SQLITE_IOERR or code in _CANNOT_WRITE:
        problem = disk_problem(path.parent)
        if problem is not None:
            return problem
    if full:  # with room on the disk: a quota, or a size limit
        return FileAccessError.keyed("store_full", path=path, error=text)
    if code in _CANNOT_WRITE or "readonly" in text or "unable to open" in text:
        return FileAccessError.keyed("store_read_only", path=path, error=text, folder=path.parent)
    if code == sqlite3.SQLITE_IOERR or "disk I/O" in text:
        return FileAccessError.keyed("store_io", path=path, error=text)
    return StoreError.keyed("store_failed", path=path, error=text)


class StoreBase:
    """One open database connection."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, encrypted: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.encrypted = encrypted
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def close(self) -> None:
        self.conn.close()

    # -- small helpers -------------------------------------------------------------------

    def rows(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        with translate_errors(self.path):
            cursor = self.conn.execute(sql, params)
            # dict(zip()) over the row's values: dict(row) asks a Row key by key, which
            # costs as much as the query itself on ten years of answers (export).
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, r, strict=True)) for r in cursor]

    def row(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def insert(self, table: str, record: dict[str, Any]) -> int:
        with translate_errors(self.path), self.conn:
            inserted = self.db.table(table).insert(record).last_pk
        if inserted is None:
            raise StoreError(f"Nothing was added to {table} in {self.path}.")
        return int(inserted)

    def update(self, table: str, pk: int, changes: dict[str, Any]) -> None:
        with translate_errors(self.path), self.conn:
            self.db.table(table).update(pk, changes)
