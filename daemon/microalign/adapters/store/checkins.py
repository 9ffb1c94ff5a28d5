"""Check-ins: claims across processes, their statuses and the user's requests to the daemon."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime

from microalign.adapters.store.base import StoreBase, now_iso, translate_errors
from microalign.core.vocabulary import (
    DONE,
    INTERRUPTED,
    MISSED,
    NO_SPEECH,
    RUNNING,
    SKIPPED,
    SNOOZED,
    STOPPED,
)
from microalign.errors import StoreError
from microalign.i18n import EN, Keyed
from microalign.ports.records import CheckinRequest, Claimed
from microalign.ports.store import CLAIM_BUSY, CLAIM_NEW, CLAIM_RESUMED, CLAIM_SETTLED, Claim

UNUSED = "#unused"  # step suffix of answers that were commands or not understood
# A day's statuses of one check-in, most telling first (see checkin_status).
CHECKIN_STATUS_ORDER = (DONE, SKIPPED, MISSED, RUNNING, INTERRUPTED, STOPPED, NO_SPEECH, SNOOZED)
# A claim resumes a check-in in one of these; "interrupted": its owner died or was stopped.
RESUMABLE = frozenset({RUNNING, INTERRUPTED, STOPPED, NO_SPEECH, SNOOZED})


class CheckinStore(StoreBase):
    def claim_checkin(
        self,
        name: str,
        day: date,
        source: str,
        settled: Collection[str] = (DONE,),
        *,
        owner: str | None = None,
    ) -> Claim:
        """Claim the check-in of (day, name) for `owner` (None: this process), atomically
        against every other process: resume today's unfinished one (taking over a dead
        owner's), or start one.

        Nothing is claimed when the check-in already has a status in `settled`, or while
        another live process owns it.
        """
        from microalign.adapters import owner as owners

        owner = owner or owners.me()
        with translate_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")  # the write lock: claims are serialised
            try:
                claim = self._claim(name, day, source, owner, settled, owners.is_alive)
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()
        return claim

    def begin_checkin(self, name: str, day: date, source: str) -> int:
        """Claim the check-in for this process whatever its status (as `checkin --again`)."""
        claim = self.claim_checkin(name, day, source, settled=())
        if claim.checkin_id is None or claim.outcome == CLAIM_BUSY:
            named = f"checkin.{name}"
            shown = Keyed(named) if EN.has(named) else name  # a configured check-in: its own name
            raise StoreError.keyed("store_claimed", checkin=shown, day=day)
        return claim.checkin_id

    def _claim(self, name, day, source, owner, settled, is_alive) -> Claim:
        found = self.conn.execute(
            "SELECT id, status, owner FROM checkins WHERE day = ? AND name = ? ORDER BY id DESC",
            (day.isoformat(), name),
        ).fetchall()
        if any(r["status"] in settled for r in found):
            return Claim(None, CLAIM_SETTLED)
        for r in found:
            if r["status"] == RUNNING and r["owner"] != owner and is_alive(r["owner"]):
                return Claim(int(r["id"]), CLAIM_BUSY, r["owner"])
        # A running row (its owner is dead or us) first: only one may run per check-in and day.
        resumable = sorted(
            (r for r in found if r["status"] in RESUMABLE), key=lambda r: r["status"] != RUNNING
        )
        if resumable:
            checkin_id = int(resumable[0]["id"])
            self.conn.execute(
                "UPDATE checkins SET status = ?, source = ?, owner = ?, "
                "finished_at = NULL WHERE id = ?",
                (RUNNING, source, owner, checkin_id),
            )
            return Claim(checkin_id, CLAIM_RESUMED)
        cursor = self.conn.execute(
            "INSERT INTO checkins(name, day, status, source, started_at, owner) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (name, day.isoformat(), RUNNING, source, now_iso(), owner),
        )
        return Claim(int(cursor.lastrowid or 0), CLAIM_NEW)  # an INSERT always sets it

    def reap_dead_claims(self) -> list[Claimed]:
        """Mark running check-ins whose owner is gone as interrupted (they resume later)."""
        from microalign.adapters import owner as owners

        running = self.rows(
            "SELECT id, day, name, owner FROM checkins WHERE status = ?", (RUNNING,)
        )
        dead = [Claimed.from_row(r) for r in running if not owners.is_alive(r["owner"])]
        for claimed in dead:
            self.release_checkin(claimed.id, INTERRUPTED, only_owner=claimed.owner)
        return dead

    def release_checkin(self, checkin_id: int, status: str, only_owner: str | None = None) -> None:
        """End a claim with `status`; with `only_owner`, only if that owner still holds it."""
        sql = "UPDATE checkins SET status = ?, owner = NULL, finished_at = ? WHERE id = ?"
        params: tuple = (status, now_iso(), checkin_id)
        if only_owner is not None:
            sql += " AND status = ? AND owner IS ?"
            params += (RUNNING, only_owner)
        with translate_errors(self.path), self.conn:
            self.conn.execute(sql, params)

    def check_integrity(self) -> None:
        """Find a damaged database before a dialogue starts, not at its first answer."""
        with translate_errors(self.path):
            found = [r[0] for r in self.conn.execute("PRAGMA quick_check")]
        if found != ["ok"]:
            raise StoreError.keyed(
                "store_damaged", path=self.path, problems="; ".join(found[:3]), name=self.path.name
            )

    # -- what the user asked the daemon to do with a check-in (snooze, start now) ----------

    def checkin_requests(self) -> list[CheckinRequest]:
        found = self.rows("SELECT day, name, kind, until FROM checkin_requests ORDER BY day, name")
        return [CheckinRequest.from_row(r) for r in found]

    def set_checkin_request(self, day: date, name: str, kind: str, until: datetime | None) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO checkin_requests(day, name, kind, until, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (day.isoformat(), name, kind, until.isoformat() if until else None, now_iso()),
            )

    def clear_checkin_request(self, day: date, name: str) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "DELETE FROM checkin_requests WHERE day = ? AND name = ?", (day.isoformat(), name)
            )

    def forget_checkin_requests_before(self, day: date) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute("DELETE FROM checkin_requests WHERE day < ?", (day.isoformat(),))

    def finish_checkin(self, checkin_id: int, status: str) -> None:
        self.release_checkin(checkin_id, status)

    def checkins_run_on(self, day: date) -> list[str]:
        """The names of the check-ins that ran on `day`, in the order they first ran."""
        found = self.rows(
            "SELECT name FROM checkins WHERE day = ? GROUP BY name ORDER BY MIN(id)",
            (day.isoformat(),),
        )
        return [r["name"] for r in found]

    def checkin_status(self, day: date, name: str) -> str | None:
        """The most telling status of a check-in on `day`: done beats everything else."""
        found = self.rows(
            "SELECT status FROM checkins WHERE day = ? AND name = ?", (day.isoformat(), name)
        )
        statuses = {r["status"] for r in found}
        for status in CHECKIN_STATUS_ORDER:
            if status in statuses:
                return status
        return None

    def record_checkin(self, day: date, name: str, status: str, source: str = "daemon") -> int:
        """Record a check-in that ended without answers (missed, skipped)."""
        stamp = now_iso()
        return self.insert(
            "checkins",
            {
                "name": name,
                "day": day.isoformat(),
                "status": status,
                "source": source,
                "started_at": stamp,
                "finished_at": stamp,
            },
        )

    def completed_checkin_days(self) -> list[date]:
        """The day of every completed check-in, once per check-in: answering one again
        (`checkin --again`) is no second check-in."""
        found = self.rows(
            "SELECT day FROM checkins WHERE status = ? GROUP BY day, name ORDER BY day, MIN(id)",
            (DONE,),
        )
        return [date.fromisoformat(r["day"]) for r in found]

    def daemon_first_start(self, now: datetime) -> datetime:
        """When the daemon first ran on this database; on its very first start that is
        `now`, recorded here for every later start."""
        found = self.row("SELECT daemon_first_start FROM installation WHERE id = 1")
        if found is None:
            with translate_errors(self.path), self.conn:
                self.conn.execute(
                    "INSERT OR IGNORE INTO installation (id, daemon_first_start) VALUES (1, ?)",
                    (now.astimezone(UTC).isoformat(),),
                )
            found = self.row("SELECT daemon_first_start FROM installation WHERE id = 1")
        assert found is not None  # just written
        return datetime.fromisoformat(found["daemon_first_start"])

    def first_checkin_day(self) -> date | None:
        """The first day with a recorded check-in (None on a fresh install)."""
        found = self.row("SELECT MIN(day) AS first FROM checkins")
        first = found and found["first"]
        return date.fromisoformat(first) if first else None
