"""The database: SQLite on the user's machine, via sqlite-utils for writes and migrations.

Reads use the plain sqlite3 connection so read-only commands (`status`) never import
sqlite-utils; the schema version lives in PRAGMA user_version for the same reason.
One Store class, written in parts: check-ins, answers, goals (with their milestones).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from microalign.adapters.paths import private_dir
from microalign.adapters.store.answers import AWAITING_REASON, UNUSED, AnswerStore
from microalign.adapters.store.base import now_iso, translate_errors
from microalign.adapters.store.checkins import (
    CLAIM_BUSY,
    CLAIM_NEW,
    CLAIM_RESUMED,
    CLAIM_SETTLED,
    RESUMABLE,
    SLOT_STATUS_ORDER,
    CheckinStore,
    Claim,
)
from microalign.adapters.store.goals import GoalStore
from microalign.adapters.store.progress import ProgressStore
from microalign.errors import StoreError

__all__ = [
    "AWAITING_REASON",
    "BUSY_TIMEOUT_MS",
    "CLAIM_BUSY",
    "CLAIM_NEW",
    "CLAIM_RESUMED",
    "CLAIM_SETTLED",
    "RESUMABLE",
    "SCHEMA_VERSION",
    "SLOT_STATUS_ORDER",
    "UNUSED",
    "Claim",
    "Store",
    "now_iso",
    "probe",
    "translate_errors",
]

log = logging.getLogger(__name__)

# Bump together with a new step in migrations.py (a test checks they agree).
SCHEMA_VERSION = 6
BUSY_TIMEOUT_MS = 5000


def probe(path: Path) -> tuple[str, int]:
    """(quick_check verdict, schema version) of the database, opened read-only: nothing is
    created or migrated. Raises sqlite3.Error when it cannot be read."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    return str(verdict), int(version)


class Store(CheckinStore, AnswerStore, GoalStore, ProgressStore):
    """One open database. Cheap to open; apply migrations only when the version is behind."""

    @classmethod
    def open(cls, path: Path, seed_values: list[str] | tuple[str, ...] = ()) -> Store:
        from microalign.adapters.files import private_database

        private_dir(path.parent)
        created = private_database(path)  # also makes an existing one 0600
        with translate_errors(path):
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                raise StoreError.keyed(
                    "store_newer", path=path, version=version, known=SCHEMA_VERSION
                )
            if version < SCHEMA_VERSION:
                store._migrate(seed_values if created or version == 0 else ())
        return store

    def _migrate(self, seed_values: list[str] | tuple[str, ...]) -> None:
        from microalign.adapters.migrations import migrations

        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            log.warning("SQLite refused WAL mode (%s); continuing in %s mode", self.path, mode)
        migrations.apply(self.db)
        with self.conn:
            for name in seed_values:
                self.conn.execute(
                    "INSERT OR IGNORE INTO goal_values(name, created_at) VALUES (?, ?)",
                    (name, now_iso()),
                )
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for suffix in ("", "-wal", "-shm"):
            extra = Path(f"{self.path}{suffix}")
            if extra.exists():
                extra.chmod(0o600)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
