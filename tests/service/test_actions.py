"""Missed check-ins reach dunst with Start now / Snooze / Skip today; each action, invoked
through dunst's context menu, does what it says."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
    write_config,
)

pytestmark = pytest.mark.desktop

DAY = date(2026, 5, 4)
KEY = (DAY, "morning")


def _late_daemon(tmp_path, monkeypatch, answers=("a calm start",)):
    scripted_speech(monkeypatch, tmp_path, list(answers))
    write_config(resolve(), checkins_toml("07:30", grace=60))
    with SqliteStore.open(resolve().database) as store:  # a user with history: misses count
        store.record_checkin(DAY - timedelta(days=1), "morning", "done")
    return make_daemon(clock=clock_at(datetime(2026, 5, 4, 10, 0)))


def _status(key=KEY) -> str | None:
    with SqliteStore.open(resolve().database) as store:
        return store.checkin_status(*key)


def _run_with_action(desktop, daemon, label: str, until) -> list[str]:
    menus: list = []

    async def scenario() -> int:
        def missed_shown() -> bool:
            return any(
                s["DUNST_SUMMARY"] == "Morning reflection missed" for s in desktop.received()
            )

        task = asyncio.create_task(drive(daemon, until, timeout=40))
        for _ in range(400):
            if missed_shown() or task.done():
                break
            await asyncio.sleep(0.05)
        assert missed_shown(), f"no missed notification; fired={daemon.fired}"
        menus.append(await asyncio.to_thread(desktop.invoke_action, label))
        return await task

    assert asyncio.run(scenario()) == 0
    return menus[0]


def test_missed_notification_skip_today_records_skipped(home, desktop, tmp_path, monkeypatch):
    daemon = _late_daemon(tmp_path, monkeypatch)
    menu = _run_with_action(
        desktop, daemon, "Skip today", lambda: (KEY, "action:skip-today") in daemon.fired
    )
    shown = [s for s in desktop.received() if s["DUNST_SUMMARY"] == "Morning reflection missed"]
    assert len(shown) == 1
    assert "pick it up when it suits you" in shown[0]["DUNST_BODY"]
    assert sorted(m.split(" (")[0].lstrip("#") for m in menu if not m.startswith("# (")) == [
        "Skip today",
        "Snooze 15 min",
        "Start now",
    ]
    assert _status() == "skipped"
    assert events_of(daemon, "started") == []


def test_missed_notification_start_now_runs_checkin(home, desktop, tmp_path, monkeypatch):
    daemon = _late_daemon(tmp_path, monkeypatch)
    _run_with_action(desktop, daemon, "Start now", lambda: KEY in events_of(daemon, "done"))
    assert events_of(daemon, "missed") == [KEY]
    assert events_of(daemon, "started") == [KEY]
    assert _status() == "done"
    titles = [s["DUNST_SUMMARY"] for s in desktop.received()]
    assert titles == ["Morning reflection missed", "Morning reflection"]


def test_missed_notification_snooze_reschedules_15_minutes(home, desktop, tmp_path, monkeypatch):
    daemon = _late_daemon(tmp_path, monkeypatch)
    before = datetime.now(UTC)
    _run_with_action(desktop, daemon, "Snooze 15 min", lambda: KEY in daemon.requests.snoozed)
    until = daemon.requests.snoozed[KEY] - daemon.clock.offset  # back to real time
    assert timedelta(minutes=15) <= until - before <= timedelta(minutes=16)
    upcoming = daemon.next_occurrence()
    assert (upcoming.key, upcoming.at) == (KEY, daemon.requests.snoozed[KEY])
    assert events_of(daemon, "started") == []


def test_daemon_stop_closes_its_notifications_with_actions(home, desktop, tmp_path, monkeypatch):
    daemon = _late_daemon(tmp_path, monkeypatch)

    def shown_now() -> int:
        return int(desktop.dunstctl("count", "displayed"))

    asyncio.run(drive(daemon, lambda: KEY in events_of(daemon, "missed"), settle=0.5))
    assert [s["DUNST_SUMMARY"] for s in desktop.received()] == ["Morning reflection missed"]
    # Its buttons died with the daemon, so it is gone from the screen (still in history).
    assert shown_now() == 0
    assert [h["summary"] for h in desktop.history()] == ["Morning reflection missed"]


def test_no_speech_checkin_ends_with_missed_notification_and_actions(
    home, desktop, tmp_path, monkeypatch
):
    scripted_speech(monkeypatch, tmp_path, [])  # silence: re-asked once, then it ends
    write_config(resolve(), checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)))
    asyncio.run(drive(daemon, lambda: KEY in events_of(daemon, "no_speech"), settle=0.3))
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    assert shown == [
        ("Morning reflection", "Time for your check-in. Listening after the chime."),
        ("Morning reflection missed", "No answer heard, so it stopped here."),
    ]
    assert _status() == "no_speech"
    assert events_of(daemon, "started") == [KEY]  # not started again by itself


def test_speech_off_invites_typed_checkin_without_listening(home, desktop, tmp_path, monkeypatch):
    write_config(resolve(), checkins_toml("07:30") + "[speech]\nenabled = false\n")
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)))
    asyncio.run(drive(daemon, lambda: KEY in events_of(daemon, "typed"), settle=0.3))
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    assert len(shown) == 1, shown
    title, body = shown[0]
    assert title == "Morning reflection"
    assert "Speech is turned off in the configuration." in body
    assert "microalign checkin morning --text" in body and "Listening" not in body
    assert events_of(daemon, "started") == []  # nothing listened for, nothing failed
    assert _status() is None  # it stays open for the typed check-in


def test_cli_checkin_running_daemon_waits_and_says_so(home, desktop, tmp_path, monkeypatch):
    from microalign.adapters.lock import checkin_lock

    scripted_speech(monkeypatch, tmp_path, ["later on"])
    write_config(resolve(), checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)))
    with checkin_lock(resolve()):  # as a `microalign checkin` in a terminal would
        asyncio.run(drive(daemon, lambda: KEY in events_of(daemon, "busy"), settle=0.3))
    bodies = [s["DUNST_BODY"] for s in desktop.received()]
    assert "Another check-in is running; this one waits until it is done." in bodies
    assert _status() is None  # nothing recorded: it runs once the other one is over
