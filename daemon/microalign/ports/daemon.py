"""The daemon's roles: what it needs from the store (Ledger), from whoever runs check-ins
(Runner) and from its wake-up timers (Timers)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from microalign.ports.notify import Note

# A check-in occurrence: (local day, check-in name); the same shape as core.vocabulary.Key
# (the ports sit below the core, so they cannot import it).
Key = tuple[date, str]


@dataclass(frozen=True)
class Pending:
    """A notification owed to the user exactly once (a milestone, a level-up suggestion)."""

    id: Any
    note: Note
    goal_id: int | None = None


class Ledger(Protocol):
    """What the daemon needs from the store (called on the loop's thread)."""

    def checkin_status(self, day: date, name: str) -> str | None: ...

    def record_checkin(self, day: date, name: str, status: str) -> None: ...

    def reap(self) -> list[Key]:
        """Mark check-ins whose owning process is gone as interrupted; returns their keys."""
        ...

    def requests(self) -> list[tuple[date, str, str, datetime | None]]:
        """(day, name, kind, until) of every stored request (snooze, start now)."""
        ...

    def set_request(self, key: Key, kind: str, until: datetime | None) -> None: ...

    def clear_request(self, key: Key) -> None: ...

    def forget_requests_before(self, day: date) -> None: ...

    def first_start(self, now: datetime) -> datetime:
        """When the daemon first ran (aware); recorded as `now` on its very first start."""
        ...

    def pending_notes(self, suggest: bool) -> list[Pending]:
        """Milestones and level-up suggestions not yet notified; with `suggest`, first look
        for new level-up suggestions (costly: it computes every goal's streak)."""
        ...

    def mark_notified(self, note_id: Any) -> None: ...

    def close(self) -> None: ...


class Runner(Protocol):
    """Runs check-ins; every method blocks and is called on the daemon's worker thread."""

    def recover(self) -> None:
        """Finish what a crash left behind (pending transcriptions)."""

    def prepare(self, name: str) -> None:
        """Load speech engines and the model shortly before a check-in."""

    def run(
        self,
        name: str,
        day: date,
        requested: bool = False,
        on_claimed: Callable[[], None] | None = None,
    ) -> str:
        """Run or resume the check-in; returns its status (done, stopped, no_speech, ...,
        or already_done when it was settled meanwhile). `requested`: the user asked
        for it, so only settled statuses stop it, not every final one. `on_claimed` is
        called (on the calling thread) once the check-in is claimed for this run, before
        anything is said; never when another process holds it or it is settled."""
        ...

    def release(self) -> None:
        """Free the model and devices after a check-in."""

    def level_up(self, goal_id: int) -> str | None:
        """Ask for and create the harder goal; None when it must be done elsewhere."""
        ...


class Timers(Protocol):
    """Wake-up timers: they only wake the daemon, which then decides by itself."""

    def set_next(self, due: datetime, prepare_at: datetime | None, name: str) -> None:
        """Wake at `due` (real time, aware) and prepare speech for the check-in `name` at
        `prepare_at`."""

    def clear(self) -> None: ...

    def shutdown(self) -> None: ...


# What the timers call, inside the event loop.
WakeJob = Callable[[], Awaitable[None]]
PrepareJob = Callable[[str], Awaitable[None]]
