"""A check-in put off with a time ("in an hour"): the real daemon (shifted clock, scripted
speech in its check-in process) starts it again then, also after a restart; a typed
check-in run outside the daemon leaves the same time in the store for the daemon."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from microalign.core.clock import Clock
from microalign.i18n import EN
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

KEY = (date(2026, 5, 4), "morning")


def _stored_snooze(key) -> datetime:
    with SqliteStore.open(resolve().database) as store:
        rows = [r for r in store.checkin_requests() if (r.day, r.name) == key]
    ((row,),) = (rows,)
    assert row.kind == "snooze" and row.until is not None
    return row.until


def _near(a: datetime, b: datetime, seconds: float = 60) -> bool:
    return abs((a - b).total_seconds()) < seconds


async def _until_snooze_loaded(daemon, key) -> None:
    """The daemon has read the stored snooze (start-up takes longer on a loaded machine),
    then had a moment in which it could wrongly have started the check-in."""
    for _ in range(600):
        if key in daemon.book.requests.snoozed:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)


def _wait_then_shift(daemon, key, minutes: int):
    """Run `daemon` until `key` is done: once it has read the stored snooze, note what it
    started so far and what comes next, then move its clock on by `minutes`."""

    async def scenario():
        task = asyncio.create_task(drive(daemon, lambda: key in events_of(daemon, "done")))
        await _until_snooze_loaded(daemon, key)
        early = list(events_of(daemon, "started"))
        upcoming = daemon.next_occurrence()
        daemon.clock.offset += timedelta(minutes=minutes)
        daemon.poke()
        return early, upcoming, await task

    return asyncio.run(scenario())


def test_daemon_snooze_in_an_hour_starts_again_then_and_after_restart(home, tmp_path, monkeypatch):
    speech = scripted_speech(monkeypatch, tmp_path, ["in an hour", "a calm start"])
    write_config(resolve(), checkins_toml("07:30", grace=120))
    first = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)), preload_seconds=0)
    snoozed = lambda: KEY in events_of(first, "snoozed")  # noqa: E731
    assert asyncio.run(drive(first, snoozed, settle=0.5)) == 0
    said = [e["text"] for e in events(speech) if e["event"] == "say"]
    assert said[-1].startswith("Okay, I'll ask again at ")
    # Stored in the daemon's (shifted) time: an hour after the check-in, not 15 minutes.
    expected = clock_at(datetime(2026, 5, 4, 8, 31)).now()
    assert _near(_stored_snooze(KEY), expected)

    # A new daemon at 08:20 waits; at 08:32 it starts the check-in again.
    second = make_daemon(clock=clock_at(datetime(2026, 5, 4, 8, 20)), preload_seconds=0)

    early, upcoming, code = _wait_then_shift(second, KEY, minutes=12)
    assert code == 0
    assert early == []
    assert upcoming is not None and upcoming.key == KEY and _near(upcoming.at, expected)
    assert events_of(second, "started") == [KEY]
    with SqliteStore.open(resolve().database) as store:
        assert store.checkin_status(*KEY) == "done"


def _zone_at_noon() -> str:
    """A fixed-offset zone where it is about noon now, so that now +- an hour stays today."""
    hours = 12 - datetime.now(UTC).hour
    return "Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def test_typed_checkin_in_an_hour_daemon_starts_it_an_hour_later(
    home, tmp_path, monkeypatch, cli_process
):
    zone = _zone_at_noon()
    monkeypatch.setenv("TZ", zone)
    local = datetime.now(ZoneInfo(zone))
    due = (local - timedelta(minutes=2)).strftime("%H:%M")
    write_config(resolve(), checkins_toml(due, grace=120))
    typed = cli_process("checkin", "morning", "--text", stdin="in an hour\n")
    assert typed.code == 0, typed.err
    until = _stored_snooze((local.date(), "morning"))
    assert _near(until, datetime.now(UTC) + timedelta(hours=1))
    said = EN.t("say.snoozed_until", time=until.astimezone(ZoneInfo(zone)).strftime("%H:%M"))
    assert said in typed.out

    scripted_speech(monkeypatch, tmp_path, ["a calm start"])
    daemon = make_daemon(clock=Clock(zone_name=zone), preload_seconds=0)
    key = (local.date(), "morning")

    early, upcoming, code = _wait_then_shift(daemon, key, minutes=61)
    assert code == 0
    assert early == []  # the typed check-in said "in an hour": not now
    assert upcoming is not None and upcoming.key == key and _near(upcoming.at, until)
    assert events_of(daemon, "started") == [key]
