"""Day outcomes and the per-day state of one goal, including rest and freeze days.

Everything else in the domain (streaks, strength, alignment, milestones) is derived from
`day_states`, so the rules about rest, pending and frozen days live in exactly one place.
Days are calendar dates in the user's local time zone; `local_day` turns an instant into one,
so 23- and 25-hour days around DST changes still count as exactly one day.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

__all__ = [
    "ANSWER_TO_OUTCOME",
    "COUNTED_STATES",
    "OUTCOME_TO_ANSWER",
    "DayState",
    "GoalSchedule",
    "Outcome",
    "Rules",
    "day_states",
    "is_kept",
    "local_day",
    "next_streak",
]


class Outcome(StrEnum):
    """What the user answered for one goal on one day."""

    KEPT = "kept"
    PARTLY = "partly"
    MISSED = "missed"
    REST = "rest"


ANSWER_TO_OUTCOME: dict[str, Outcome] = {
    "yes": Outcome.KEPT,
    "no": Outcome.MISSED,
    "partly": Outcome.PARTLY,
    "skip": Outcome.REST,
}
# The stored outcome back to the answer word (export, the terminal's "today" column).
OUTCOME_TO_ANSWER: dict[str, str] = {str(o): answer for answer, o in ANSWER_TO_OUTCOME.items()}


class DayState(StrEnum):
    """How a day counts for a goal once schedule, answers and freezes are applied."""

    KEPT = "kept"
    PARTLY = "partly"
    MISSED = "missed"
    FROZEN = "frozen"
    REST = "rest"
    PENDING = "pending"


# States of a day on which the goal was due and the day is decided (not rest, not pending).
COUNTED_STATES = frozenset({DayState.KEPT, DayState.PARTLY, DayState.MISSED, DayState.FROZEN})


@dataclass(frozen=True)
class GoalSchedule:
    """When a goal is due: from `start` to `end` (inclusive) on `weekdays`, minus pauses."""

    start: date
    weekdays: frozenset[int] = frozenset(range(7))
    end: date | None = None
    paused: tuple[tuple[date, date | None], ...] = ()

    def is_scheduled(self, day: date) -> bool:
        """True if the goal is due on `day` (in range, on a weekday, not paused)."""
        if day < self.start or (self.end is not None and day > self.end):
            return False
        if day.weekday() not in self.weekdays:
            return False
        return not any(lo <= day and (hi is None or day <= hi) for lo, hi in self.paused)


@dataclass(frozen=True)
class Rules:
    """User-configurable forgiveness rules.

    `partly_counts_as_kept`: a "partly" answer extends streaks and counts as aligned.
    `freeze_days_per_week`: misses forgiven per trailing 7 days (see `day_states`); 0 = off.
    """

    partly_counts_as_kept: bool = True
    freeze_days_per_week: int = 1


def is_kept(state: DayState, rules: Rules) -> bool:
    """True if the day extends a streak and counts as aligned."""
    return state is DayState.KEPT or (state is DayState.PARTLY and rules.partly_counts_as_kept)


def local_day(instant: datetime, tz: tzinfo | str) -> date:
    """The calendar date of an aware `instant` in time zone `tz` (an IANA name or tzinfo).

    Answers are keyed by this date, never by elapsed hours, so DST changes cannot create
    or swallow a day.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("local_day needs an aware datetime; attach a time zone first")
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return instant.astimezone(zone).date()


def day_states(
    schedule: GoalSchedule,
    answers: Mapping[date, Outcome],
    today: date,
    rules: Rules,
) -> list[tuple[date, DayState]]:
    """State of every day from `schedule.start` to `min(today, schedule.end)`, oldest first.

    Rules, applied day by day in date order:

    * not scheduled (weekday off, before start, paused) → REST; answer REST (skip) → REST;
    * answer KEPT → KEPT; answer PARTLY → PARTLY (whether it counts is decided by
      `rules.partly_counts_as_kept` in the streak code; a PARTLY day is never frozen);
    * `today` without an answer → PENDING: the day is not over yet;
    * answer MISSED, or no answer on a past day → MISSED, unless a freeze applies.

    Freeze rule (deterministic, greedy, oldest day first): a would-be MISSED day `d` becomes
    FROZEN iff (1) `rules.freeze_days_per_week > 0`, (2) the streak at the end of the
    previous day is > 0 (there is something to protect), and (3) fewer than
    `freeze_days_per_week` days in `[d-6, d-1]` are already FROZEN. Hence any trailing
    7-day calendar window holds at most `freeze_days_per_week` FROZEN days. A frozen day
    keeps the streak as it was; it never extends it. A non-counting PARTLY or a MISSED day
    that is not frozen resets the streak to 0.
    """
    last = today if schedule.end is None else min(today, schedule.end)
    states: list[tuple[date, DayState]] = []
    frozen: deque[date] = deque()
    streak = 0
    day = schedule.start
    while day <= last:
        state = _raw_state(schedule, answers.get(day), day, today)
        if state is DayState.MISSED:
            while frozen and frozen[0] < day - timedelta(days=6):
                frozen.popleft()
            if streak > 0 and len(frozen) < rules.freeze_days_per_week:
                state = DayState.FROZEN
                frozen.append(day)
        streak = next_streak(streak, state, rules)
        states.append((day, state))
        day += timedelta(days=1)
    return states


def _raw_state(schedule: GoalSchedule, answer: Outcome | None, day: date, today: date) -> DayState:
    """The state before freezes are considered."""
    if answer is None:
        if not schedule.is_scheduled(day):
            return DayState.REST
        return DayState.PENDING if day == today else DayState.MISSED
    if not schedule.is_scheduled(day):
        return DayState.REST
    # The lookup also accepts the plain strings a store may hand over (a StrEnum hashes
    # like its value), and is much cheaper than an enum call on ten years of days.
    return _STATE_OF_ANSWER[answer]


_STATE_OF_ANSWER = {
    Outcome.KEPT: DayState.KEPT,
    Outcome.PARTLY: DayState.PARTLY,
    Outcome.MISSED: DayState.MISSED,
    Outcome.REST: DayState.REST,
}


def next_streak(streak: int, state: DayState, rules: Rules) -> int:
    """Streak at the end of a day in `state`, given the streak at the end of the day before.

    Shared with streaks.py so the freeze decision and the reported streak use one rule.
    """
    if is_kept(state, rules):
        return streak + 1
    if state in (DayState.MISSED, DayState.PARTLY):
        return 0
    return streak  # REST, FROZEN, PENDING neither break nor extend
