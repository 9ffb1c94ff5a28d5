"""Day states: rest days, missed and pending days, partly, freezes, DST calendar days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from microalign.core.outcomes import (
    ANSWER_TO_OUTCOME,
    DayState,
    GoalSchedule,
    Outcome,
    Rules,
    day_states,
    local_day,
)
from microalign.core.streaks import streak_summary

START = date(2026, 3, 2)  # a Monday
CODES = {"k": Outcome.KEPT, "p": Outcome.PARTLY, "m": Outcome.MISSED, "r": Outcome.REST}
NO_FREEZE = Rules(freeze_days_per_week=0)


def answers(pattern: str, start: date = START) -> dict[date, Outcome]:
    """One letter per day from `start`: k kept, p partly, m missed, r rest, '.' no answer."""
    return {start + timedelta(days=i): CODES[c] for i, c in enumerate(pattern) if c != "."}


def states(pattern: str, rules: Rules = NO_FREEZE, extra_days: int = 0, **kw) -> str:
    """Day states as a compact string (first letter; FROZEN as 'f', PENDING as '?')."""
    schedule = GoalSchedule(start=START, **kw)
    today = START + timedelta(days=len(pattern) - 1 + extra_days)
    letters = {DayState.FROZEN: "f", DayState.PENDING: "?"}
    result = day_states(schedule, answers(pattern), today, rules)
    return "".join(letters.get(s, s.value[0]) for _, s in result)


def test_answer_to_outcome_spoken_words_map_to_outcomes() -> None:
    assert ANSWER_TO_OUTCOME == {
        "yes": Outcome.KEPT,
        "no": Outcome.MISSED,
        "partly": Outcome.PARTLY,
        "skip": Outcome.REST,
    }


def test_day_states_plain_answers_map_one_to_one() -> None:
    assert states("kpmr") == "kpmr"


def test_day_states_unanswered_past_day_is_missed() -> None:
    assert states("k.k") == "kmk"


def test_day_states_today_unanswered_is_pending() -> None:
    assert states("kk.") == "kk?"


def test_day_states_today_answered_missed_is_missed() -> None:
    assert states("kkm") == "kkm"


def test_day_states_unscheduled_weekdays_are_rest() -> None:
    weekdays = frozenset({0, 2, 4})  # Mon, Wed, Fri
    assert states("k.k.k..k", weekdays=weekdays) == "krkrkrrk"


def test_day_states_answer_on_unscheduled_weekday_is_rest() -> None:
    assert states("kkk", weekdays=frozenset({0, 2})) == "krk"


def test_day_states_skip_answer_is_rest() -> None:
    assert states("krrk") == "krrk"


def test_day_states_paused_interval_is_rest_inclusive() -> None:
    pause = ((START + timedelta(days=1), START + timedelta(days=3)),)
    assert states("k...k", paused=pause) == "krrrk"


def test_day_states_open_pause_runs_through_today() -> None:
    pause = ((START + timedelta(days=2), None),)
    assert states("kk...", paused=pause) == "kkrrr"


def test_day_states_range_stops_at_end_day() -> None:
    end = START + timedelta(days=2)
    assert states("kkk", end=end, extra_days=5) == "kkk"


def test_day_states_end_day_unanswered_in_past_is_missed() -> None:
    end = START + timedelta(days=1)
    assert states("k.", end=end, extra_days=3) == "km"


def test_day_states_today_before_start_is_empty() -> None:
    schedule = GoalSchedule(start=START)
    assert day_states(schedule, {}, START - timedelta(days=1), Rules()) == []


def test_day_states_plain_string_answers_are_accepted() -> None:
    schedule = GoalSchedule(start=START)
    result = day_states(schedule, {START: "kept"}, START, Rules())  # type: ignore[dict-item]
    assert result == [(START, DayState.KEPT)]


def test_freeze_single_miss_in_long_streak_is_frozen() -> None:
    assert states("kkkkkkkkkmkkkkk", Rules()) == "kkkkkkkkkfkkkkk"


def test_freeze_two_misses_within_seven_days_second_is_missed() -> None:
    assert states("kkkmkkkmkk", Rules()) == "kkkfkkkmkk"


def test_freeze_misses_seven_days_apart_both_frozen() -> None:
    assert states("kkkmkkkkkkmkk", Rules()) == "kkkfkkkkkkfkk"


def test_freeze_disabled_miss_is_missed() -> None:
    assert states("kkkkmkk", NO_FREEZE) == "kkkkmkk"


def test_freeze_without_streak_to_protect_is_missed() -> None:
    assert states("mkm", Rules()) == "mkf"
    assert states("rm", Rules()) == "rm"


def test_freeze_two_per_week_allows_two_consecutive_misses() -> None:
    assert states("kkmmmk", Rules(freeze_days_per_week=2)) == "kkffmk"


def test_freeze_unanswered_past_day_can_be_frozen() -> None:
    assert states("kk.k", Rules()) == "kkfk"


def test_freeze_partly_not_counting_is_never_frozen() -> None:
    rules = Rules(partly_counts_as_kept=False)
    assert states("kkpk", rules) == "kkpk"
    assert (
        streak_summary(GoalSchedule(START), answers("kkpk"), START + timedelta(3), rules).current
        == 1
    )


def test_freeze_window_counts_calendar_days_including_rest() -> None:
    # The miss on day 7 is 6 days after the freeze on day 1: still in the same window.
    assert states("kfkrrrrmk".replace("f", "m"), Rules()) == "kfkrrrrmk"


def test_local_day_naive_datetime_raises() -> None:
    with pytest.raises(ValueError, match="aware"):
        local_day(datetime(2026, 3, 29, 12), "Europe/Berlin")


def test_local_day_utc_instant_converts_to_local_calendar_date() -> None:
    late_utc = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)
    assert local_day(late_utc, "Europe/Berlin") == date(2026, 3, 30)
    assert local_day(late_utc, ZoneInfo("America/New_York")) == date(2026, 3, 29)


# 2026 transitions: Berlin 29 Mar / 25 Oct, New York 8 Mar / 1 Nov.
DST_CASES = [
    ("Europe/Berlin", date(2026, 3, 29), 23),
    ("Europe/Berlin", date(2026, 10, 25), 25),
    ("America/New_York", date(2026, 3, 8), 23),
    ("America/New_York", date(2026, 11, 1), 25),
]


@pytest.mark.parametrize(("tz", "change_day", "hours"), DST_CASES)
def test_local_day_dst_change_day_counts_once_streak_unaffected(
    tz: str, change_day: date, hours: int
) -> None:
    zone = ZoneInfo(tz)
    midnight = datetime.combine(change_day, datetime.min.time(), zone)
    next_midnight = datetime.combine(change_day + timedelta(1), datetime.min.time(), zone)
    # Aware arithmetic within one zone is wall-clock; measure the real length in UTC.
    length = next_midnight.astimezone(UTC) - midnight.astimezone(UTC)
    assert length == timedelta(hours=hours)
    first = change_day - timedelta(days=5)
    # One evening check-in per day at 21:30 local, stepped in UTC by 24 h: DST shifts the
    # local hour by one, but every instant still lands on its own calendar day.
    local = datetime.combine(first, datetime.min.time(), zone).replace(hour=21, minute=30)
    instant = local.astimezone(UTC)
    days = [local_day(instant + timedelta(hours=24 * i), tz) for i in range(11)]
    assert days == [first + timedelta(days=i) for i in range(11)]
    # Late-night answers right after midnight local time on both sides of the change.
    assert local_day(next_midnight + timedelta(minutes=1), zone) == change_day + timedelta(1)
    assert local_day(next_midnight - timedelta(minutes=1), zone) == change_day
    summary = streak_summary(
        GoalSchedule(start=first), dict.fromkeys(days, Outcome.KEPT), days[-1], Rules()
    )
    assert (summary.current, summary.best, summary.scheduled_days) == (11, 11, 11)
