"""Pure scheduling decisions, driven by a controllable clock and real zoneinfo zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from microalign.config import Timing
from microalign.core.schedule import (
    CheckinTimes,
    Decision,
    Plan,
    classify,
    due_occurrences,
    local_instant,
    next_fire,
    occurrence,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _plan(grace_minutes: int = 120, **timings: Timing) -> Plan:
    """The scheduler's plain data for check-ins named and timed like the config's."""
    checkins = tuple(
        CheckinTimes(name, tuple(timing.time_on(day) for day in range(7)))
        for name, timing in timings.items()
    )
    return Plan(checkins, grace_minutes)


def _schedule(morning: str = "02:30", evening: str = "21:00", grace: int = 120) -> Plan:
    return _plan(morning=Timing(time=morning), evening=Timing(time=evening), grace_minutes=grace)


def _day_start(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0)


def _at(tz: ZoneInfo, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=tz, fold=fold)


def _walk(start: datetime, end: datetime, step: timedelta, tz, schedule, done=None) -> list:
    """Simulate a daemon that checks every `step` and runs what is due exactly once."""
    done = set() if done is None else set(done)
    fired = []
    now = start
    while now <= end:
        for occ, decision in due_occurrences(now, tz, schedule, done, since=start):
            done.add(occ.key)
            fired.append((occ.key, decision, now))
        now += step
    return fired


def test_local_instant_spring_forward_gap_shifts_by_gap():
    got = local_instant(date(2026, 3, 29), _at(BERLIN, 2026, 3, 29, 2, 30).time(), BERLIN)
    assert got.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    local = got.astimezone(BERLIN)
    assert (local.hour, local.minute) == (3, 30)


def test_local_instant_fall_back_ambiguous_takes_first():
    got = local_instant(date(2026, 10, 25), _at(BERLIN, 2026, 10, 25, 2, 30).time(), BERLIN)
    assert got.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
def test_due_occurrences_dst_day_fires_0230_checkin_exactly_once(day):
    schedule = _schedule(morning="02:30")
    start = datetime.combine(day, datetime.min.time(), BERLIN).astimezone(UTC)
    # Walk in UTC so the repeated hour at fall-back is really lived through twice.
    fired = _walk(start, start + timedelta(hours=6), timedelta(minutes=1), BERLIN, schedule)
    morning = [f for f in fired if f[0] == (day, "morning")]
    assert len(morning) == 1
    assert morning[0][1] is Decision.RUN


def test_due_occurrences_week_across_both_dst_changes_each_checkin_once():
    schedule = _schedule(morning="02:30", evening="23:30")
    for first in (date(2026, 3, 26), date(2026, 10, 22)):
        start = datetime.combine(first, datetime.min.time(), BERLIN).astimezone(UTC)
        fired = _walk(start, start + timedelta(days=7), timedelta(minutes=5), BERLIN, schedule)
        keys = [f[0] for f in fired if f[0][0] < first + timedelta(days=6)]
        assert len(keys) == len(set(keys)) == 12
        assert all(f[1] is Decision.RUN for f in fired)


def test_due_occurrences_suspend_across_checkin_runs_on_resume():
    schedule = _schedule(morning="07:30")
    done: set = set()
    before = _at(BERLIN, 2026, 5, 4, 7, 0)
    since = _day_start(before)
    assert due_occurrences(before, BERLIN, schedule, done, since=since) == []
    resumed = _at(BERLIN, 2026, 5, 4, 8, 15)  # slept through 07:30
    due = due_occurrences(resumed, BERLIN, schedule, done, since=since)
    assert [(o.key, d) for o, d in due] == [((date(2026, 5, 4), "morning"), Decision.RUN)]


def test_due_occurrences_restart_inside_grace_runs_once():
    schedule = _schedule(morning="07:30", grace=120)
    now = _at(BERLIN, 2026, 5, 4, 9, 29)
    since = _day_start(now)
    due = due_occurrences(now, BERLIN, schedule, set(), since=since)
    assert [d for _, d in due] == [Decision.RUN]
    assert (
        due_occurrences(now, BERLIN, schedule, {(date(2026, 5, 4), "morning")}, since=since) == []
    )


def test_due_occurrences_restart_outside_grace_is_missed():
    schedule = _schedule(morning="07:30", grace=120)
    now = _at(BERLIN, 2026, 5, 4, 9, 31)
    due = due_occurrences(now, BERLIN, schedule, set(), since=_day_start(now))
    assert [d for _, d in due] == [Decision.MISSED]


def test_due_occurrences_without_since_reports_yesterday_missed():
    schedule = _schedule(morning="07:30", evening="21:00", grace=120)
    due = due_occurrences(_at(BERLIN, 2026, 5, 4, 6, 0), BERLIN, schedule, set())
    assert [(o.key, d) for o, d in due] == [
        ((date(2026, 5, 3), "morning"), Decision.MISSED),
        ((date(2026, 5, 3), "evening"), Decision.MISSED),
    ]


def test_due_occurrences_before_since_ignored():
    schedule = _schedule(morning="07:30", grace=120)
    now = _at(BERLIN, 2026, 5, 4, 9, 31)
    assert due_occurrences(now, BERLIN, schedule, set(), since=_at(BERLIN, 2026, 5, 4, 8, 0)) == []


def test_due_occurrences_evening_grace_crosses_midnight_runs():
    schedule = _schedule(morning="07:30", evening="23:30", grace=120)
    due = due_occurrences(_at(BERLIN, 2026, 5, 5, 0, 45), BERLIN, schedule, set())
    assert [(o.key, d) for o, d in due] == [
        ((date(2026, 5, 4), "morning"), Decision.MISSED),
        ((date(2026, 5, 4), "evening"), Decision.RUN),
    ]


def test_due_occurrences_timezone_change_west_does_not_repeat_done_checkin():
    schedule = _schedule(morning="07:30", evening="21:00")
    done = {(date(2026, 5, 4), "morning")}  # done at 07:30 in Berlin
    # Flew to New York: 09:00 Berlin is 03:00 there, still 2026-05-04.
    now = _at(BERLIN, 2026, 5, 4, 9, 0)
    done.add((date(2026, 5, 3), "evening"))
    assert due_occurrences(now, NEW_YORK, schedule, done, since=_at(BERLIN, 2026, 5, 4)) == []
    fired = _walk(now, now + timedelta(hours=30), timedelta(minutes=10), NEW_YORK, schedule, done)
    assert [f[0] for f in fired] == [(date(2026, 5, 4), "evening"), (date(2026, 5, 5), "morning")]


def test_due_occurrences_timezone_change_east_does_not_skip_checkin():
    schedule = _schedule(morning="07:30", evening="21:00")
    done = {(date(2026, 5, 4), "morning")}
    # 20:00 in New York is 02:00 next day in Berlin: the evening of the 4th was skipped over
    # by the move, so it is recorded (missed), never silently lost nor run twice.
    now = _at(NEW_YORK, 2026, 5, 4, 20, 0)
    due = due_occurrences(now, BERLIN, schedule, done, since=_at(BERLIN, 2026, 5, 4))
    assert [(o.key, d) for o, d in due] == [((date(2026, 5, 4), "evening"), Decision.MISSED)]


def test_due_occurrences_snoozed_runs_at_snooze_time():
    schedule = _schedule(morning="07:30")
    key = (date(2026, 5, 4), "morning")
    snoozed = {key: _at(BERLIN, 2026, 5, 4, 7, 45)}
    since = _at(BERLIN, 2026, 5, 4)
    assert (
        due_occurrences(_at(BERLIN, 2026, 5, 4, 7, 40), BERLIN, schedule, set(), snoozed, since)
        == []
    )
    due = due_occurrences(_at(BERLIN, 2026, 5, 4, 7, 45), BERLIN, schedule, set(), snoozed, since)
    assert [(o.key, o.at, d) for o, d in due] == [(key, snoozed[key], Decision.RUN)]


def test_next_fire_skips_done_and_disabled_days():
    schedule = _plan(
        morning=Timing(time="07:30", days=["mon"]), evening=Timing(time="21:00", enabled=False)
    )
    now = _at(BERLIN, 2026, 5, 4, 6, 0)  # a Monday
    assert next_fire(now, BERLIN, schedule).at == _at(BERLIN, 2026, 5, 4, 7, 30)
    nxt = next_fire(now, BERLIN, schedule, {(date(2026, 5, 4), "morning")})
    assert nxt.at == _at(BERLIN, 2026, 5, 11, 7, 30)


def test_next_fire_no_checkin_enabled_returns_none():
    schedule = _plan(
        morning=Timing(time="07:30", enabled=False), evening=Timing(time="21:00", enabled=False)
    )
    assert next_fire(_at(BERLIN, 2026, 5, 4, 6, 0), BERLIN, schedule) is None


def test_occurrence_weekday_time_override_used():
    schedule = _plan(morning=Timing(time="07:30", times={"sat": "09:00"}))
    occ = occurrence(schedule, "morning", date(2026, 5, 9), BERLIN)
    local = occ.at.astimezone(BERLIN)
    assert (local.hour, local.minute) == (9, 0)


def test_classify_boundaries_inclusive_grace():
    due = _at(BERLIN, 2026, 5, 4, 7, 30)
    grace = timedelta(minutes=120)
    assert classify(due - timedelta(seconds=1), due, grace) is Decision.WAIT
    assert classify(due, due, grace) is Decision.RUN
    assert classify(due + grace, due, grace) is Decision.RUN
    assert classify(due + grace + timedelta(seconds=1), due, grace) is Decision.MISSED


def test_due_occurrences_any_checkin_name_scheduled_on_its_days():
    plan = _plan(
        lunch=Timing(time="12:30", days=["mon"]), weekly=Timing(time="21:30", days=["sun"])
    )
    now = _at(BERLIN, 2026, 5, 4, 12, 31)  # a Monday
    due = due_occurrences(now, BERLIN, plan, set(), since=_day_start(now))
    assert [(o.key, d) for o, d in due] == [((date(2026, 5, 4), "lunch"), Decision.RUN)]
    nxt = next_fire(now, BERLIN, plan, {(date(2026, 5, 4), "lunch")})
    assert (nxt.name, nxt.at) == ("weekly", _at(BERLIN, 2026, 5, 10, 21, 30))
    assert occurrence(plan, "unknown", date(2026, 5, 4), BERLIN) is None


def test_schedule_module_imports_no_config_or_pydantic():
    import subprocess
    import sys

    code = (
        "import sys, microalign.core.schedule; "
        "print(sorted({'microalign.config', 'pydantic'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
