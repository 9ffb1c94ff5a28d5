"""The database: SQLite on the user's machine, via sqlite-utils for writes and migrations.

Reads use the plain sqlite3 connection so read-only commands (`status`) never import
sqlite-utils; the schema version lives in PRAGMA user_version for the same reason.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microalign.errors import StoreError
from microalign.paths import private_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

# Bump together with a new step in migrations.py (a test checks they agree): the number
# of steps, whatever their names.
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 5000
UNUSED = "#unused"  # step suffix of answers that were commands or not understood
# A slot's statuses, most telling first (see slot_status).
SLOT_STATUS_ORDER = (
    "done",
    "skipped",
    "missed",
    "running",
    "interrupted",
    "stopped",
    "no_speech",
    "snoozed",
)
# A claim resumes a check-in in one of these; "interrupted": its owner died or was stopped.
RESUMABLE = frozenset({"running", "interrupted", "stopped", "no_speech", "snoozed"})
CLAIM_NEW, CLAIM_RESUMED, CLAIM_SETTLED, CLAIM_BUSY = "new", "resumed", "settled", "busy"


@dataclass(frozen=True)
class Claim:
    checkin_id: int | None
    outcome: str  # new | resumed | settled (nothing to do) | busy (another live owner)
    holder: str | None = None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3's errors into messages that say what to do."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise StoreError(
                f"The database {path} is locked by another program.",
                "Wait a moment and try again; if it persists, stop other microalign processes.",
            ) from None
        if "disk is full" in text or "disk I/O" in text:
            raise StoreError(
                f"Cannot write to {path}: {text}.",
                "Free some disk space; nothing already stored was changed.",
            ) from None
        if "readonly" in text or "unable to open" in text:
            raise StoreError(
                f"Cannot open {path} for writing: {text}.",
                f"Check the permissions of {path.parent} (it should be yours, mode 0700).",
            ) from None
        raise StoreError(f"Database error in {path}: {text}.") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is not a readable microalign database ({exc}).",
            f"Move it aside (mv {path} {path}.broken) and run the command again to start a "
            "new one; the old file is kept for recovery.",
        ) from None


class Store:
    """One open database. Cheap to open; apply migrations only when the version is behind."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._db: Database | None = None

    @classmethod
    def open(cls, path: Path, seed_values: list[str] | tuple[str, ...] = ()) -> Store:
        from microalign.files import private_database

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
                raise StoreError(
                    f"{path} was written by a newer microalign (schema {version}, "
                    f"this one knows {SCHEMA_VERSION}).",
                    "Upgrade microalign: pip install -U microalign.",
                )
            if version < SCHEMA_VERSION:
                store._migrate(seed_values if created or version == 0 else ())
        return store

    def _migrate(self, seed_values: list[str] | tuple[str, ...]) -> None:
        from microalign.migrations import migrations

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

    @property
    def db(self) -> Database:
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- small helpers -------------------------------------------------------------------

    def rows(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        with translate_errors(self.path):
            return [dict(r) for r in self.conn.execute(sql, params)]

    def row(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def insert(self, table: str, record: dict[str, Any]) -> int:
        with translate_errors(self.path), self.conn:
            return int(self.db[table].insert(record).last_pk)

    def update(self, table: str, pk: int, changes: dict[str, Any]) -> None:
        with translate_errors(self.path), self.conn:
            self.db[table].update(pk, changes)

    # -- check-ins -----------------------------------------------------------------------

    def claim_checkin(
        self,
        slot: str,
        day: date,
        source: str,
        owner: str,
        settled: Collection[str] = ("done",),
    ) -> Claim:
        """Claim the check-in of (day, slot) for `owner`, atomically against every other
        process: resume today's unfinished one (taking over a dead owner's), or start one.

        Nothing is claimed when the slot already has a status in `settled`, or while
        another live process owns it.
        """
        from microalign import owner as owners

        with translate_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")  # the write lock: claims are serialised
            try:
                claim = self._claim(slot, day, source, owner, settled, owners.is_alive)
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()
        return claim

    def begin_checkin(self, slot: str, day: date, source: str) -> int:
        """Claim the slot for this process whatever its status (as `checkin --again`)."""
        from microalign import owner

        claim = self.claim_checkin(slot, day, source, owner.me(), settled=())
        if claim.checkin_id is None or claim.outcome == CLAIM_BUSY:
            raise StoreError(f"The {slot} check-in of {day} is running in another process.")
        return claim.checkin_id

    def _claim(self, slot, day, source, owner, settled, is_alive) -> Claim:
        found = self.conn.execute(
            "SELECT id, status, owner FROM checkins WHERE day = ? AND slot = ? ORDER BY id DESC",
            (day.isoformat(), slot),
        ).fetchall()
        if any(r["status"] in settled for r in found):
            return Claim(None, CLAIM_SETTLED)
        for r in found:
            if r["status"] == "running" and r["owner"] != owner and is_alive(r["owner"]):
                return Claim(int(r["id"]), CLAIM_BUSY, r["owner"])
        # A running row (its owner is dead or us) first: only one may run per slot.
        resumable = sorted(
            (r for r in found if r["status"] in RESUMABLE), key=lambda r: r["status"] != "running"
        )
        if resumable:
            checkin_id = int(resumable[0]["id"])
            self.conn.execute(
                "UPDATE checkins SET status = 'running', source = ?, owner = ?, "
                "finished_at = NULL WHERE id = ?",
                (source, owner, checkin_id),
            )
            return Claim(checkin_id, CLAIM_RESUMED)
        cursor = self.conn.execute(
            "INSERT INTO checkins(slot, day, status, source, started_at, owner) "
            "VALUES (?, ?, 'running', ?, ?, ?)",
            (slot, day.isoformat(), source, now_iso(), owner),
        )
        return Claim(int(cursor.lastrowid), CLAIM_NEW)

    def reap_dead_claims(self) -> list[dict[str, Any]]:
        """Mark running check-ins whose owner is gone as interrupted (they resume later)."""
        from microalign import owner as owners

        running = self.rows("SELECT id, day, slot, owner FROM checkins WHERE status = 'running'")
        dead = [r for r in running if not owners.is_alive(r["owner"])]
        for r in dead:
            self.release_checkin(r["id"], "interrupted", only_owner=r["owner"])
        return dead

    def release_checkin(self, checkin_id: int, status: str, only_owner: str | None = None) -> None:
        """End a claim with `status`; with `only_owner`, only if that owner still holds it."""
        sql = "UPDATE checkins SET status = ?, owner = NULL, finished_at = ? WHERE id = ?"
        params: tuple = (status, now_iso(), checkin_id)
        if only_owner is not None:
            sql += " AND status = 'running' AND owner IS ?"
            params += (only_owner,)
        with translate_errors(self.path), self.conn:
            self.conn.execute(sql, params)

    def check_integrity(self) -> None:
        """Find a damaged database before a dialogue starts, not at its first answer."""
        with translate_errors(self.path):
            found = [r[0] for r in self.conn.execute("PRAGMA quick_check")]
        if found != ["ok"]:
            raise StoreError(
                f"The database {self.path} is damaged: {'; '.join(found[:3])}.",
                f"Nothing was changed. Keep a copy (cp {self.path} {self.path}.broken), then "
                f"try `sqlite3 {self.path} .recover | sqlite3 {self.path.name}.recovered`.",
            )

    # -- daemon intentions ---------------------------------------------------------------

    def intentions(self) -> list[dict[str, Any]]:
        return self.rows("SELECT day, slot, kind, until FROM intentions ORDER BY day, slot")

    def set_intention(self, day: date, slot: str, kind: str, until: datetime | None) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO intentions(day, slot, kind, until, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (day.isoformat(), slot, kind, until.isoformat() if until else None, now_iso()),
            )

    def clear_intention(self, day: date, slot: str) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "DELETE FROM intentions WHERE day = ? AND slot = ?", (day.isoformat(), slot)
            )

    def forget_intentions_before(self, day: date) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute("DELETE FROM intentions WHERE day < ?", (day.isoformat(),))

    def finish_checkin(self, checkin_id: int, status: str) -> None:
        self.release_checkin(checkin_id, status)

    def slot_status(self, day: date, slot: str) -> str | None:
        """The most telling status of a day's slot: done beats everything else."""
        found = self.rows(
            "SELECT status FROM checkins WHERE day = ? AND slot = ?", (day.isoformat(), slot)
        )
        statuses = {r["status"] for r in found}
        for status in SLOT_STATUS_ORDER:
            if status in statuses:
                return status
        return None

    def record_slot(self, day: date, slot: str, status: str, source: str = "daemon") -> int:
        """Record a slot that ended without answers (missed, skipped)."""
        stamp = now_iso()
        return self.insert(
            "checkins",
            {
                "slot": slot,
                "day": day.isoformat(),
                "status": status,
                "source": source,
                "started_at": stamp,
                "finished_at": stamp,
            },
        )

    def completed_checkin_days(self) -> list[date]:
        found = self.rows("SELECT day FROM checkins WHERE status = 'done' ORDER BY day, id")
        return [date.fromisoformat(r["day"]) for r in found]

    # -- answers -------------------------------------------------------------------------

    def answered_steps(self, checkin_id: int) -> set[str]:
        found = self.rows("SELECT step FROM answers WHERE checkin_id = ?", (checkin_id,))
        return {r["step"] for r in found}

    def _stored(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Paths inside the data folder are stored relative to it (a copied folder then
        reads its own audio); see audio_file()."""
        data_dir = self.path.parent
        stored = {}
        for key, value in fields.items():
            if isinstance(value, Path):
                value = str(
                    value.relative_to(data_dir) if value.is_relative_to(data_dir) else value
                )
            stored[key] = value
        return stored

    def audio_file(self, stored: str) -> Path:
        """The file an answer's stored audio_path names."""
        return self.path.parent / stored

    def add_answer(self, checkin_id: int, step: str, **fields: Any) -> int:
        stamp = now_iso()
        record = {"checkin_id": checkin_id, "step": step, "status": "final"}
        record |= self._stored(fields) | {"created_at": stamp, "updated_at": stamp}
        return self.insert("answers", record)

    def update_answer(self, answer_id: int, **fields: Any) -> None:
        self.update("answers", answer_id, self._stored(fields) | {"updated_at": now_iso()})

    def set_transcript(
        self,
        answer_id: int,
        text: str,
        confidence: float | None,
        model: str,
        outcome: str | None = None,
    ) -> None:
        changes: dict[str, Any] = {"text": text, "confidence": confidence, "model": model}
        if outcome is not None:
            changes["outcome"] = outcome
        self.update_answer(answer_id, **changes, status="final")

    def set_aside_answer(
        self, answer_id: int, text: str, confidence: float | None, model: str
    ) -> None:
        """A command ("repeat") or an unclear answer: keep its audio and words, but under
        `<step>#unused`, so it neither answers the step nor waits for retranscription."""
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "UPDATE answers SET step = step || ?, text = ?, confidence = ?, model = ?, "
                "status = 'final', updated_at = ? WHERE id = ? AND step NOT LIKE ?",
                (UNUSED, text, confidence, model, now_iso(), answer_id, f"%{UNUSED}"),
            )

    def answers_for_retranscribe(self, pending_only: bool) -> list[dict[str, Any]]:
        where = "status = 'pending'" if pending_only else "audio_path IS NOT NULL"
        found = self.rows(
            "SELECT id, audio_path, kind, language, status, step, goal_id, text FROM answers "
            f"WHERE {where} AND audio_path IS NOT NULL ORDER BY id"
        )
        return [r | {"audio_path": str(self.audio_file(r["audio_path"]))} for r in found]

    def day_answers(self, day: date, slot: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT a.*, c.slot, c.day FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.day = ?"
        )
        params: tuple = (day.isoformat(),)
        if slot:
            sql += " AND c.slot = ?"
            params += (slot,)
        return self.rows(sql + " ORDER BY a.id", params)

    def goal_outcomes(self) -> dict[int, dict[date, str]]:
        """goal id -> day -> outcome; a later answer for the same day wins."""
        result: dict[int, dict[date, str]] = {}
        days: dict[str, date] = {}  # goals share days: parse each date once
        for r in self.conn.execute(
            "SELECT a.goal_id, c.day, a.outcome FROM answers a "
            "JOIN checkins c ON c.id = a.checkin_id "
            "WHERE a.goal_id IS NOT NULL AND a.outcome IS NOT NULL ORDER BY a.id"
        ):
            day = days.get(r[1]) or days.setdefault(r[1], date.fromisoformat(r[1]))
            result.setdefault(r[0], {})[day] = r[2]
        return result

    def history(self, since: date | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT a.id, c.day, c.slot, c.status AS checkin_status, a.step, a.goal_id, a.prompt, "
            "a.text, a.outcome, a.reason, a.confidence, a.audio_path, a.model, a.status, "
            "a.created_at, g.text AS goal_text, g.value AS goal_value "
            "FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "LEFT JOIN goals g ON g.id = a.goal_id WHERE a.step NOT LIKE ?"
        )
        params: tuple = (f"%{UNUSED}",)
        if since:
            sql += " AND c.day >= ?"
            params += (since.isoformat(),)
        sql += " ORDER BY c.day DESC, a.id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.rows(sql, params)

    # -- weekly focus --------------------------------------------------------------------

    def set_week_focus(
        self,
        week: date,
        value: str | None,
        carry: str | None,
        reviewed_on: date,
        checkin_id: int | None,
    ) -> None:
        """Store (or replace) the focus chosen for the week starting on Monday `week`."""
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO weekly_focus(week, value, carry, reviewed_on, "
                "checkin_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (week.isoformat(), value, carry, reviewed_on.isoformat(), checkin_id, now_iso()),
            )

    def week_focus(self, week: date) -> dict[str, Any] | None:
        """The focus chosen for the week starting on Monday `week`, if any."""
        return self.row("SELECT * FROM weekly_focus WHERE week = ?", (week.isoformat(),))

    # -- milestones ----------------------------------------------------------------------

    def milestone_keys(self) -> set[str]:
        return {r["key"] for r in self.rows("SELECT key FROM milestones")}

    def record_milestone(
        self, key: str, kind: str, goal_id: int | None, threshold: float, reached_on: date
    ) -> bool:
        """Store a milestone once; False when it was already there (so nobody notifies twice)."""
        with translate_errors(self.path), self.conn:
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO milestones(key, kind, goal_id, threshold, reached_on, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (key, kind, goal_id, threshold, reached_on.isoformat(), now_iso()),
            )
            return cursor.rowcount == 1

    def unnotified_milestones(self) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT m.*, g.text AS goal_text FROM milestones m LEFT JOIN goals g "
            "ON g.id = m.goal_id WHERE m.notified_at IS NULL ORDER BY m.reached_on, m.id"
        )

    def mark_milestone_notified(self, milestone_id: int) -> None:
        self.update("milestones", milestone_id, {"notified_at": now_iso()})

    def milestones(self) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT m.*, g.text AS goal_text FROM milestones m LEFT JOIN goals g "
            "ON g.id = m.goal_id ORDER BY m.reached_on, m.id"
        )
