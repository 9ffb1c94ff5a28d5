"""The day microalign is installed: the daemon's first start starts no check-in whose time
had already passed, and no check-in due before that first start is ever reported missed,
however often the daemon restarts; later starts keep the grace window.

Every test names its moment (Europe/Berlin) through the daemon's clock; `first_start`
makes its first daemon one that never ran before (the harness's daemons have, otherwise)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from microalign.service.daemon import Daemon
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
    write_config,
)

SUNDAY = date(2026, 12, 6)  # the default weekly review: Sundays at 21:30
MONDAY = date(2026, 5, 4)


def _first_tick(daemon: Daemon) -> int:
    """Run the daemon until it has looked at the schedule once, then stop it."""
    ticks: list[int] = []
    tick = daemon.tick

    async def counted() -> None:
        await tick()
        ticks.append(1)

    daemon.tick = counted  # type: ignore[method-assign]
    return asyncio.run(drive(daemon, lambda: bool(ticks)))


def test_daemon_first_start_sunday_23h_starts_no_passed_checkin(home, tmp_path, monkeypatch):
    """Sunday 23:00: the evening review (21:00) and the weekly review (21:30) are inside
    the 2 h grace window, but the daemon never ran before: neither starts."""
    scripted_speech(monkeypatch, tmp_path, ["yes", "fine", "", ""])
    write_config(resolve(), "")  # the default check-ins
    daemon = make_daemon(clock=clock_at(datetime(2026, 12, 6, 23, 0)), first_start=True)
    assert _first_tick(daemon) == 0
    assert events_of(daemon, "started") == []
    assert events_of(daemon, "missed") == []


def test_daemon_restarts_on_install_day_report_nothing_before_install_missed(
    home, tmp_path, monkeypatch
):
    """Installed Sunday 23:40 (after the weekly review's grace window), the evening review
    typed at once; then the daemon restarts three times that night."""
    scripted_speech(monkeypatch, tmp_path, [])
    write_config(resolve(), "")
    first = make_daemon(clock=clock_at(datetime(2026, 12, 6, 23, 40)), first_start=True)
    assert _first_tick(first) == 0
    with SqliteStore.open(resolve().database) as store:  # what `checkin evening --text` leaves
        store.record_checkin(SUNDAY, "evening", "done", source="text")
    for minute in (45, 50, 59):
        again = make_daemon(clock=clock_at(datetime(2026, 12, 6, 23, minute)))
        assert _first_tick(again) == 0
        assert events_of(again, "missed") == [], minute
        assert events_of(again, "started") == [], minute
    with SqliteStore.open(resolve().database) as store:
        assert store.checkin_status(SUNDAY, "weekly") is None
        assert store.checkin_status(SUNDAY, "morning") is None


def test_daemon_start_after_first_keeps_grace_window(home, tmp_path, monkeypatch):
    """First start Monday 07:00, before the morning check-in (07:30); stopped; started again
    at 08:00: its time passed while it was down, inside the grace window, so it runs."""
    scripted_speech(monkeypatch, tmp_path, ["a calm start"])
    write_config(resolve(), checkins_toml("07:30"))
    key = (MONDAY, "morning")
    first = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 0)), first_start=True)
    assert _first_tick(first) == 0
    assert events_of(first, "started") == []
    second = make_daemon(clock=clock_at(datetime(2026, 5, 4, 8, 0)))
    assert asyncio.run(drive(second, lambda: key in events_of(second, "done"))) == 0
    assert events_of(second, "started") == [key]


def test_daemon_first_start_checkin_later_that_day_runs(home, tmp_path, monkeypatch):
    """First start Monday 07:00: the morning check-in at 07:30 comes after it and runs."""
    scripted_speech(monkeypatch, tmp_path, ["a calm start"])
    write_config(resolve(), checkins_toml("07:30"))
    key = (MONDAY, "morning")
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 29, 58)), first_start=True)
    assert asyncio.run(drive(daemon, lambda: key in events_of(daemon, "done"))) == 0
    assert events_of(daemon, "started") == [key]
