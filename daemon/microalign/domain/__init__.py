"""Pure domain core: day outcomes, streaks, strength, alignment, milestones, goal rules.

No I/O here (no SQLite, audio or D-Bus); everything is a function of dates and answers,
so it is fast to test and the same in the daemon, the CLI and the store.
"""

from microalign.domain.alignment import AlignmentRate, GoalRecord, alignment_rates
from microalign.domain.goals import (
    HARD_GOAL_LIMIT,
    GoalState,
    check_active_limit,
    check_transition,
    level_up_due,
)
from microalign.domain.milestones import Milestone, Thresholds, detect_milestones
from microalign.domain.outcomes import (
    ANSWER_TO_OUTCOME,
    DayState,
    GoalSchedule,
    Outcome,
    Rules,
    day_states,
    local_day,
)
from microalign.domain.streaks import StreakSummary, streak_history, streak_summary
from microalign.domain.strength import MULTIPLIER, strength, strength_series

__all__ = [
    "ANSWER_TO_OUTCOME",
    "HARD_GOAL_LIMIT",
    "MULTIPLIER",
    "AlignmentRate",
    "DayState",
    "GoalRecord",
    "GoalSchedule",
    "GoalState",
    "Milestone",
    "Outcome",
    "Rules",
    "StreakSummary",
    "Thresholds",
    "alignment_rates",
    "check_active_limit",
    "check_transition",
    "day_states",
    "detect_milestones",
    "level_up_due",
    "local_day",
    "streak_history",
    "streak_summary",
    "strength",
    "strength_series",
]
