"""Milestones recorded by the store reach dunst exactly once; Level up where it fits, and
choosing it levels the goal up (by voice: scripted speech, see scripted.py)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest

from microalign.adapters.paths import resolve
from microalign.app.context import App
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    make_daemon,
    scripted_speech,
    write_config,
)

pytestmark = pytest.mark.desktop


def _seed() -> int:
    app = App(resolve())
    try:
        goal = app.goals.add("Eye contact with one person", None, None, None, date(2026, 4, 1))
        goal_id = goal.goal.id
        app.store.record_milestone(f"streak:{goal_id}:21", "streak", goal_id, 21, date(2026, 5, 3))
        app.store.record_milestone("checkins:10", "checkins", None, 10, date(2026, 5, 3))
    finally:
        app.close()
    return goal_id


def _goals() -> list[tuple[str, str, int | None]]:
    app = App(resolve())
    try:
        rows = app.store.rows("SELECT text, state, parent_id FROM goals ORDER BY id")
    finally:
        app.close()
    return [(r["text"], r["state"], r["parent_id"]) for r in rows]


def test_milestones_notified_once_with_level_up_that_levels_up(
    home, desktop, tmp_path, monkeypatch
):
    scripted_speech(monkeypatch, tmp_path, ["eye contact with three people"])
    write_config(resolve(), checkins_toml("23:00"))
    goal_id = _seed()
    wall = datetime(2026, 5, 4, 9, 0)

    async def notified_then_level_up():
        daemon = make_daemon(clock=clock_at(wall))
        task = asyncio.create_task(drive(daemon, lambda: len(_goals()) == 2))
        await asyncio.to_thread(desktop.wait_received, 2)
        menu = await asyncio.to_thread(desktop.invoke_action, "Level up")
        return await task, menu, daemon

    code, menu, daemon = asyncio.run(notified_then_level_up())
    assert code == 0
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    assert shown == [
        (
            "21 days in a row!",
            "“Eye contact with one person” — 21 days in a row. Small steps, real change.",
        ),
        ("10 check-ins", "You have shown up 10 times. That is what counts."),
    ]
    # Only the streak milestone offers Level up (besides desktop-notifier's unnamed click
    # action on each notification).
    assert [label for line in menu if (label := line.split(" (")[0]) != "#"] == ["#Level up"]
    assert (goal_id, "action:level-up") in daemon.fired
    assert _goals() == [
        ("Eye contact with one person", "mastered", None),
        ("eye contact with three people", "active", goal_id),
    ]

    again = make_daemon(clock=clock_at(wall))
    asyncio.run(drive(again, lambda: True, settle=1.5))
    assert len(desktop.received()) == 2  # each milestone exactly once


def test_level_up_suggested_once_after_configured_streak(home, desktop):
    write_config(
        resolve(),
        "[schedule.morning]\nenabled = false\ntime = '07:30'\n"
        "[schedule.evening]\nenabled = false\ntime = '21:00'\n"
        "[checkins.weekly]\nenabled = false\n"
        "[streaks]\nlevel_up_after_days = 5\n",
    )
    today = date.today()
    app = App(resolve())
    try:
        goal = app.goals.add("Drink a glass of water", None, None, None, today - timedelta(days=9))
        goal_id = goal.goal.id
        for back in range(6):
            checkin = app.store.begin_checkin("evening", today - timedelta(days=back), "text")
            app.store.add_answer(checkin, f"goal:{goal_id}", goal_id=goal_id, outcome="kept")
            app.store.finish_checkin(checkin, "done")
    finally:
        app.close()

    for _ in range(2):  # a restart must not suggest it again
        daemon = make_daemon()
        asyncio.run(drive(daemon, lambda: len(desktop.received()) >= 1, timeout=20, settle=1.0))
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    assert shown == [
        (
            "Time to level up?",
            "“Drink a glass of water” has held for 5 days. Ready for a slightly harder version?",
        )
    ]
