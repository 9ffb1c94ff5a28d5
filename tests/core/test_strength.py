"""Strength: Loop Habit Tracker's exponential moving average over scheduled days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from microalign.core.outcomes import GoalSchedule, Outcome, Rules
from microalign.core.strength import MULTIPLIER, strength, strength_series

START = date(2026, 3, 2)
CODES = {"k": Outcome.KEPT, "p": Outcome.PARTLY, "m": Outcome.MISSED, "r": Outcome.REST}


DEFAULT = Rules()


def score(pattern: str, rules: Rules = DEFAULT, **kw) -> float:
    data = {START + timedelta(days=i): CODES[c] for i, c in enumerate(pattern) if c != "."}
    today = START + timedelta(days=len(pattern) - 1)
    return strength(GoalSchedule(start=START, **kw), data, today, rules)


def test_strength_multiplier_half_life_is_13_days() -> None:
    assert pytest.approx(0.5) == MULTIPLIER**13


def test_strength_no_days_is_zero() -> None:
    assert strength(GoalSchedule(START), {}, START - timedelta(1), Rules()) == 0.0


@pytest.mark.parametrize("n", [1, 2, 13, 30, 100])
def test_strength_n_kept_days_from_zero_is_one_minus_m_to_n(n: int) -> None:
    assert score("k" * n) == pytest.approx(1 - MULTIPLIER**n)


def test_strength_13_kept_days_reach_half() -> None:
    assert score("k" * 13) == pytest.approx(0.5)


def test_strength_decay_after_full_strength_halves_in_13_days() -> None:
    full = score("k" * 2000)
    assert full == pytest.approx(1.0)
    assert score("k" * 2000 + "m" * 13) == pytest.approx(0.5, abs=1e-9)


def test_strength_rest_days_leave_it_unchanged() -> None:
    assert score("kkkrrrr") == pytest.approx(score("kkk"))
    assert score("kkk....", weekdays=frozenset({0, 1, 2})) == pytest.approx(score("kkk"))


def test_strength_pending_today_leaves_it_unchanged() -> None:
    assert score("kkk.") == pytest.approx(score("kkk"))


def test_strength_partly_counts_full_when_rule_says_so() -> None:
    assert score("kp") == pytest.approx(score("kk"))


def test_strength_partly_counts_half_when_not_counted() -> None:
    expected = (1 - MULTIPLIER) * MULTIPLIER + 0.5 * (1 - MULTIPLIER)
    assert score("kp", Rules(partly_counts_as_kept=False)) == pytest.approx(expected)


def test_strength_frozen_day_counts_as_miss() -> None:
    with_freeze = score("kkkkm", Rules(freeze_days_per_week=1))
    without = score("kkkkm", Rules(freeze_days_per_week=0))
    assert with_freeze == pytest.approx(without)
    assert with_freeze == pytest.approx((1 - MULTIPLIER**4) * MULTIPLIER)


def test_strength_series_one_entry_per_day_in_range() -> None:
    data = {START: Outcome.KEPT}
    series = strength_series(GoalSchedule(START), data, START + timedelta(9), Rules())
    assert [d for d, _ in series] == [START + timedelta(i) for i in range(10)]
    assert series[0][1] == pytest.approx(1 - MULTIPLIER)
    # Days 1-8 are unanswered misses (day 1 frozen, still 0 for strength); day 9 is pending.
    assert series[-1][1] == pytest.approx((1 - MULTIPLIER) * MULTIPLIER**8)
