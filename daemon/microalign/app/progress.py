"""Progress from stored answers: streaks, strength, alignment and milestones per goal.

Bridges the store's rows to the pure domain core; nothing here talks to the user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from microalign.core.outcomes import DayState, GoalSchedule, Outcome, Rules
from microalign.core.streaks import StreakSummary
from microalign.ports.records import Goal

# The replay (alignment, milestones, strength) is imported where it runs: `status` and
# `stats` mostly read its results from the progress cache (app/figures.py).
if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.core import alignment, milestones
    from microalign.settings import Settings

OUTCOME = {o.value: o for o in Outcome}  # a dict lookup: enum calls add up over 10 years
ALL_STATES = ("active", "paused", "mastered", "retired")


@dataclass(frozen=True)
class GoalFigures:
    """What `status` and `stats` show of a goal (from the progress cache when it is fresh)."""

    goal: Goal
    summary: StreakSummary
    strength: float
    days: list[tuple[date, DayState]]  # every day's state, oldest first (for the calendar)

    def as_dict(self) -> dict[str, Any]:
        g = self.goal
        return {
            "id": g.id,
            "text": g.text,
            "value": g.value,
            "area": g.area,
            "state": g.state,
            "parent_id": g.parent_id,
            "streak": self.summary.current,
            "best_streak": self.summary.best,
            "kept_days": self.summary.kept_days,
            "scheduled_days": self.summary.scheduled_days,
            "frozen_days": self.summary.frozen_days,
            "strength": round(self.strength, 3),
        }


@dataclass(frozen=True)
class GoalProgress(GoalFigures):
    record: alignment.GoalRecord


def rules_of(config: Config | Settings) -> Rules:
    return Rules(
        partly_counts_as_kept=config.general.partly_counts_as_kept,
        freeze_days_per_week=config.streaks.freeze_days_per_week,
    )


def thresholds_of(config: Config) -> milestones.Thresholds:
    from microalign.core import milestones

    m = config.milestones
    return milestones.Thresholds(
        streak_days=tuple(m.streak_days),
        total_checkins=tuple(m.total_checkins),
        strength=m.strength,
    )


def schedule_of(goal: Goal, pauses: list[tuple[date, date | None]]) -> GoalSchedule:
    return GoalSchedule(
        start=goal.created_on,
        weekdays=frozenset(int(d) for d in goal.weekdays),
        end=goal.ended_on,
        paused=tuple(pauses),
    )


def goal_progress(
    app: Any, today: date, states: tuple[str, ...] = ALL_STATES
) -> list[GoalProgress]:
    from microalign.core import alignment
    from microalign.core.outcomes import day_states
    from microalign.core.streaks import summary_from_states
    from microalign.core.strength import series_from_states

    rules = rules_of(app.settings)
    outcomes = app.store.goal_outcomes()
    pauses = app.goals.pauses()
    result = []
    for goal in app.goals.list(states):
        answers = {day: OUTCOME[o] for day, o in outcomes.get(goal.id, {}).items()}
        record = alignment.GoalRecord(
            goal.id, goal.value, schedule_of(goal, pauses.get(goal.id, [])), answers
        )
        days = day_states(record.schedule, answers, today, rules)
        series = series_from_states(days, rules)
        result.append(
            GoalProgress(
                goal=goal,
                summary=summary_from_states(days, rules),
                strength=series[-1][1] if series else 0.0,
                days=days,
                record=record,
            )
        )
    return result


def value_rates(
    app: Any,
    progress: list[GoalProgress],
    today: date,
    period: Literal["week", "month"],
    periods: int = 4,
) -> list[alignment.AlignmentRate]:
    from microalign.core import alignment

    return alignment.alignment_rates(
        [p.record for p in progress], today, rules_of(app.config), period, periods
    )


def new_milestones(
    app: Any, today: date, progress: list[GoalProgress] | None = None
) -> list[milestones.Milestone]:
    """Detect and record milestones reached so far; returns the newly stored ones.

    `progress` must cover goals in every state (a caller that has it saves recomputing).
    """
    from microalign.core import milestones

    progress = goal_progress(app, today) if progress is None else progress
    events = [
        (
            "levelled_up" if any(p.goal.parent_id == g.goal.id for p in progress) else "mastered",
            g.goal.id,
            g.goal.ended_on,
        )
        for g in progress
        if g.goal.state == "mastered" and g.goal.ended_on
    ]
    found = milestones.detect_milestones(
        [p.record for p in progress],
        app.store.completed_checkin_days(),
        today,
        rules_of(app.config),
        thresholds_of(app.config),
        app.store.milestone_keys(),
        events,
    )
    return [
        m
        for m in found
        if app.store.record_milestone(m.key, m.kind, m.goal_id, m.threshold, m.reached_on)
    ]


@dataclass(frozen=True)
class Lineage:
    """Where a levelled-up goal came from: its parent, how long the parent ran, the chain."""

    parent: str
    days: int  # the parent's days from its start to the level-up, both counted
    chain: list[str]  # goal texts, easiest first, ending with the goal itself


def lineages(progress: Sequence[GoalFigures]) -> dict[int, Lineage]:
    """The lineage of every levelled-up goal in `progress` (which must hold its parents)."""
    goals = {p.goal.id: p.goal for p in progress}
    found = {}
    for goal in goals.values():
        parent = goals.get(goal.parent_id) if goal.parent_id is not None else None
        if parent is None:
            continue
        end = parent.ended_on or goal.created_on
        chain = [goal]
        while chain[0].parent_id in goals and len(chain) <= len(goals):
            chain.insert(0, goals[chain[0].parent_id])
        days = (end - parent.created_on).days + 1
        found[goal.id] = Lineage(parent.text, days, [g.text for g in chain])
    return found
