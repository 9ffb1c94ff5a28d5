"""Presence and resume over a (stand-in) logind on a private system bus."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.presence import LogindPresence
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
    write_config,
)
from tests.harness.logind import FakeLogind
from tests.harness.scripted import events

KEY = (date(2026, 5, 4), "morning")


async def _start(wall: datetime, locked: bool = False):
    """The logind stand-in, and a daemon watching it, driven until the check-in is done."""
    logind = FakeLogind()
    await logind.start()
    logind.session.set_locked(locked)
    daemon = make_daemon(clock=clock_at(wall), presence=LogindPresence())
    task = asyncio.create_task(drive(daemon, lambda: KEY in events_of(daemon, "done")))
    return logind, daemon, task


def test_presence_no_logind_treated_present_logged_once(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'none.sock'}")

    async def go():
        presence = LogindPresence()
        await presence.start(lambda: None, lambda: None)
        answers = [await presence.is_present(), await presence.is_present()]
        await presence.close()
        return answers

    with caplog.at_level(logging.WARNING):
        assert asyncio.run(go()) == [True, True]
    warned = [r for r in caplog.records if "logind is not reachable" in r.message]
    assert len(warned) == 1


def test_presence_locked_session_reports_absent(system_bus):
    async def go():
        logind = FakeLogind()
        await logind.start()
        presence = LogindPresence()
        await presence.start(lambda: None, lambda: None)
        present = await presence.is_present()
        logind.session.set_locked(True)
        absent = await presence.is_present()
        await presence.close()
        logind.stop()
        return present, absent

    assert asyncio.run(go()) == (True, False)


@pytest.mark.desktop
def test_daemon_locked_session_waits_then_starts_on_unlock(
    home, desktop, system_bus, tmp_path, monkeypatch
):
    scripted_speech(monkeypatch, tmp_path, ["listen more"])
    write_config(resolve(), checkins_toml("07:30"))

    async def scenario():
        logind, daemon, task = await _start(datetime(2026, 5, 4, 7, 31), locked=True)
        while KEY not in events_of(daemon, "waiting") and not task.done():
            await asyncio.sleep(0.05)
        started_while_locked = events_of(daemon, "started")
        logind.session.set_locked(False)
        code = await task
        logind.stop()
        return daemon, started_while_locked, code

    daemon, started_while_locked, code = asyncio.run(scenario())
    assert code == 0
    assert started_while_locked == []
    assert events_of(daemon, "started") == [KEY]
    titles = [s["DUNST_SUMMARY"] for s in desktop.received()]
    assert titles == ["Morning reflection", "Morning reflection"]
    bodies = [s["DUNST_BODY"] for s in desktop.received()]
    assert bodies[0].startswith("Your check-in is ready and starts when you are back")


def test_daemon_suspend_across_checkin_starts_on_resume_signal(
    home, system_bus, tmp_path, monkeypatch, caplog
):
    scripted_speech(monkeypatch, tmp_path, ["after sleep"])
    write_config(resolve(), checkins_toml("07:30"))

    async def scenario():
        logind, daemon, task = await _start(datetime(2026, 5, 4, 7, 0))
        await asyncio.sleep(1.0)
        before = list(daemon.fired)
        # Asleep 07:00 → 08:15: the wall clock jumped, the monotonic clock did not.
        daemon.clock.offset += timedelta(minutes=75)
        logind.suspend_resume()
        code = await task
        logind.stop()
        return daemon, before, code

    with caplog.at_level(logging.INFO):
        daemon, before, code = asyncio.run(scenario())
    assert code == 0
    assert before == []
    assert events_of(daemon, "started") == [KEY]
    messages = [r.message for r in caplog.records]
    assert any("Resumed from suspend" in m for m in messages)


def test_daemon_away_at_checkin_releases_preloaded_speech(home, system_bus, tmp_path, monkeypatch):
    speech = scripted_speech(monkeypatch, tmp_path, ["unused"])
    write_config(resolve(), checkins_toml("07:30"))

    async def scenario():
        logind = FakeLogind()
        await logind.start()
        logind.session.set_locked(True)
        clock = clock_at(datetime(2026, 5, 4, 7, 29, 57))
        daemon = make_daemon(clock=clock, presence=LogindPresence(), preload_seconds=2)

        def released() -> bool:
            return any(e["event"] == "listener_closed" for e in events(speech))

        code = await drive(daemon, lambda: KEY in events_of(daemon, "waiting") and released())
        logind.stop()
        return daemon, code

    daemon, code = asyncio.run(scenario())
    assert code == 0
    assert [e["event"] for e in events(speech)] == ["preload", "listener_closed", "speaker_closed"]
    assert events_of(daemon, "started") == []
