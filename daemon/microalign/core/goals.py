"""Goal lifecycle rules: which state changes are allowed and how many goals may be active.

The articles advise a handful of micro-goals at most; the soft limit warns, the hard limit
refuses. Every refusal says why and what to do instead.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from microalign.core.streaks import StreakSummary
from microalign.errors import GoalLimitError

__all__ = [
    "HARD_GOAL_LIMIT",
    "Action",
    "GoalState",
    "check_active_limit",
    "check_transition",
    "level_up_due",
]

HARD_GOAL_LIMIT = 5

Action = Literal["pause", "resume", "retire", "master", "level_up", "edit"]


class GoalState(StrEnum):
    """Lifecycle state of a goal; mastered and retired are final."""

    ACTIVE = "active"
    PAUSED = "paused"
    MASTERED = "mastered"
    RETIRED = "retired"


_ALLOWED: dict[tuple[GoalState, str], GoalState] = {
    (GoalState.ACTIVE, "pause"): GoalState.PAUSED,
    (GoalState.ACTIVE, "retire"): GoalState.RETIRED,
    (GoalState.ACTIVE, "master"): GoalState.MASTERED,
    (GoalState.ACTIVE, "level_up"): GoalState.MASTERED,
    (GoalState.ACTIVE, "edit"): GoalState.ACTIVE,
    (GoalState.PAUSED, "resume"): GoalState.ACTIVE,
    (GoalState.PAUSED, "retire"): GoalState.RETIRED,
    (GoalState.PAUSED, "master"): GoalState.MASTERED,
    (GoalState.PAUSED, "edit"): GoalState.PAUSED,
}

_VERBS = {
    "pause": "paused",
    "resume": "resumed",
    "retire": "retired",
    "master": "marked mastered",
    "level_up": "levelled up",
    "edit": "edited",
}


def _goal(goal_id: int | None) -> str:
    return "This goal" if goal_id is None else f"Goal {goal_id}"


def _refusal(current: GoalState, action: str, goal_id: int | None) -> GoalLimitError:
    """The error for a refused transition, with a hint that fits the situation."""
    who, verb = _goal(goal_id), _VERBS[action]
    if current in (GoalState.RETIRED, GoalState.MASTERED):
        return GoalLimitError(
            f"{who} is {current}; {current} goals cannot be {verb}.",
            hint="Add a new goal instead (`microalign goals add`).",
        )
    if action == "level_up":  # only a paused goal gets here
        return GoalLimitError(
            f"{who} is paused; a paused goal cannot be levelled up.",
            hint="Resume it first (`microalign goals resume`), then level it up.",
        )
    if action == "pause":
        return GoalLimitError(f"{who} is already paused.", hint="Resume it to make it active.")
    return GoalLimitError(f"{who} is already active.", hint="There is nothing to resume.")


def check_transition(current: GoalState, action: Action, goal_id: int | None = None) -> GoalState:
    """New state after `action`, or GoalLimitError explaining why it is not allowed.

    Levelling up ends the old goal as mastered; the caller creates its harder successor.
    `goal_id`, when given, makes the message name the goal.
    """
    if action not in _VERBS:
        raise ValueError(f"unknown goal action {action!r}; use one of {sorted(_VERBS)}")
    new = _ALLOWED.get((GoalState(current), action))
    if new is None:
        raise _refusal(GoalState(current), action, goal_id)
    return new


def check_active_limit(active_count_after: int, soft_limit: int) -> str | None:
    """Refuse above the hard limit, warn above the soft limit, else None."""
    if active_count_after > HARD_GOAL_LIMIT:
        raise GoalLimitError(
            f"That would make {active_count_after} active goals; at most "
            f"{HARD_GOAL_LIMIT} can be active at once.",
            hint="Pause or retire a goal first (`microalign goals pause|retire ID`).",
        )
    if active_count_after > soft_limit:
        return (
            f"You now have {active_count_after} active goals, more than the {soft_limit} "
            "recommended. Fewer goals are easier to keep; consider pausing one."
        )
    return None


def level_up_due(summary: StreakSummary, after_days: int) -> bool:
    """True once the current streak reaches `after_days` (0 or less disables the hint)."""
    return after_days > 0 and summary.current >= after_days
