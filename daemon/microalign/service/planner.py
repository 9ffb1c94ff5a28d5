"""The daemon's decisions in time: what is due now, when to wake up next, what to tell
systemd. Pure reading of the clock, the config (core.schedule) and the check-in book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from microalign.core import schedule
from microalign.core.clock import Clock
from microalign.core.schedule import Decision, Occurrence
from microalign.service.book import CheckinBook
from microalign.service.live import Live


@dataclass(frozen=True)
class WakePlan:
    """The next timer: wake at `due` (real time) and prepare speech at `prepare_at`."""

    due: datetime
    prepare_at: datetime | None
    name: str


class Planner:
    def __init__(self, live: Live, book: CheckinBook, clock: Clock, preload_seconds: float) -> None:
        self.live = live
        self.book = book
        self.clock = clock
        self.preload_seconds = preload_seconds
        self.since: datetime | None = None

    def begin(self, first_start: datetime) -> None:
        """Check-ins due before the daemon's first start are neither started nor reported
        missed: before it, microalign was not there to ask. So the very first start begins
        with the next check-in, and later starts keep the grace window for those after it."""
        self.since = first_start

    def today(self) -> date:
        return self.clock.now().astimezone(self.clock.zone()).date()

    def due(self, now: datetime) -> list[tuple[Occurrence, Decision]]:
        """Every occurrence to act on now, in order; "start now" ones always run."""
        zone = self.clock.zone()
        requests = self.book.requests
        plan = self.live.config.plan()
        done = self.book.done_keys(now, zone, plan.names)
        due = schedule.due_occurrences(now, zone, plan, done, requests.snoozed, since=self.since)
        forced = requests.forced - {occ.key for occ, _ in due} - done
        due += [(Occurrence(now, *key), Decision.RUN) for key in forced]
        return [
            (occ, Decision.RUN if occ.key in requests.forced else decision)
            for occ, decision in sorted(due)
        ]

    def next_occurrence(self) -> Occurrence | None:
        now = self.clock.now()
        zone = self.clock.zone()
        plan = self.live.config.plan()
        return schedule.next_fire(
            now,
            zone,
            plan,
            self.book.done_keys(now, zone, plan.names),
            self.book.requests.snoozed,
        )

    def wake_plan(self) -> WakePlan | None:
        upcoming = self.next_occurrence()
        if upcoming is None:
            return None
        real = self.clock.to_real(upcoming.at)
        early = real - timedelta(seconds=self.preload_seconds)
        now = self.clock.to_real(self.clock.now())
        # Too late to load ahead in full (the daemon just started, or woke up): start now,
        # the check-in greets meanwhile.
        prepare = max(early, now) if real > now else None
        return WakePlan(real, prepare, upcoming.name)

    def nothing_soon(self, now: datetime) -> bool:
        """True when no check-in starts soon enough to keep speech prepared for it."""
        upcoming = self.next_occurrence()
        lead = timedelta(seconds=2 * self.preload_seconds)
        return upcoming is None or upcoming.at - now > lead

    def status_text(self) -> str:
        if self.book.attempts.running is not None:
            day, name = self.book.attempts.running
            return f"running the {name} check-in of {day:%a %d %b}"
        upcoming = self.next_occurrence()
        if upcoming is None:
            return "no check-in scheduled (every one is off)"
        local = upcoming.at.astimezone(self.clock.zone())
        return f"next check-in: {upcoming.name} at {local:%H:%M} on {local:%a %d %b}"
