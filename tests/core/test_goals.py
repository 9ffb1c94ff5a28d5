"""Goal lifecycle: allowed transitions, level-up chain, active-goal limits."""

from __future__ import annotations

import pytest

from microalign.core.goals import (
    HARD_GOAL_LIMIT,
    GoalState,
    check_active_limit,
    check_transition,
    level_up_due,
)
from microalign.core.streaks import StreakSummary
from microalign.errors import GoalLimitError

A, P, M, R = GoalState.ACTIVE, GoalState.PAUSED, GoalState.MASTERED, GoalState.RETIRED
ALLOWED = {
    (A, "pause"): P,
    (A, "retire"): R,
    (A, "master"): M,
    (A, "level_up"): M,
    (A, "edit"): A,
    (P, "resume"): A,
    (P, "retire"): R,
    (P, "master"): M,
    (P, "edit"): P,
}
ACTIONS = ["pause", "resume", "retire", "master", "level_up", "edit"]


@pytest.mark.parametrize(("state", "action"), [(s, a) for s in GoalState for a in ACTIONS])
def test_check_transition_every_pair_follows_table(state: GoalState, action: str) -> None:
    if (state, action) in ALLOWED:
        assert check_transition(state, action) is ALLOWED[(state, action)]  # type: ignore[arg-type]
    else:
        with pytest.raises(GoalLimitError) as caught:
            check_transition(state, action)  # type: ignore[arg-type]
        assert caught.value.hint  # every refusal says what to do


def test_check_transition_retired_resume_names_goal_and_suggests_new_goal() -> None:
    with pytest.raises(GoalLimitError) as caught:
        check_transition(GoalState.RETIRED, "resume", goal_id=3)
    assert "Goal 3 is retired; retired goals cannot be resumed." in str(caught.value)
    assert "Add a new goal" in str(caught.value)


def test_check_transition_paused_level_up_says_resume_first() -> None:
    with pytest.raises(GoalLimitError, match="paused") as caught:
        check_transition(GoalState.PAUSED, "level_up", goal_id=2)
    assert "Resume it first" in (caught.value.hint or "")


def test_check_transition_accepts_plain_strings() -> None:
    assert check_transition("active", "pause") is GoalState.PAUSED  # type: ignore[arg-type]


def test_check_transition_unknown_action_is_value_error() -> None:
    with pytest.raises(ValueError, match="unknown goal action"):
        check_transition(GoalState.ACTIVE, "delete")  # type: ignore[arg-type]


def test_level_up_chain_old_goal_mastered_successor_can_level_up_again() -> None:
    # eye contact with one person -> three people -> a group: each link ends mastered.
    chain = [GoalState.ACTIVE, GoalState.ACTIVE, GoalState.ACTIVE]
    ended = [check_transition(state, "level_up") for state in chain]
    assert ended == [GoalState.MASTERED] * 3
    with pytest.raises(GoalLimitError, match="mastered"):
        check_transition(ended[0], "level_up")


def test_level_up_paused_then_resumed_is_allowed() -> None:
    resumed = check_transition(check_transition(GoalState.ACTIVE, "pause"), "resume")
    assert check_transition(resumed, "level_up") is GoalState.MASTERED


def test_check_active_limit_within_soft_limit_is_none() -> None:
    assert check_active_limit(3, soft_limit=3) is None


def test_check_active_limit_above_soft_limit_warns() -> None:
    warning = check_active_limit(4, soft_limit=3)
    assert warning is not None and "4 active goals" in warning


def test_check_active_limit_at_hard_limit_warns_only() -> None:
    assert check_active_limit(HARD_GOAL_LIMIT, soft_limit=3) is not None


def test_check_active_limit_above_hard_limit_raises_with_hint() -> None:
    with pytest.raises(GoalLimitError) as caught:
        check_active_limit(HARD_GOAL_LIMIT + 1, soft_limit=3)
    assert "Pause or retire" in (caught.value.hint or "")


def summary(current: int) -> StreakSummary:
    return StreakSummary(current, current, current, current, 0, None)


def test_level_up_due_streak_reaches_threshold_true() -> None:
    assert (level_up_due(summary(20), 21), level_up_due(summary(21), 21)) == (False, True)


def test_level_up_due_zero_days_disables_hint() -> None:
    assert level_up_due(summary(100), 0) is False
