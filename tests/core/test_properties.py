"""Property tests for the streak, freeze, strength, alignment and milestone rules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from microalign.core.alignment import GoalRecord, alignment_rates
from microalign.core.milestones import Thresholds, detect_milestones
from microalign.core.outcomes import DayState, GoalSchedule, Outcome, Rules, day_states
from microalign.core.streaks import streak_history, streak_summary
from microalign.core.strength import strength, strength_series

START = date(2026, 3, 2)
NO_FREEZE = Rules(freeze_days_per_week=0)

answer = st.one_of(st.none(), st.sampled_from(list(Outcome)))
patterns = st.lists(answer, min_size=1, max_size=60)
rules_st = st.builds(Rules, st.booleans(), st.integers(min_value=0, max_value=3))
weekdays_st = st.frozensets(st.integers(min_value=0, max_value=6), min_size=1)


def to_answers(pattern: list[Outcome | None]) -> dict[date, Outcome]:
    return {START + timedelta(days=i): a for i, a in enumerate(pattern) if a is not None}


def last_day(pattern: list[Outcome | None]) -> date:
    return START + timedelta(days=len(pattern) - 1)


def reference_streaks(
    pattern: list[Outcome | None], weekdays: frozenset[int], partly_counts: bool
) -> tuple[int, int]:
    """Plain reading of the streak rule without freezes: (current, best)."""
    current = best = 0
    for i, outcome in enumerate(pattern):
        day = START + timedelta(days=i)
        if day.weekday() not in weekdays or outcome is Outcome.REST:
            continue
        if outcome is None and i == len(pattern) - 1:
            continue  # today, not answered yet
        kept = outcome is Outcome.KEPT or (outcome is Outcome.PARTLY and partly_counts)
        current = current + 1 if kept else 0
        best = max(best, current)
    return current, best


@settings(max_examples=300, deadline=None)
@given(patterns, rules_st, weekdays_st)
def test_streak_summary_any_history_counts_are_ordered(pattern, rules, weekdays) -> None:
    schedule = GoalSchedule(START, weekdays)
    result = streak_summary(schedule, to_answers(pattern), last_day(pattern), rules)
    assert 0 <= result.current <= result.best <= result.kept_days <= result.scheduled_days
    assert result.frozen_days <= result.scheduled_days - result.kept_days


@settings(max_examples=300, deadline=None)
@given(patterns, rules_st, weekdays_st)
def test_streak_history_any_history_last_equals_current(pattern, rules, weekdays) -> None:
    schedule, data, today = GoalSchedule(START, weekdays), to_answers(pattern), last_day(pattern)
    history = streak_history(schedule, data, today, rules)
    assert len(history) == len(pattern)
    assert history[-1][1] == streak_summary(schedule, data, today, rules).current


@settings(max_examples=300, deadline=None)
@given(patterns, st.booleans(), weekdays_st)
def test_streak_freeze_disabled_matches_reference(pattern, partly_counts, weekdays) -> None:
    rules = Rules(partly_counts_as_kept=partly_counts, freeze_days_per_week=0)
    result = streak_summary(
        GoalSchedule(START, weekdays), to_answers(pattern), last_day(pattern), rules
    )
    assert (result.current, result.best) == reference_streaks(pattern, weekdays, partly_counts)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=120), weekdays_st, rules_st)
def test_streak_fully_kept_history_current_equals_best_equals_n(n, weekdays, rules) -> None:
    schedule = GoalSchedule(START, weekdays)
    pattern = [Outcome.KEPT] * n
    result = streak_summary(schedule, to_answers(pattern), last_day(pattern), rules)
    due = sum(1 for i in range(n) if (START + timedelta(i)).weekday() in weekdays)
    assert result.current == result.best == result.kept_days == result.scheduled_days == due


@settings(max_examples=300, deadline=None)
@given(patterns, st.data(), st.booleans())
def test_streak_insert_rest_day_anywhere_current_best_unchanged(pattern, data, partly) -> None:
    rules = Rules(partly_counts_as_kept=partly, freeze_days_per_week=0)
    where = data.draw(st.integers(min_value=0, max_value=len(pattern) - 1))
    longer = [*pattern[:where], Outcome.REST, *pattern[where:]]
    before = streak_summary(GoalSchedule(START), to_answers(pattern), last_day(pattern), rules)
    after = streak_summary(GoalSchedule(START), to_answers(longer), last_day(longer), rules)
    assert (after.current, after.best) == (before.current, before.best)


@settings(max_examples=300, deadline=None)
@given(patterns, rules_st)
def test_freeze_any_history_window_limit_and_streak_protection_hold(pattern, rules) -> None:
    states = day_states(GoalSchedule(START), to_answers(pattern), last_day(pattern), rules)
    frozen = [d for d, s in states if s is DayState.FROZEN]
    for day in frozen:
        in_window = [f for f in frozen if day - timedelta(days=6) <= f <= day]
        assert len(in_window) <= rules.freeze_days_per_week
    history = dict(
        streak_history(GoalSchedule(START), to_answers(pattern), last_day(pattern), rules)
    )
    for day in frozen:  # a freeze only happens with a streak to protect, and keeps it
        assert history.get(day - timedelta(days=1), 0) > 0
        assert history[day] == history[day - timedelta(days=1)]


@settings(max_examples=300, deadline=None)
@given(patterns, rules_st)
def test_freeze_enabled_streak_never_below_disabled(pattern, rules) -> None:
    strict = Rules(rules.partly_counts_as_kept, 0)
    args = (GoalSchedule(START), to_answers(pattern), last_day(pattern))
    forgiving = streak_summary(*args, rules)
    plain = streak_summary(*args, strict)
    assert forgiving.current >= plain.current and forgiving.best >= plain.best


@settings(max_examples=300, deadline=None)
@given(patterns, rules_st, weekdays_st)
def test_strength_any_history_stays_in_unit_interval(pattern, rules, weekdays) -> None:
    series = strength_series(
        GoalSchedule(START, weekdays), to_answers(pattern), last_day(pattern), rules
    )
    assert all(0.0 <= value <= 1.0 for _, value in series)


@settings(max_examples=300, deadline=None)
@given(patterns, rules_st, st.data())
def test_strength_insert_rest_day_final_value_unchanged(pattern, rules, data) -> None:
    where = data.draw(st.integers(min_value=0, max_value=len(pattern) - 1))
    longer = [*pattern[:where], Outcome.REST, *pattern[where:]]
    before = strength(GoalSchedule(START), to_answers(pattern), last_day(pattern), rules)
    after = strength(GoalSchedule(START), to_answers(longer), last_day(longer), rules)
    assert after == before


@settings(max_examples=300, deadline=None)
@given(patterns, rules_st, st.data())
def test_strength_missed_turned_kept_never_lowers_score(pattern, rules, data) -> None:
    where = data.draw(st.integers(min_value=0, max_value=len(pattern) - 1))
    better = [*pattern[:where], Outcome.KEPT, *pattern[where + 1 :]]
    worse = [*pattern[:where], Outcome.MISSED, *pattern[where + 1 :]]
    args = (GoalSchedule(START),)
    high = strength(*args, to_answers(better), last_day(pattern), rules)
    low = strength(*args, to_answers(worse), last_day(pattern), rules)
    assert high >= low


goal_patterns = st.lists(
    st.tuples(st.sampled_from([None, "honesty", "respect"]), patterns), min_size=1, max_size=4
)


@settings(max_examples=150, deadline=None)
@given(goal_patterns, rules_st, st.sampled_from(["week", "month"]))
def test_alignment_any_goals_aligned_within_scheduled(goals, rules, period) -> None:
    records = [
        GoalRecord(i, v, GoalSchedule(START), to_answers(p)) for i, (v, p) in enumerate(goals)
    ]
    today = START + timedelta(days=max(len(p) for _, p in goals) - 1)
    rates = alignment_rates(records, today, rules, period, periods=3)
    assert {r.value for r in rates} == {v for v, _ in goals if v is not None}
    for rate in rates:
        assert 0 <= rate.aligned_days <= rate.scheduled_days
        assert rate.rate is None or 0.0 <= rate.rate <= 1.0


SMALL = Thresholds(streak_days=(2, 3, 7), total_checkins=(3, 10), strength=0.3)


@settings(max_examples=60, deadline=None)
@given(st.lists(patterns, min_size=1, max_size=3), rules_st)
def test_milestones_daily_calls_report_each_key_once_same_as_one_shot(pattern_list, rules) -> None:
    days = max(len(p) for p in pattern_list)
    already: set[str] = set()
    reported: list[str] = []
    for n in range(days):
        goals = [
            GoalRecord(i, None, GoalSchedule(START), to_answers(p[: n + 1]))
            for i, p in enumerate(pattern_list)
        ]
        checkins = [START + timedelta(days=d) for d in range(n + 1)]
        found = detect_milestones(goals, checkins, START + timedelta(days=n), rules, SMALL, already)
        reported += [m.key for m in found]
        already |= {m.key for m in found}
    assert len(reported) == len(set(reported))
    goals = [
        GoalRecord(i, None, GoalSchedule(START), to_answers(p)) for i, p in enumerate(pattern_list)
    ]
    checkins = [START + timedelta(days=d) for d in range(days)]
    today = START + timedelta(days=days - 1)
    one_shot = detect_milestones(goals, checkins, today, rules, SMALL, ())
    assert {m.key for m in one_shot} == set(reported)
    assert detect_milestones(goals, checkins, today, rules, SMALL, already) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=20), patterns, weekdays_st),
        min_size=1,
        max_size=3,
    ),
    rules_st,
)
def test_property_no_milestone_celebrates_more_than_the_goals_history(goals, rules) -> None:
    records = []
    for n, (offset, pattern, weekdays) in enumerate(goals, 1):
        start = START + timedelta(days=offset)
        answers = {start + timedelta(days=i): a for i, a in enumerate(pattern) if a is not None}
        records.append(GoalRecord(n, None, GoalSchedule(start, weekdays), answers))
    starts = {r.goal_id: r.schedule.start for r in records}
    today = START + timedelta(days=80)
    thresholds = Thresholds(streak_days=tuple(range(1, 60)), total_checkins=(), strength=0.5)
    for m in detect_milestones(records, [], today, rules, thresholds, ()):
        if m.kind == "streak":
            assert m.threshold <= (m.reached_on - starts[m.goal_id]).days + 1
        if m.kind == "perfect_week":
            monday = m.reached_on - timedelta(days=6)
            assert m.reached_on.weekday() == 6
            assert any(start <= monday for start in starts.values())
