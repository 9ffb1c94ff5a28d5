"""Streaks of one goal: consecutive scheduled days kept, forgiving rest and frozen days."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from microalign.core.outcomes import (
    COUNTED_STATES,
    DayState,
    GoalSchedule,
    Outcome,
    Rules,
    day_states,
    is_kept,
    next_streak,
)

__all__ = ["StreakSummary", "streak_history", "streak_summary", "summary_from_states"]


@dataclass(frozen=True)
class StreakSummary:
    """Figures shown in `stats` and used to suggest levelling up.

    `scheduled_days` counts decided due days (KEPT, PARTLY, MISSED, FROZEN): rest days and
    a still-pending today are left out so the ratio kept/scheduled is honest.
    `kept_days` counts KEPT days plus PARTLY days when partly counts as kept.
    """

    current: int
    best: int
    kept_days: int
    scheduled_days: int
    frozen_days: int
    last_kept: date | None


def _history_from_states(
    states: list[tuple[date, DayState]], rules: Rules
) -> list[tuple[date, int]]:
    """Running streak over already computed day states."""
    history: list[tuple[date, int]] = []
    streak = 0
    for day, state in states:
        streak = next_streak(streak, state, rules)
        history.append((day, streak))
    return history


def streak_history(
    schedule: GoalSchedule,
    answers: Mapping[date, Outcome],
    today: date,
    rules: Rules,
) -> list[tuple[date, int]]:
    """Streak value at the end of each day in range, oldest first.

    Milestone detection walks this to find the first day a threshold was reached.
    """
    return _history_from_states(day_states(schedule, answers, today, rules), rules)


def streak_summary(
    schedule: GoalSchedule,
    answers: Mapping[date, Outcome],
    today: date,
    rules: Rules,
) -> StreakSummary:
    """Current and best streak plus the counts behind them; all zero before the start."""
    return summary_from_states(day_states(schedule, answers, today, rules), rules)


def summary_from_states(states: list[tuple[date, DayState]], rules: Rules) -> StreakSummary:
    """`streak_summary` over day states computed once and shared with the strength score."""
    history = _history_from_states(states, rules)
    kept = [day for day, state in states if is_kept(state, rules)]
    return StreakSummary(
        current=history[-1][1] if history else 0,
        best=max((value for _, value in history), default=0),
        kept_days=len(kept),
        scheduled_days=sum(1 for _, state in states if state in COUNTED_STATES),
        frozen_days=sum(1 for _, state in states if state is DayState.FROZEN),
        last_kept=kept[-1] if kept else None,
    )
