"""The daemon's role interfaces: what it needs from the store (Ledger) and from whoever
runs check-ins (Runner). Implementations: runner.StoreLedger, worker.ProcessRunner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.notify.base import Note

# Slot statuses the daemon never starts again by itself. "running" (interrupted by a crash
# or shutdown) and "snoozed" resume inside the grace window.
FINAL = frozenset({"done", "skipped", "missed", "stopped", "no_speech"})


@dataclass(frozen=True)
class Pending:
    """A notification owed to the user exactly once (a milestone, a level-up suggestion)."""

    id: Any
    note: Note
    goal_id: int | None = None


class Ledger(Protocol):
    """What the daemon needs from the store (called on the loop's thread)."""

    def slot_status(self, day: date, slot: str) -> str | None: ...

    def record_slot(self, day: date, slot: str, status: str) -> None: ...

    def first_day(self) -> date | None:
        """The first day with a recorded check-in (None on a fresh install)."""

    def pending_notes(self, config: Config, suggest: bool) -> list[Pending]:
        """Milestones and level-up suggestions not yet notified; with `suggest`, first look
        for new level-up suggestions (costly: it computes every goal's streak)."""

    def mark_notified(self, note_id: Any) -> None: ...

    def close(self) -> None: ...


class Runner(Protocol):
    """Runs check-ins; every method blocks and is called on the daemon's worker thread."""

    def recover(self) -> None:
        """Finish what a crash left behind (pending transcriptions)."""

    def prepare(self, slot: str) -> None:
        """Load speech engines and the model shortly before a check-in."""

    def run(self, slot: str, day: date) -> str:
        """Run or resume the check-in; returns its status (done, stopped, no_speech, ...)."""

    def release(self) -> None:
        """Free the model and devices after a check-in."""

    def level_up(self, goal_id: int) -> str | None:
        """Ask for and create the harder goal; None when it must be done elsewhere."""
