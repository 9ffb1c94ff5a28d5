"""Alignment rate per value: how often the day's goals under a value were all kept.

A value (honesty, respect, ...) is what the user wants to live by; goals are how. The rate
answers "on the days I meant to act on this value, did I?", per ISO week or calendar month.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from microalign.core.outcomes import (
    COUNTED_STATES,
    DayState,
    GoalSchedule,
    Outcome,
    Rules,
    day_states,
    is_kept,
)

__all__ = ["AlignmentRate", "GoalRecord", "alignment_rates", "period_starts"]

Period = Literal["week", "month"]


@dataclass(frozen=True)
class GoalRecord:
    """One goal with everything the derived figures need; `value` None = no value."""

    goal_id: int
    value: str | None
    schedule: GoalSchedule
    answers: Mapping[date, Outcome]


@dataclass(frozen=True)
class AlignmentRate:
    """Aligned and scheduled day counts of one value in the period starting `period_start`."""

    value: str
    period_start: date
    aligned_days: int
    scheduled_days: int

    @property
    def rate(self) -> float | None:
        """Share of scheduled days that were aligned; None when nothing was scheduled."""
        return self.aligned_days / self.scheduled_days if self.scheduled_days else None


def _period_start(day: date, period: Period) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}; use 'week' or 'month'")


def _previous_start(start: date, period: Period) -> date:
    if period == "week":
        return start - timedelta(days=7)
    return (start - timedelta(days=1)).replace(day=1)


def period_starts(today: date, period: Period, periods: int) -> list[date]:
    """First days of the last `periods` weeks (Monday) or months, oldest first."""
    if periods <= 0:
        return []
    starts = [_period_start(today, period)]
    while len(starts) < periods:
        starts.append(_previous_start(starts[-1], period))
    return starts[::-1]


def _value_days(
    goals: Iterable[GoalRecord], today: date, rules: Rules
) -> dict[str, dict[date, list[DayState]]]:
    """Counted (non-REST, non-PENDING) states per value and day."""
    by_value: dict[str, dict[date, list[DayState]]] = defaultdict(lambda: defaultdict(list))
    for goal in goals:
        if goal.value is None:
            continue
        days = by_value[goal.value]  # registers the value even if it has no counted day
        for day, state in day_states(goal.schedule, goal.answers, today, rules):
            if state in COUNTED_STATES:
                days[day].append(state)
    return by_value


def alignment_rates(
    goals: Iterable[GoalRecord],
    today: date,
    rules: Rules,
    period: Period,
    periods: int = 4,
) -> list[AlignmentRate]:
    """Rates per value (sorted by name) and period (oldest first), periods ending today.

    A day is scheduled for a value if at least one of its goals has a decided due state
    that day; it is aligned if every such goal was kept (PARTLY per the rule; FROZEN is a
    miss here, because a freeze only protects the streak). Values with no scheduled day in
    a period still get an entry, with rate None.
    """
    starts = period_starts(today, period, periods)
    rates: list[AlignmentRate] = []
    for value, days in sorted(_value_days(goals, today, rules).items()):
        counts = {start: [0, 0] for start in starts}  # start -> [aligned, scheduled]
        for day, states in days.items():
            bucket = counts.get(_period_start(day, period))
            if bucket is not None:
                bucket[0] += all(is_kept(state, rules) for state in states)
                bucket[1] += 1
        rates.extend(AlignmentRate(value, start, *counts[start]) for start in starts)
    return rates
