"""When is a check-in due? Pure decisions on the wall clock, no timers, no I/O.

Everything takes `now` as an aware datetime and the time zone to interpret the configured
local times in, so tests drive it with any clock and zone. The daemon's timers only wake it
up; what to do is always decided here, against the wall clock, so a suspend (which stops
the monotonic clock the timers use), a DST change or a time-zone change can neither skip
nor double a check-in: an occurrence is keyed by (local date, check-in name) and done once.

A check-in is known by its name ("morning", "evening", "weekly", or one the config adds);
the schedule gets the check-ins as plain data (`Plan`), not as the config model.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum

from microalign.core.vocabulary import Key


@dataclass(frozen=True)
class CheckinTimes:
    """One named check-in: its time on each weekday (Monday first), None when it is off."""

    name: str
    times: tuple[time | None, ...]  # seven entries

    def time_on(self, weekday: int) -> time | None:
        return self.times[weekday]


@dataclass(frozen=True)
class Plan:
    """Every configured check-in and how late one may still start."""

    checkins: tuple[CheckinTimes, ...]
    grace_minutes: int = 120

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checkins)

    def get(self, name: str) -> CheckinTimes | None:
        return next((c for c in self.checkins if c.name == name), None)


class Decision(Enum):
    WAIT = "wait"  # not yet time
    RUN = "run"  # due, inside the grace window
    MISSED = "missed"  # too late: record as missed


@dataclass(frozen=True, order=True)
class Occurrence:
    # The instant the check-in is due, in UTC: Python compares and subtracts datetimes that
    # share a ZoneInfo by wall time, which is wrong across DST changes.
    at: datetime
    day: date  # the local date it belongs to (the key, with the name)
    name: str

    @property
    def key(self) -> Key:
        return (self.day, self.name)


def local_instant(day: date, at: time, tz: tzinfo) -> datetime:
    """The instant `at` o'clock on `day` in `tz`, defined for every wall time.

    A time skipped by spring-forward (02:30 on a day that jumps 02:00→03:00) is taken as the
    same distance after the gap (03:30), and a time that occurs twice at fall-back is taken
    at its first occurrence (fold=0), so each local time maps to exactly one instant.
    Returned in UTC.
    """
    # For a non-existent wall time zoneinfo uses the offset before the gap, so converting
    # to UTC moves it forward by the gap.
    return datetime.combine(day, at).replace(tzinfo=tz, fold=0).astimezone(UTC)


def occurrence(plan: Plan, name: str, day: date, tz: tzinfo) -> Occurrence | None:
    """The check-in's occurrence on `day`, or None when it is off that weekday (or is not
    in the plan)."""
    checkin = plan.get(name)
    at = checkin.time_on(day.weekday()) if checkin is not None else None
    if at is None:
        return None
    return Occurrence(local_instant(day, at, tz), day, name)


def _occurrences(plan: Plan, tz: tzinfo, first: date, days: int) -> Iterator[Occurrence]:
    for offset in range(days):
        day = first + timedelta(days=offset)
        for name in plan.names:
            occ = occurrence(plan, name, day, tz)
            if occ is not None:
                yield occ


def classify(now: datetime, due: datetime, grace: timedelta) -> Decision:
    now, due = now.astimezone(UTC), due.astimezone(UTC)
    if now < due:
        return Decision.WAIT
    if now - due <= grace:
        return Decision.RUN
    return Decision.MISSED


def _effective(occ: Occurrence, snoozed: Mapping[Key, datetime]) -> Occurrence:
    later = snoozed.get(occ.key)
    return Occurrence(later.astimezone(UTC), occ.day, occ.name) if later is not None else occ


def due_occurrences(
    now: datetime,
    tz: tzinfo,
    plan: Plan,
    done: Collection[Key],
    snoozed: Mapping[Key, datetime] | None = None,
    since: datetime | None = None,
) -> list[tuple[Occurrence, Decision]]:
    """Occurrences of yesterday and today (local dates in `tz`) that are not done and are
    due now (RUN) or too late (MISSED), oldest first.

    Yesterday counts because an evening check-in's grace window can reach past midnight.
    A snoozed occurrence is due at its snooze time instead, with the same grace.
    Occurrences scheduled before `since` (e.g. before the user started using microalign)
    are ignored rather than reported missed.
    """
    snoozed = snoozed or {}
    grace = timedelta(minutes=plan.grace_minutes)
    now = now.astimezone(UTC)
    today = now.astimezone(tz).date()
    found = []
    for occ in _occurrences(plan, tz, today - timedelta(days=1), 2):
        if occ.key in done or (since is not None and occ.at < since.astimezone(UTC)):
            continue
        occ = _effective(occ, snoozed)
        decision = classify(now, occ.at, grace)
        if decision is not Decision.WAIT:
            found.append((occ, decision))
    return sorted(found)


def next_fire(
    now: datetime,
    tz: tzinfo,
    plan: Plan,
    done: Collection[Key] = (),
    snoozed: Mapping[Key, datetime] | None = None,
) -> Occurrence | None:
    """The next occurrence strictly after `now` that is not done, or None if no check-in is on."""
    snoozed = snoozed or {}
    now = now.astimezone(UTC)
    today = now.astimezone(tz).date()
    upcoming = (
        _effective(occ, snoozed)
        for occ in _occurrences(plan, tz, today - timedelta(days=1), 9)
        if occ.key not in done
    )
    return min((occ for occ in upcoming if occ.at > now), default=None)
