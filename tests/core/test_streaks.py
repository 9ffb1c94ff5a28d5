"""Streaks: consecutive kept scheduled days; rest, frozen and pending days are neutral."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from microalign.core.outcomes import GoalSchedule, Outcome, Rules
from microalign.core.streaks import StreakSummary, streak_history, streak_summary
from microalign.core.strength import MULTIPLIER, strength

START = date(2026, 3, 2)  # a Monday
CODES = {"k": Outcome.KEPT, "p": Outcome.PARTLY, "m": Outcome.MISSED, "r": Outcome.REST}
NO_FREEZE = Rules(freeze_days_per_week=0)


def answers(pattern: str) -> dict[date, Outcome]:
    """One letter per day from START: k kept, p partly, m missed, r rest, '.' no answer."""
    return {START + timedelta(days=i): CODES[c] for i, c in enumerate(pattern) if c != "."}


def summary(pattern: str, rules: Rules = NO_FREEZE, **kw) -> StreakSummary:
    today = START + timedelta(days=len(pattern) - 1)
    return streak_summary(GoalSchedule(start=START, **kw), answers(pattern), today, rules)


def history(pattern: str, rules: Rules = NO_FREEZE) -> list[int]:
    today = START + timedelta(days=len(pattern) - 1)
    return [v for _, v in streak_history(GoalSchedule(START), answers(pattern), today, rules)]


def test_streak_summary_no_days_all_zero() -> None:
    result = streak_summary(GoalSchedule(START), {}, START - timedelta(1), Rules())
    assert result == StreakSummary(0, 0, 0, 0, 0, None)


def test_streak_summary_all_kept_counts_every_day() -> None:
    assert summary("kkkkk") == StreakSummary(5, 5, 5, 5, 0, START + timedelta(4))


def test_streak_summary_miss_resets_current_keeps_best() -> None:
    result = summary("kkkmkk")
    assert (result.current, result.best, result.kept_days, result.scheduled_days) == (2, 3, 5, 6)


def test_streak_history_values_at_end_of_each_day() -> None:
    assert history("kkmkrk.") == [1, 2, 0, 1, 1, 2, 2]


def test_streak_rest_days_neither_break_nor_extend() -> None:
    result = summary("kkrrrk")
    assert (result.current, result.scheduled_days) == (3, 3)


def test_streak_weekday_schedule_off_days_are_rest() -> None:
    # Mon..Sun, Mon with only weekdays scheduled: the weekend does not break the streak.
    result = summary("kkkkk..k", weekdays=frozenset(range(5)))
    assert (result.current, result.best, result.scheduled_days) == (6, 6, 6)


def test_streak_paused_interval_does_not_break_streak() -> None:
    pause = ((START + timedelta(2), START + timedelta(5)),)
    result = summary("kk....k", paused=pause)
    assert (result.current, result.scheduled_days) == (3, 3)


def test_streak_unanswered_past_day_is_a_miss() -> None:
    assert summary("kk.k").current == 1


def test_streak_today_unanswered_is_pending_not_a_break() -> None:
    result = summary("kkk.")
    assert (result.current, result.scheduled_days, result.last_kept) == (3, 3, START + timedelta(2))


def test_streak_partly_counts_when_rule_says_so() -> None:
    result = summary("kpk", Rules(partly_counts_as_kept=True, freeze_days_per_week=0))
    assert (result.current, result.kept_days) == (3, 3)


def test_streak_partly_breaks_when_not_counted() -> None:
    result = summary("kpk", Rules(partly_counts_as_kept=False, freeze_days_per_week=0))
    assert (result.current, result.best, result.kept_days, result.scheduled_days) == (1, 1, 2, 3)


def test_streak_freeze_protects_but_does_not_extend() -> None:
    result = summary("k" * 20 + "m" + "k" * 5, Rules())
    assert (result.current, result.best, result.frozen_days) == (25, 25, 1)


def test_streak_freeze_second_miss_within_week_breaks() -> None:
    result = summary("k" * 10 + "mkkm" + "kk", Rules())
    assert (result.current, result.best, result.frozen_days) == (2, 12, 1)


def test_streak_freeze_disabled_single_miss_breaks() -> None:
    result = summary("k" * 20 + "m" + "k" * 5, NO_FREEZE)
    assert (result.current, result.best, result.frozen_days) == (5, 20, 0)


def test_streak_history_last_value_equals_current() -> None:
    pattern = "kkmkk.kkrkpm.kk"
    assert history(pattern, Rules())[-1] == summary(pattern, Rules()).current


def test_streak_ten_years_daily_computes_correct_values() -> None:
    days = 3653  # 10 years incl. leap days
    start = date(2016, 1, 1)
    # Kept every day except a miss on every 100th day (days 99, 199, ...).
    data = {
        start + timedelta(i): Outcome.MISSED if i % 100 == 99 else Outcome.KEPT for i in range(days)
    }
    today = start + timedelta(days - 1)
    schedule = GoalSchedule(start)
    no_freeze = streak_summary(schedule, data, today, NO_FREEZE)
    assert no_freeze.scheduled_days == days
    assert no_freeze.kept_days == days - 36
    assert no_freeze.best == 99
    assert no_freeze.current == days - 1 - 3599  # kept since the last miss on day 3599
    frozen = streak_summary(schedule, data, today, Rules())
    assert (frozen.current, frozen.best, frozen.frozen_days) == (days - 36, days - 36, 36)
    reference = 0.0
    for i in range(days):
        reference = reference * MULTIPLIER + (i % 100 != 99) * (1 - MULTIPLIER)
    value = strength(schedule, data, today, Rules())
    assert value == pytest.approx(reference, rel=1e-12)
    assert 1 - MULTIPLIER**53 <= value < 1  # 53 kept days since the last miss
