"""Check-ins: claims across processes, slot statuses and the daemon's intentions."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

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

UNUSED = "#unused"  # step suffix of answers that were commands or not understood
# A slot's statuses, most telling first (see slot_status).
SLOT_STATUS_ORDER = (DONE, SKIPPED, MISSED, RUNNING, INTERRUPTED, STOPPED, NO_SPEECH, SNOOZED)
# A claim resumes a check-in in one of these; "interrupted": its owner died or was stopped.
RESUMABLE = frozenset({RUNNING, INTERRUPTED, STOPPED, NO_SPEECH, SNOOZED})
CLAIM_NEW, CLAIM_RESUMED, CLAIM_SETTLED, CLAIM_BUSY = "new", "resumed", "settled", "busy"


@dataclass(frozen=True)
class Claim:
    checkin_id: int | None
    outcome: str  # new | resumed | settled (nothing to do) | busy (another live owner)
    holder: str | None = None


class CheckinStore(StoreBase):
    def claim_checkin(
        self,
        slot: str,
        day: date,
        source: str,
        owner: str,
        settled: Collection[str] = (DONE,),
    ) -> Claim:
        """Claim the check-in of (day, slot) for `owner`, atomically against every other
        process: resume today's unfinished one (taking over a dead owner's), or start one.

        Nothing is claimed when the slot already has a status in `settled`, or while
        another live process owns it.
        """
        from microalign.adapters import owner as owners

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
        from microalign.adapters import owner

        claim = self.claim_checkin(slot, day, source, owner.me(), settled=())
        if claim.checkin_id is None or claim.outcome == CLAIM_BUSY:
            named = f"slot.{slot}"
            shown = Keyed(named) if EN.has(named) else slot  # a configured slot: its own name
            raise StoreError.keyed("store_claimed", slot=shown, day=day)
        return claim.checkin_id

    def _claim(self, slot, day, source, owner, settled, is_alive) -> Claim:
        found = self.conn.execute(
            "SELECT id, status, owner FROM checkins WHERE day = ? AND slot = ? ORDER BY id DESC",
            (day.isoformat(), slot),
        ).fetchall()
        if any(r["status"] in settled for r in found):
            return Claim(None, CLAIM_SETTLED)
        for r in found:
            if r["status"] == RUNNING and r["owner"] != owner and is_alive(r["owner"]):
                return Claim(int(r["id"]), CLAIM_BUSY, r["owner"])
        # A running row (its owner is dead or us) first: only one may run per slot.
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
            "INSERT INTO checkins(slot, day, status, source, started_at, owner) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (slot, day.isoformat(), RUNNING, source, now_iso(), owner),
        )
        return Claim(int(cursor.lastrowid or 0), CLAIM_NEW)  # an INSERT always sets it

    def reap_dead_claims(self) -> list[dict[str, Any]]:
        """Mark running check-ins whose owner is gone as interrupted (they resume later)."""
        from microalign.adapters import owner as owners

        running = self.rows(
            "SELECT id, day, slot, owner FROM checkins WHERE status = ?", (RUNNING,)
        )
        dead = [r for r in running if not owners.is_alive(r["owner"])]
        for r in dead:
            self.release_checkin(r["id"], INTERRUPTED, only_owner=r["owner"])
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
        """The day of every completed check-in, once per check-in: answering one again
        (`checkin --again`) is no second check-in."""
        found = self.rows(
            "SELECT day FROM checkins WHERE status = ? GROUP BY day, slot ORDER BY day, MIN(id)",
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
