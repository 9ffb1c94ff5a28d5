"""The calendar sweep: the flows that depend on the date and the time, at every weekday
around each default check-in, on clock-change days in three zones, at month and year ends
and on 29 February. Each case works out its own expected outcome (tests/calendar/moments.py).

The commands run in this process (the `cli` fixture) at the moment the test clock is set to;
the daemon's decisions come from the production daemon built from the composition root,
over the same store.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.calendar.moments import MOMENTS, Moment, expected_due
from tests.harness.daemon import make_daemon

GOAL = "Smile at one person"
MORNING = "Be kind to myself\n"
# The intention kept, the goal kept, a feeling; the optional prompts passed.
EVENING = "yes\nyes\ncalm\n\n\n"
WEEKLY = "respect\nmore smiles\n"


def due_now(first_day) -> dict:
    """What the daemon would do now: {(day, name): "run" | "missed"}, for a user who has
    used microalign since `first_day`."""
    daemon = make_daemon(preload_seconds=0)
    try:
        today = daemon.planner.today()
        daemon.book.refresh(today)
        daemon.planner.begin(datetime.combine(first_day, time(), daemon.clock.zone()))
        return {occ.key: decision.value for occ, decision in daemon.planner.due(daemon.clock.now())}
    finally:
        daemon.ledger.close()


def milestones(home) -> list[tuple[str, str]]:
    db = home / "xdg_data_home" / "microalign" / "microalign.db"
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT kind, reached_on FROM milestones").fetchall()


def local(moment: Moment, later: timedelta):
    """The local wall time `later` after `moment`, counted in real elapsed time."""
    return (moment.aware.astimezone(UTC) + later).astimezone(ZoneInfo(moment.zone))


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda m: m.id)
def test_calendar_day_at_moment_lands_on_its_date(cli, home, test_clock, moment):
    test_clock.set(moment.wall, moment.zone)
    day = moment.day
    assert cli("goals", "add", GOAL, "--value", "respect").code == 0
    assert due_now(day - timedelta(days=30)) == expected_due(moment)

    for name, answers in (("morning", MORNING), ("evening", EVENING), ("weekly", WEEKLY)):
        result = cli("checkin", name, "--text", stdin=answers)
        assert result.code == 0, (name, result.out, result.err)
    done = {(day, "morning"), (day, "evening"), (day, "weekly")}
    assert due_now(day - timedelta(days=30)) == expected_due(moment, done)

    status = json.loads(cli("status", "--json").out)
    assert status["date"] == day.isoformat()
    assert status["checkins"]["morning"] == status["checkins"]["evening"] == "done"
    (goal,) = status["goals"]
    assert (goal["today"], goal["streak"], goal["kept_days"]) == ("kept", 1, 1)
    exported = json.loads(cli("export", "--format", "json").out)
    assert {row["day"] for row in exported} == {day.isoformat()}
    assert {row["checkin"] for row in exported} == {"morning", "evening", "weekly"}
    # One kept day celebrates nothing: no streak of 3, no perfect week.
    assert milestones(home) == []


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda m: m.id)
def test_calendar_snooze_at_moment_comes_back_when_it_said(cli, test_clock, moment):
    test_clock.set(moment.wall, moment.zone)
    day = moment.day
    assert cli("goals", "add", GOAL).code == 0
    snoozed = cli("checkin", "morning", "--text", stdin="in twenty minutes\n")
    back = local(moment, timedelta(minutes=20))
    assert f"I'll ask again at {back:%H:%M}." in snoozed.out, snoozed.out

    since = day - timedelta(days=30)
    test_clock.set(local(moment, timedelta(minutes=19)))
    assert (day, "morning") not in due_now(since)
    test_clock.set(local(moment, timedelta(minutes=21)))
    assert due_now(since).get((day, "morning")) == "run"
    # The grace window counts from the snooze's time.
    test_clock.set(local(moment, timedelta(minutes=20 + 121)))
    assert due_now(since).get((day, "morning")) == "missed"
