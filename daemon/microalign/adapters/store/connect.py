"""The one place a database connection is made: plain SQLite, or SQLCipher for an encrypted
store. Everything that opens the database (the store, doctor's probe, encrypt/decrypt,
backups) goes through `connect`, so the two kinds are told apart in one place.

A store is encrypted when its first page is not a plain SQLite header; an empty or missing
file is created encrypted when a key is given. The SQLCipher module is imported only for
an encrypted store: a plain one never pays for it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from microalign.errors import ExternalProgramError, StoreError

CIPHER_MODULE = "sqlcipher3"


def is_plain(path: Path) -> bool | None:
    """True: a plain SQLite file; False: something else (encrypted); None: missing or empty.

    Asked of SQLite itself, not by reading the file's first bytes: closing any descriptor
    of a database file drops every POSIX lock this process holds on it, so another open
    connection here would go on reading an old snapshot (SQLite keeps its own descriptors
    open while one of its connections holds a lock)."""
    try:
        if path.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        # Only a header SQLite does not know makes the file "not a database"; a locked
        # or otherwise troubled plain file is still plain (opening it will say what).
        return "not a database" not in str(exc)
    finally:
        conn.close()
    return True


def cipher_module() -> Any:
    try:
        import sqlcipher3
    except ImportError:
        raise ExternalProgramError.keyed("crypto_missing", package="sqlcipher3-binary") from None
    return sqlcipher3


def database_errors() -> tuple[type[Exception], ...]:
    """sqlite3.DatabaseError and, once SQLCipher is loaded, its own (a separate class tree)."""
    found: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
    module = sys.modules.get(f"{CIPHER_MODULE}.dbapi2")
    return (*found, module.DatabaseError) if module is not None else found


def operational_errors() -> tuple[type[Exception], ...]:
    found: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
    module = sys.modules.get(f"{CIPHER_MODULE}.dbapi2")
    return (*found, module.OperationalError) if module is not None else found


def all_errors() -> tuple[type[Exception], ...]:
    found: tuple[type[Exception], ...] = (sqlite3.Error,)
    module = sys.modules.get(f"{CIPHER_MODULE}.dbapi2")
    return (*found, module.Error) if module is not None else found


def connect(
    path: Path,
    key: bytes | None = None,
    *,
    mode: str | None = None,
    timeout: float = 5.0,
    source: str = "",
    cipher: bool = False,
) -> sqlite3.Connection:
    """A connection to `path`: `mode` is None (read and write), "ro" or "immutable".

    `key` (the database key, 32 bytes) opens an encrypted store, or creates one in an empty
    file; a plain store opens plain whatever the key. An encrypted store with the wrong key
    raises StoreError (exit 4) naming `source`, the key's origin.
    `cipher` opens even a plain store through SQLCipher (to export it encrypted).
    """
    if not cipher and key is None:
        # Without a key, a file that is not plain SQLite is reported as unreadable by SQLite
        # itself: damaged, or encrypted with its key file lost (the hint names both).
        return _plain(path, mode, timeout)
    plain = is_plain(path)
    if not cipher and plain:
        return _plain(path, mode, timeout)
    module = cipher_module()
    target = _uri(path, mode)
    if target:
        conn = module.connect(target, uri=True, timeout=timeout)
    else:
        conn = module.connect(str(path), timeout=timeout)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error, not a log line
        if key is not None and not plain:
            conn.execute(f"PRAGMA key = {key_literal(key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError:
        conn.close()
        raise StoreError.keyed("store_key_wrong", path=path, source=source or "?") from None
    return conn


def key_literal(key: bytes) -> str:
    """A raw key for PRAGMA key / ATTACH … KEY: SQLCipher then skips its own key derivation
    (the key is random already), which keeps opening an encrypted store fast."""
    return f"\"x'{key.hex()}'\""


def _plain(path: Path, mode: str | None, timeout: float) -> sqlite3.Connection:
    target = _uri(path, mode)
    if target:
        return sqlite3.connect(target, uri=True, timeout=timeout)
    return sqlite3.connect(path, timeout=timeout)


def _uri(path: Path, mode: str | None) -> str | None:
    if mode is None:
        return None
    option = "immutable=1" if mode == "immutable" else f"mode={mode}"
    return f"file:{quote(str(path))}?{option}"


def row_factory(conn: Any) -> Any:
    """The Row class of the module that made `conn`."""
    if isinstance(conn, sqlite3.Connection):
        return sqlite3.Row
    return sys.modules[f"{CIPHER_MODULE}.dbapi2"].Row
