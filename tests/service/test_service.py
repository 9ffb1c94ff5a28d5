"""The real daemon in-process: real store, real APScheduler, real clock (shifted)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

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
from tests.harness.scripted import events


def _status(day: date, name: str) -> str | None:
    with SqliteStore.open(resolve().database) as store:
        return store.checkin_status(day, name)


def test_daemon_checkin_seconds_ahead_fires_exactly_once(home, tmp_path, monkeypatch):
    speech = scripted_speech(monkeypatch, tmp_path, ["be patient"])
    write_config(resolve(), checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 29, 57)))
    ended = lambda: bool(events_of(daemon, "done"))  # noqa: E731
    assert asyncio.run(drive(daemon, ended, settle=2.5)) == 0
    key = (date(2026, 5, 4), "morning")
    assert events_of(daemon, "started") == [key]
    assert events_of(daemon, "done") == [key]
    assert _status(*key) == "done"
    said = [e for e in events(speech) if e["event"] == "heard"]
    assert [e["text"] for e in said] == ["be patient"]


def test_daemon_restart_inside_grace_catches_up_once(home, tmp_path, monkeypatch):
    scripted_speech(monkeypatch, tmp_path, ["one step"])
    write_config(resolve(), checkins_toml("07:30", grace=120))
    wall = datetime(2026, 5, 4, 9, 0)
    first = make_daemon(clock=clock_at(wall))
    assert asyncio.run(drive(first, lambda: bool(events_of(first, "done")))) == 0
    second = make_daemon(clock=clock_at(wall + timedelta(minutes=5)))
    asyncio.run(drive(second, lambda: True, settle=1.0))
    assert events_of(first, "started") == [(date(2026, 5, 4), "morning")]
    assert events_of(second, "started") == []


def test_daemon_snoozed_checkin_runs_after_snooze_time(home, tmp_path, monkeypatch):
    scripted_speech(monkeypatch, tmp_path, ["slow morning"])
    write_config(resolve(), checkins_toml("07:30"))
    key = (date(2026, 5, 4), "morning")
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 20)))

    async def scenario():
        task = asyncio.create_task(drive(daemon, lambda: key in events_of(daemon, "done")))
        await asyncio.sleep(0.5)
        daemon.act(key, "snooze")  # what the notification's Snooze button calls
        daemon.clock.offset += timedelta(minutes=14)  # 07:34: not yet (snoozed to 07:35)
        daemon.poke()
        await asyncio.sleep(0.5)
        early = list(events_of(daemon, "started"))
        daemon.clock.offset += timedelta(minutes=2)
        daemon.poke()
        return early, await task

    early, code = asyncio.run(scenario())
    assert code == 0
    assert early == []
    assert events_of(daemon, "started") == [key]


def test_daemon_timezone_change_neither_repeats_nor_skips(home, tmp_path, monkeypatch):
    scripted_speech(monkeypatch, tmp_path, ["in Berlin", "yes", "fine", "a flight", "jet lag"])
    write_config(resolve(), checkins_toml("07:30", "21:00"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 30)))
    morning, evening = (date(2026, 5, 4), "morning"), (date(2026, 5, 4), "evening")

    async def scenario():
        task = asyncio.create_task(drive(daemon, lambda: evening in events_of(daemon, "done")))
        while morning not in events_of(daemon, "done"):
            await asyncio.sleep(0.05)
        # Flew to New York: 09:00 in Berlin is 03:00 there, on the same date.
        daemon.clock.offset += timedelta(hours=1, minutes=30)
        daemon.clock.zone_name = "America/New_York"
        daemon.poke()
        await asyncio.sleep(0.5)
        between = list(daemon.fired)
        daemon.clock.offset += timedelta(hours=18)  # 21:00 in New York
        daemon.poke()
        return between, await task

    between, code = asyncio.run(scenario())
    assert code == 0
    assert [k for k, event in between if event == "started"] == [morning]
    assert events_of(daemon, "started") == [morning, evening]
    assert events_of(daemon, "missed") == []


def test_daemon_reload_switches_notifier_and_keeps_old_config_on_error(home, tmp_path):
    from microalign.adapters.notify.fallback import FallbackNotifier
    from microalign.adapters.notify.log import LogNotifier

    paths = resolve()
    write_config(paths, checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 6, 0)))

    async def scenario():
        task = asyncio.create_task(drive(daemon, lambda: False, timeout=3))
        await asyncio.sleep(0.5)
        before = daemon.notifier
        write_config(paths, checkins_toml("07:45") + "[notifications]\nenabled = false\n")
        daemon.reload()
        switched = (before, daemon.notifier, daemon.status_text())
        write_config(paths, "[schedule]\ngrace_minutes = -1\n")
        daemon.reload()
        kept = daemon.status_text()
        daemon.stop()
        await task
        return switched, kept

    (before, after, status), kept = asyncio.run(scenario())
    assert isinstance(before, FallbackNotifier)
    assert isinstance(after, LogNotifier)
    assert status == "next check-in: morning at 07:45 on Mon 04 May"
    assert kept == status


def test_daemon_config_added_checkin_scheduled_and_run(home, tmp_path, monkeypatch):
    speech = scripted_speech(monkeypatch, tmp_path, ["calm", "a walk", "meetings"])
    write_config(
        resolve(),
        "[checkins.morning]\nenabled = false\n[checkins.evening]\nenabled = false\n"
        "[checkins.weekly]\nenabled = false\n"
        '[checkins.lunch]\nflow = "evening"\ntime = "12:30"\ndays = ["mon", "tue"]\n',
    )
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 12, 29, 57)))
    assert daemon.status_text() == "next check-in: lunch at 12:30 on Mon 04 May"
    ended = lambda: bool(events_of(daemon, "done"))  # noqa: E731
    assert asyncio.run(drive(daemon, ended, settle=1.0)) == 0
    key = (date(2026, 5, 4), "lunch")
    assert events_of(daemon, "started") == [key]
    assert _status(*key) == "done"
    said = [e["text"] for e in events(speech) if e["event"] == "say"]
    assert said[0] == "Good evening. Let's look back at your day."  # the evening flow
    assert "How did it feel?" in said
    assert daemon.status_text() == "next check-in: lunch at 12:30 on Tue 05 May"


def test_notify_title_of_added_checkin_names_it_and_its_flow():
    from microalign.app import notes
    from microalign.i18n import EN, KO

    assert notes.checkin_start(EN, "lunch", flow="evening").title == "Lunch — evening review"
    assert notes.checkin_start(EN, "weekly", flow="weekly").title == "Weekly review"
    assert notes.checkin_missed(EN, "deep_work", 15).title == "Deep work check-in missed"
    assert notes.checkin_start(KO, "lunch", flow="evening").title == "Lunch — 저녁 돌아보기"
