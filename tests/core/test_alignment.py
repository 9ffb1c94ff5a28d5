"""Alignment rate per value, per ISO week and per calendar month."""

from __future__ import annotations

from datetime import date, timedelta

from microalign.core.alignment import AlignmentRate, GoalRecord, alignment_rates, period_starts
from microalign.core.outcomes import GoalSchedule, Outcome, Rules

MONDAY = date(2026, 3, 2)
CODES = {"k": Outcome.KEPT, "p": Outcome.PARTLY, "m": Outcome.MISSED, "r": Outcome.REST}
NO_FREEZE = Rules(freeze_days_per_week=0)


def goal(goal_id: int, value: str | None, pattern: str, start: date = MONDAY, **kw) -> GoalRecord:
    data = {start + timedelta(days=i): CODES[c] for i, c in enumerate(pattern) if c != "."}
    return GoalRecord(goal_id, value, GoalSchedule(start=start, **kw), data)


def test_alignment_rate_no_scheduled_days_is_none() -> None:
    assert AlignmentRate("honesty", MONDAY, 0, 0).rate is None
    assert AlignmentRate("honesty", MONDAY, 3, 4).rate == 0.75


def test_period_starts_weeks_are_mondays_oldest_first() -> None:
    wednesday = date(2026, 3, 18)
    assert period_starts(wednesday, "week", 3) == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]


def test_period_starts_months_cross_year_boundary() -> None:
    assert period_starts(date(2026, 2, 10), "month", 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_alignment_week_all_goals_kept_counts_aligned() -> None:
    goals = [goal(1, "honesty", "kkkkkkk"), goal(2, "honesty", "kkmkkkk")]
    today = MONDAY + timedelta(6)
    rates = alignment_rates(goals, today, NO_FREEZE, "week", periods=1)
    assert rates == [AlignmentRate("honesty", MONDAY, 6, 7)]


def test_alignment_week_day_with_one_goal_rest_uses_the_other() -> None:
    goals = [goal(1, "respect", "krk"), goal(2, "respect", "rrm")]
    rates = alignment_rates(goals, MONDAY + timedelta(2), NO_FREEZE, "week", periods=1)
    assert (rates[0].aligned_days, rates[0].scheduled_days) == (1, 2)


def test_alignment_week_pending_today_not_scheduled() -> None:
    rates = alignment_rates([goal(1, "respect", "kk.")], MONDAY + timedelta(2), Rules(), "week", 1)
    assert (rates[0].aligned_days, rates[0].scheduled_days) == (2, 2)


def test_alignment_frozen_day_is_not_aligned() -> None:
    rates = alignment_rates([goal(1, "care", "kkmk")], MONDAY + timedelta(3), Rules(), "week", 1)
    assert (rates[0].aligned_days, rates[0].scheduled_days) == (3, 4)


def test_alignment_partly_follows_rule() -> None:
    goals = [goal(1, "care", "kpk")]
    today = MONDAY + timedelta(2)
    counted = alignment_rates(goals, today, Rules(partly_counts_as_kept=True), "week", 1)
    strict = alignment_rates(goals, today, Rules(partly_counts_as_kept=False), "week", 1)
    assert (counted[0].aligned_days, strict[0].aligned_days) == (3, 2)


def test_alignment_value_none_is_ignored() -> None:
    goals = [goal(1, None, "mmm"), goal(2, "honesty", "kkk")]
    rates = alignment_rates(goals, MONDAY + timedelta(2), NO_FREEZE, "week", periods=1)
    assert rates == [AlignmentRate("honesty", MONDAY, 3, 3)]


def test_alignment_week_periods_split_on_monday_oldest_first() -> None:
    # 10 days from a Monday: week 1 = 7 days (one miss), week 2 = 3 days kept.
    goals = [goal(1, "b-value", "kkkmkkkkkk"), goal(2, "a-value", "kkkkkkkkkk")]
    today = MONDAY + timedelta(9)
    rates = alignment_rates(goals, today, NO_FREEZE, "week", periods=3)
    week0, week1, week2 = MONDAY - timedelta(7), MONDAY, MONDAY + timedelta(7)
    assert rates == [
        AlignmentRate("a-value", week0, 0, 0),
        AlignmentRate("a-value", week1, 7, 7),
        AlignmentRate("a-value", week2, 3, 3),
        AlignmentRate("b-value", week0, 0, 0),
        AlignmentRate("b-value", week1, 6, 7),
        AlignmentRate("b-value", week2, 3, 3),
    ]


def test_alignment_month_periods_are_calendar_months() -> None:
    start = date(2026, 1, 30)  # Fri 30 Jan .. Tue 3 Mar
    pattern = "km" + "k" * 28 + "mkk"  # Jan: 1 of 2; Feb: all 28; Mar: 2 of 3
    rates = alignment_rates(
        [goal(1, "health", pattern, start=start)], date(2026, 3, 3), NO_FREEZE, "month", periods=3
    )
    assert [(r.period_start, r.aligned_days, r.scheduled_days) for r in rates] == [
        (date(2026, 1, 1), 1, 2),
        (date(2026, 2, 1), 28, 28),
        (date(2026, 3, 1), 2, 3),
    ]


def test_alignment_month_weekday_schedule_counts_only_due_days() -> None:
    start = date(2026, 2, 1)  # a Sunday; February 2026 has 20 weekdays
    rates = alignment_rates(
        [goal(1, "work", "k" * 28, start=start, weekdays=frozenset(range(5)))],
        date(2026, 2, 28),
        NO_FREEZE,
        "month",
        periods=1,
    )
    assert rates == [AlignmentRate("work", start, 20, 20)]


def test_alignment_days_before_first_period_are_left_out() -> None:
    start = MONDAY - timedelta(days=70)  # ten weeks of misses before the last two weeks
    pattern = "m" * 70 + "k" * 14
    today = MONDAY + timedelta(days=13)
    rates = alignment_rates([goal(1, "calm", pattern, start=start)], today, NO_FREEZE, "week", 2)
    assert [(r.aligned_days, r.scheduled_days) for r in rates] == [(7, 7), (7, 7)]
