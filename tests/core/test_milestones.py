"""Milestones: each reported exactly once, on the day first reached."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from microalign.core.alignment import GoalRecord
from microalign.core.milestones import (
    CHECKINS,
    LEVELLED_UP,
    MASTERED,
    PERFECT_WEEK,
    STREAK,
    STRENGTH,
    Milestone,
    Thresholds,
    detect_milestones,
)
from microalign.core.outcomes import GoalSchedule, Outcome, Rules

MONDAY = date(2026, 3, 2)
CODES = {"k": Outcome.KEPT, "p": Outcome.PARTLY, "m": Outcome.MISSED, "r": Outcome.REST}
NO_FREEZE = Rules(freeze_days_per_week=0)
ONLY_STREAKS = Thresholds(streak_days=(3, 7), total_checkins=(), strength=2.0)


def goal(goal_id: int, pattern: str, **kw) -> GoalRecord:
    data = {MONDAY + timedelta(days=i): CODES[c] for i, c in enumerate(pattern) if c != "."}
    return GoalRecord(goal_id, None, GoalSchedule(start=MONDAY, **kw), data)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def keys(found: list[Milestone]) -> list[str]:
    return [m.key for m in found]


def of_kind(found: list[Milestone], kind: str) -> list[Milestone]:
    """Perfect weeks have no threshold to switch off, so tests about one kind filter."""
    return [m for m in found if m.kind == kind]


def test_milestone_key_formats_are_stable() -> None:
    assert Milestone(STREAK, 3, 30.0, MONDAY).key == "streak:3:30"
    assert Milestone(CHECKINS, None, 10, MONDAY).key == "checkins:-:10"
    assert Milestone(PERFECT_WEEK, None, 1.0, MONDAY).key == "perfect_week:-:1"
    assert Milestone(STRENGTH, 4, 0.9, MONDAY).key == "strength:4:0.9"


def test_detect_streak_thresholds_reported_on_first_day_reached() -> None:
    found = detect_milestones([goal(1, "kkkkkkkk")], [], day(7), NO_FREEZE, ONLY_STREAKS, ())
    assert of_kind(found, STREAK) == [
        Milestone(STREAK, 1, 3, day(2)),
        Milestone(STREAK, 1, 7, day(6)),
    ]


def test_detect_repeated_calls_with_already_fed_back_report_each_once() -> None:
    already: set[str] = set()
    reported: list[str] = []
    pattern = "kkkkkkkkkk"
    for n in range(len(pattern)):
        found = detect_milestones(
            [goal(1, pattern[: n + 1])], [], day(n), NO_FREEZE, ONLY_STREAKS, already
        )
        reported += keys(found)
        already |= set(keys(found))
    assert reported == ["streak:1:3", "perfect_week:-:1", "streak:1:7"]


def test_detect_streak_rereached_after_break_not_repeated() -> None:
    pattern = "kkkm" + "kkk"  # 3 reached, broken, 3 reached again
    first = detect_milestones([goal(1, pattern[:3])], [], day(2), NO_FREEZE, ONLY_STREAKS, ())
    assert keys(first) == ["streak:1:3"]
    again = detect_milestones([goal(1, pattern)], [], day(6), NO_FREEZE, ONLY_STREAKS, keys(first))
    assert again == []


def test_detect_without_already_reports_first_reach_date_after_break() -> None:
    found = detect_milestones([goal(1, "kkkmkkk")], [], day(6), NO_FREEZE, ONLY_STREAKS, ())
    assert found == [Milestone(STREAK, 1, 3, day(2))]


def test_detect_strength_first_reaches_threshold() -> None:
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=0.5)
    found = detect_milestones([goal(7, "k" * 20)], [], day(19), NO_FREEZE, thresholds, ())
    assert of_kind(found, STRENGTH) == [
        Milestone(STRENGTH, 7, 0.5, day(12))
    ]  # 1 - m**13 == 0.5 on day 13


def test_detect_perfect_week_reported_on_sunday() -> None:
    goals = [goal(1, "kkkkkkk"), goal(2, "k.k.k..", weekdays=frozenset({0, 2, 4}))]
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=2.0)
    found = detect_milestones(goals, [], day(6), NO_FREEZE, thresholds, ())
    assert found == [Milestone(PERFECT_WEEK, None, 1, day(6))]


def test_detect_perfect_week_with_one_miss_waits_for_next_week() -> None:
    goals = [goal(1, "kkkmkkk" + "kkkkkkk"), goal(2, "k" * 14)]
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=2.0)
    found = detect_milestones(goals, [], day(13), NO_FREEZE, thresholds, ())
    assert found == [Milestone(PERFECT_WEEK, None, 1, day(13))]


def test_detect_perfect_week_frozen_day_is_not_perfect() -> None:
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=2.0)
    assert detect_milestones([goal(1, "kkkmkkk")], [], day(6), Rules(), thresholds, ()) == []


def test_detect_perfect_week_unfinished_week_not_reported() -> None:
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=2.0)
    assert detect_milestones([goal(1, "kkkkk")], [], day(4), NO_FREEZE, thresholds, ()) == []
    # Sunday with the answer still pending is not yet a perfect week.
    assert detect_milestones([goal(1, "kkkkkk.")], [], day(6), NO_FREEZE, thresholds, ()) == []


def test_detect_perfect_week_all_rest_week_is_not_perfect() -> None:
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=2.0)
    assert detect_milestones([goal(1, "rrrrrrr")], [], day(7), NO_FREEZE, thresholds, ()) == []


def test_detect_perfect_week_only_first_is_reported() -> None:
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=2.0)
    found = detect_milestones([goal(1, "k" * 21)], [], day(20), NO_FREEZE, thresholds, ())
    assert keys(found) == ["perfect_week:-:1"] and found[0].reached_on == day(6)


def test_detect_checkins_thresholds_use_nth_checkin_day() -> None:
    checkins = [day(i // 2) for i in range(12)]  # two check-ins a day
    thresholds = Thresholds(streak_days=(), total_checkins=(5, 10, 50), strength=2.0)
    found = detect_milestones([], checkins, day(6), NO_FREEZE, thresholds, ())
    assert found == [Milestone(CHECKINS, None, 5, day(2)), Milestone(CHECKINS, None, 10, day(4))]


def test_detect_checkins_already_reported_not_repeated() -> None:
    checkins = [day(i) for i in range(10)]
    thresholds = Thresholds(streak_days=(), total_checkins=(10,), strength=2.0)
    assert detect_milestones([], checkins, day(9), NO_FREEZE, thresholds, ["checkins:-:10"]) == []


def test_detect_events_mastered_and_levelled_up_each_once() -> None:
    events = [(LEVELLED_UP, 2, day(3)), (MASTERED, 1, day(3)), (MASTERED, 1, day(3))]
    thresholds = Thresholds(streak_days=(), total_checkins=(), strength=2.0)
    found = detect_milestones([], [], day(5), NO_FREEZE, thresholds, (), events)
    assert keys(found) == ["levelled_up:2:1", "mastered:1:1"]
    assert detect_milestones([], [], day(5), NO_FREEZE, thresholds, keys(found), events) == []


def test_detect_unknown_event_kind_raises() -> None:
    with pytest.raises(ValueError, match="unknown milestone event"):
        detect_milestones([], [], day(5), NO_FREEZE, Thresholds(), (), [("party", 1, day(1))])


def test_detect_results_sorted_by_day_then_kind() -> None:
    checkins = [day(i) for i in range(3)]
    thresholds = Thresholds(streak_days=(3,), total_checkins=(3,), strength=2.0)
    events = [(MASTERED, 1, day(1))]
    found = detect_milestones([goal(1, "kkk")], checkins, day(2), NO_FREEZE, thresholds, (), events)
    assert [(m.reached_on, m.kind) for m in found] == [
        (day(1), MASTERED),
        (day(2), CHECKINS),
        (day(2), STREAK),
    ]


def test_detect_default_thresholds_long_history_each_key_once() -> None:
    goals = [goal(1, "k" * 400), goal(2, "k" * 30 + "m" + "k" * 369)]
    checkins = [day(i) for i in range(400)]
    found = detect_milestones(goals, checkins, day(399), NO_FREEZE, Thresholds(), ())
    found_keys = keys(found)
    assert len(found_keys) == len(set(found_keys))
    assert "streak:1:365" in found_keys and "streak:2:365" in found_keys
    assert {"checkins:-:10", "checkins:-:365", "perfect_week:-:1", "strength:1:0.9"} <= set(
        found_keys
    )
    assert next(m for m in found if m.key == "streak:2:365").reached_on == day(31 + 364)


def test_detect_zero_streak_threshold_is_ignored() -> None:
    thresholds = Thresholds(streak_days=(0, 2), total_checkins=(0,), strength=2.0)
    found = detect_milestones([goal(1, "kk")], [day(0)], day(1), NO_FREEZE, thresholds, ())
    assert keys(found) == ["streak:1:2"]


NO_OTHER = Thresholds(streak_days=(), total_checkins=(), strength=2.0)


def started(goal_id: int, start: date, pattern: str, **kw) -> GoalRecord:
    """A goal whose history starts on `start`, answered per `pattern` from that day on."""
    data = {start + timedelta(days=i): CODES[c] for i, c in enumerate(pattern) if c != "."}
    return GoalRecord(goal_id, None, GoalSchedule(start=start, **kw), data)


def test_detect_perfect_week_goal_added_on_sunday_and_kept_is_not_one() -> None:
    sunday = day(6)
    found = detect_milestones([started(1, sunday, "k")], [], sunday, NO_FREEZE, NO_OTHER, ())
    assert of_kind(found, PERFECT_WEEK) == []


def test_detect_perfect_week_first_whole_week_of_the_history_counts() -> None:
    # Started on a Wednesday: that week is not whole, the next one is.
    goals = [started(1, day(2), "k" * 12)]
    found = detect_milestones(goals, [], day(13), NO_FREEZE, NO_OTHER, ())
    assert found == [Milestone(PERFECT_WEEK, None, 1, day(13))]


def test_detect_perfect_week_goal_added_midweek_beside_an_older_one_counts() -> None:
    goals = [goal(1, "kkkkkkk"), started(2, day(3), "kkkk")]
    found = detect_milestones(goals, [], day(6), NO_FREEZE, NO_OTHER, ())
    assert found == [Milestone(PERFECT_WEEK, None, 1, day(6))]


def test_detect_perfect_week_goal_added_midweek_that_missed_spoils_it() -> None:
    goals = [goal(1, "kkkkkkk"), started(2, day(3), "kmkk")]
    assert detect_milestones(goals, [], day(6), NO_FREEZE, NO_OTHER, ()) == []


def test_detect_perfect_week_inside_a_goal_paused_all_week_is_not_one() -> None:
    # Goal 1 is paused the whole second week; goal 2, added that Thursday, does not
    # cover a whole week alone.
    paused = ((day(7), day(13)),)
    goals = [goal(1, "m" * 7, paused=paused), started(2, day(10), "kkkk")]
    assert detect_milestones(goals, [], day(13), NO_FREEZE, NO_OTHER, ()) == []


def test_detect_perfect_week_with_a_skipped_scheduled_day_is_not_one() -> None:
    # "Every micro-goal kept, every day of the week": a rest day on a due day is not kept.
    assert detect_milestones([goal(1, "kkkrkkk")], [], day(6), NO_FREEZE, NO_OTHER, ()) == []


def test_detect_perfect_week_weekdays_goal_kept_every_weekday_is_one() -> None:
    goals = [goal(1, "kkkkk..", weekdays=frozenset(range(5)))]
    found = detect_milestones(goals, [], day(6), NO_FREEZE, NO_OTHER, ())
    assert found == [Milestone(PERFECT_WEEK, None, 1, day(6))]


def test_detect_perfect_week_goal_ended_midweek_counts_only_inside_its_history() -> None:
    # Goal 1 mastered on Wednesday: no whole week lies inside its history.
    goals = [goal(1, "kkk", end=day(2))]
    assert detect_milestones(goals, [], day(6), NO_FREEZE, NO_OTHER, ()) == []
