"""How a check-in that has not run stands at a given moment (what `status` says)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from microalign.app.today import MISSED, OPEN, UPCOMING, Due, due

BERLIN = ZoneInfo("Europe/Berlin")
WEDNESDAY = date(2027, 3, 10)


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), BERLIN)


@pytest.mark.parametrize(
    ("clock", "state"),
    [
        ("06:00", UPCOMING),
        ("07:29", UPCOMING),
        ("07:30", OPEN),
        ("08:00", OPEN),
        ("09:30", OPEN),  # the last minute of the grace window still starts it
        ("09:31", MISSED),
        ("23:30", MISSED),
    ],
)
def test_due_morning_at_0730_by_time_of_day(clock, state):
    found = due(WEDNESDAY, time(7, 30), 120, at(WEDNESDAY, clock), BERLIN)
    assert found == Due("07:30", "09:30", state)


def test_due_no_grace_missed_right_after_its_time():
    assert due(WEDNESDAY, time(7, 30), 0, at(WEDNESDAY, "07:31"), BERLIN).state == MISSED


def test_due_grace_window_past_midnight_ends_next_day_time():
    found = due(WEDNESDAY, time(23, 0), 120, at(WEDNESDAY, "23:30"), BERLIN)
    assert found == Due("23:00", "01:00", OPEN)


def test_due_time_skipped_by_spring_forward_counts_from_after_the_gap():
    # 28 March 2027: Berlin's clocks jump from 02:00 to 03:00; 02:30 is taken as 03:30.
    day = date(2027, 3, 28)
    assert due(day, time(2, 30), 120, at(day, "03:15"), BERLIN).state == UPCOMING
    found = due(day, time(2, 30), 120, at(day, "04:00"), BERLIN)
    assert found == Due("02:30", "05:30", OPEN)
