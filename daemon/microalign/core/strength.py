"""Habit strength as in Loop Habit Tracker: a forgiving exponential moving average.

One miss lowers the score a little instead of erasing progress, which matches the advice
against all-or-nothing thinking. For a daily goal the half-life is 13 scheduled days.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from microalign.core.outcomes import DayState, GoalSchedule, Outcome, Rules, day_states

__all__ = ["MULTIPLIER", "series_from_states", "strength", "strength_series"]

MULTIPLIER = 0.5 ** (1 / 13)


def _day_value(state: DayState, rules: Rules) -> float | None:
    """Contribution of a day; None means the day leaves the score unchanged.

    A frozen day protects the streak, not the score, so it counts as a miss here.
    """
    if state is DayState.KEPT:
        return 1.0
    if state is DayState.PARTLY:
        return 1.0 if rules.partly_counts_as_kept else 0.5
    if state in (DayState.MISSED, DayState.FROZEN):
        return 0.0
    return None  # REST and PENDING: "a skip freezes it"


def strength_series(
    schedule: GoalSchedule,
    answers: Mapping[date, Outcome],
    today: date,
    rules: Rules,
) -> list[tuple[date, float]]:
    """Strength at the end of each day in range (oldest first), starting from 0."""
    return series_from_states(day_states(schedule, answers, today, rules), rules)


def series_from_states(
    states: list[tuple[date, DayState]], rules: Rules
) -> list[tuple[date, float]]:
    """`strength_series` over day states computed once and shared with the streaks."""
    series: list[tuple[date, float]] = []
    score = 0.0
    for day, state in states:
        value = _day_value(state, rules)
        if value is not None:
            # Clamp so rounding can never leave [0, 1].
            score = min(1.0, max(0.0, score * MULTIPLIER + value * (1 - MULTIPLIER)))
        series.append((day, score))
    return series


def strength(
    schedule: GoalSchedule,
    answers: Mapping[date, Outcome],
    today: date,
    rules: Rules,
) -> float:
    """Latest strength in [0, 1]; 0.0 when the goal has no days yet."""
    series = strength_series(schedule, answers, today, rules)
    return series[-1][1] if series else 0.0
