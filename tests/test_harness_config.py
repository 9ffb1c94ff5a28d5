"""The test harness's daemon config: the daemon tests stand on it."""

from __future__ import annotations

import tomllib

from microalign import config
from tests.harness.daemon import checkins_toml


def test_checkins_toml_morning_none_turns_it_off_evening_at_given_time():
    # A test that wants only its evening check-in must not get a morning one: at 00:00-02:00 a
    # morning at 00:00 would be caught up first and take the test's scripted answers.
    found = config.validate(tomllib.loads(checkins_toml(None, "00:05")), "checkins_toml")
    assert not found.checkins["morning"].enabled
    assert found.checkins["evening"].enabled and found.checkins["evening"].time == "00:05"
    assert not found.checkins["weekly"].enabled


def test_checkins_toml_both_times_both_on():
    found = config.validate(
        tomllib.loads(checkins_toml("07:30", "21:15", grace=5)), "checkins_toml"
    )
    assert [
        (c.enabled, c.time) for c in (found.checkins["morning"], found.checkins["evening"])
    ] == [
        (True, "07:30"),
        (True, "21:15"),
    ]
    assert found.schedule.grace_minutes == 5
