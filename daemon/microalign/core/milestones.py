"""Milestones: moments worth celebrating, each reported exactly once.

Detection is a pure function of the whole history plus the keys already recorded, so the
daemon can call it after every check-in: a key never comes back once it is in `already`,
even when a streak breaks and reaches the same length again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from microalign.core.alignment import GoalRecord
from microalign.core.outcomes import GoalSchedule, Rules, day_states, is_kept
from microalign.core.streaks import streak_history
from microalign.core.strength import strength_series

__all__ = [
    "CHECKINS",
    "LEVELLED_UP",
    "MASTERED",
    "PERFECT_WEEK",
    "STREAK",
    "STRENGTH",
    "Milestone",
    "Thresholds",
    "detect_milestones",
]

STREAK = "streak"
STRENGTH = "strength"
PERFECT_WEEK = "perfect_week"
CHECKINS = "checkins"
MASTERED = "mastered"
LEVELLED_UP = "levelled_up"
EVENT_KINDS = frozenset({MASTERED, LEVELLED_UP})


def _number(value: float) -> str:
    """Threshold as text: '30' for whole numbers, '0.9' otherwise, so keys stay short."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True)
class Milestone:
    """A reached milestone; `threshold` is 1 for one-off kinds (perfect week, events)."""

    kind: str
    goal_id: int | None
    threshold: float
    reached_on: date

    @property
    def key(self) -> str:
        """Stable identity for "already notified": kind:goal_id-or-dash:threshold."""
        goal = "-" if self.goal_id is None else str(self.goal_id)
        return f"{self.kind}:{goal}:{_number(self.threshold)}"


@dataclass(frozen=True)
class Thresholds:
    """Configurable milestone thresholds."""

    streak_days: tuple[int, ...] = (3, 7, 14, 21, 30, 66, 100, 365)
    total_checkins: tuple[int, ...] = (10, 50, 100, 365)
    strength: float = 0.9


def _streak_milestones(
    goal: GoalRecord, today: date, rules: Rules, steps: Iterable[int]
) -> Iterator[Milestone]:
    history = streak_history(goal.schedule, goal.answers, today, rules)
    for step in steps:
        first = next((day for day, value in history if value >= step), None)
        if step > 0 and first is not None:
            yield Milestone(STREAK, goal.goal_id, float(step), first)


def _strength_milestone(
    goal: GoalRecord, today: date, rules: Rules, level: float
) -> Iterator[Milestone]:
    series = strength_series(goal.schedule, goal.answers, today, rules)
    first = next((day for day, value in series if value >= level), None)
    if first is not None:
        yield Milestone(STRENGTH, goal.goal_id, level, first)


def _first_perfect_week(goals: list[GoalRecord], today: date, rules: Rules) -> date | None:
    """Sunday of the first perfect week: a whole ISO week (Monday to Sunday) that lies
    inside the history of at least one goal due in it, with every due goal-day kept.

    A week that began before every goal's start (a goal added on a Sunday) is no perfect
    week, nor is one with a rest, frozen or still pending due day, so a late "no" on
    Sunday evening cannot follow a premature celebration.
    """
    kept: dict[date, list[bool]] = {}  # Monday -> every due goal-day of that week, kept?
    covered: set[date] = set()  # Mondays of weeks inside a due goal's history
    for goal in goals:
        schedule = goal.schedule
        for day, state in day_states(schedule, goal.answers, today, rules):
            if schedule.is_scheduled(day):
                monday = day - timedelta(days=day.weekday())
                kept.setdefault(monday, []).append(is_kept(state, rules))
                if _inside(schedule, monday, today):
                    covered.add(monday)
    for monday in sorted(covered):
        if all(kept[monday]):
            return monday + timedelta(days=6)
    return None


def _inside(schedule: GoalSchedule, monday: date, today: date) -> bool:
    """Whether the week of `monday` lies inside the goal's history up to `today`."""
    sunday = monday + timedelta(days=6)
    ends = today if schedule.end is None else min(today, schedule.end)
    return schedule.start <= monday and sunday <= ends


def _checkin_milestones(checkin_days: Sequence[date], steps: Iterable[int]) -> Iterator[Milestone]:
    ordered = sorted(checkin_days)
    for step in steps:
        if 0 < step <= len(ordered):
            yield Milestone(CHECKINS, None, float(step), ordered[step - 1])


def _event_milestones(events: Iterable[tuple[str, int, date]]) -> Iterator[Milestone]:
    for kind, goal_id, day in events:
        if kind not in EVENT_KINDS:
            raise ValueError(
                f"unknown milestone event {kind!r}; use {MASTERED!r} or {LEVELLED_UP!r}"
            )
        yield Milestone(kind, goal_id, 1.0, day)


def _all_milestones(
    goals: list[GoalRecord],
    checkin_days: Sequence[date],
    today: date,
    rules: Rules,
    thresholds: Thresholds,
    events: Iterable[tuple[str, int, date]],
) -> Iterator[Milestone]:
    for goal in goals:
        yield from _streak_milestones(goal, today, rules, thresholds.streak_days)
        yield from _strength_milestone(goal, today, rules, thresholds.strength)
    sunday = _first_perfect_week(goals, today, rules)
    if sunday is not None:
        yield Milestone(PERFECT_WEEK, None, 1.0, sunday)
    yield from _checkin_milestones(checkin_days, thresholds.total_checkins)
    yield from _event_milestones(events)


def detect_milestones(
    goals: Iterable[GoalRecord],
    checkin_days: Sequence[date],
    today: date,
    rules: Rules,
    thresholds: Thresholds,
    already: Collection[str],
    events: Iterable[tuple[str, int, date]] = (),
) -> list[Milestone]:
    """Milestones reached up to `today` whose key is not in `already`.

    Each milestone carries the first day it was reached, so re-reaching a streak after a
    break maps to the same key and is filtered out. `checkin_days` holds one entry per
    completed check-in. `events` are (MASTERED | LEVELLED_UP, goal_id, day). The result is
    sorted by day, then kind (then goal and threshold, for determinism) without duplicates.
    """
    seen = set(already)
    found: list[Milestone] = []
    for milestone in _all_milestones(list(goals), checkin_days, today, rules, thresholds, events):
        if milestone.key not in seen:
            seen.add(milestone.key)
            found.append(milestone)
    return sorted(found, key=_order)


def _order(milestone: Milestone) -> tuple[date, str, int, float]:
    goal = -1 if milestone.goal_id is None else milestone.goal_id
    return (milestone.reached_on, milestone.kind, goal, milestone.threshold)
