"""Goal lifecycle rules: which state changes are allowed and how many goals may be active.

The articles advise a handful of micro-goals at most; the soft limit warns, the hard limit
refuses. Every refusal says why and what to do instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Literal

from microalign.core.streaks import StreakSummary
from microalign.errors import GoalLimitError
from microalign.i18n import Keyed, Ref
from microalign.ports.records import Goal

__all__ = [
    "HARD_GOAL_LIMIT",
    "Action",
    "GoalState",
    "check_active_limit",
    "check_distinct",
    "check_level_up_text",
    "check_transition",
    "level_up_due",
    "text_key",
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

# The actions; each one's verb is the text "action.<name>" (microalign.i18n).
_VERBS = ("pause", "resume", "retire", "master", "level_up", "edit")


def _goal(goal_id: int | None) -> Ref:
    return Ref("goal.this") if goal_id is None else Ref("goal.numbered", {"goal_id": goal_id})


def _refusal(current: GoalState, action: str, goal_id: int | None) -> GoalLimitError:
    """The error for a refused transition, with a hint that fits the situation."""
    goal = _goal(goal_id)
    if current in (GoalState.RETIRED, GoalState.MASTERED):
        state, verb = Ref(f"goal_state.{current}"), Ref(f"action.{action}")
        return GoalLimitError.keyed("goal_ended", goal=goal, state=state, action=verb)
    if action == "level_up":  # only a paused goal gets here
        return GoalLimitError.keyed("goal_paused_level_up", goal=goal)
    if action == "pause":
        return GoalLimitError.keyed("goal_already_paused", goal=goal)
    return GoalLimitError.keyed("goal_already_active", goal=goal)


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
        raise GoalLimitError.keyed(
            "too_many_goals", count=active_count_after, limit=HARD_GOAL_LIMIT
        )
    if active_count_after > soft_limit:
        return Keyed("warning.many_goals", count=active_count_after, limit=soft_limit)
    return None


def level_up_due(summary: StreakSummary, after_days: int) -> bool:
    """True once the current streak reaches `after_days` (0 or less disables the hint)."""
    return after_days > 0 and summary.current >= after_days


def text_key(text: str) -> str:
    """The form in which two goal texts are compared: Unicode NFKC (full-width letters,
    ideographic spaces), case folded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def check_distinct(text: str, others: Iterable[Goal]) -> None:
    """Refuse `text` when one of `others` (goals with id, text and state, active or
    paused) already says the same: the evening would ask the same question twice."""
    key = text_key(text)
    for goal in others:
        if text_key(goal.text) == key:
            paused = goal.state == GoalState.PAUSED
            reason = "goal_duplicate_paused" if paused else "goal_duplicate"
            raise GoalLimitError.keyed(reason, goal_id=goal.id, text=goal.text)


def check_level_up_text(goal_id: int, old: str, new: str) -> None:
    """A level-up replaces a goal with a harder one, so its text must change."""
    if text_key(old) == text_key(new):
        raise GoalLimitError.keyed("level_up_same_text", goal_id=goal_id, text=old)
