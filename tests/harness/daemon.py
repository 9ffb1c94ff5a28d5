"""Building and driving a real in-process Daemon for the tests."""

from __future__ import annotations

import asyncio
import json
import os
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from microalign import config as configuration
from microalign.adapters.paths import Paths, resolve
from microalign.adapters.presence import AlwaysPresent
from microalign.core.clock import Clock
from microalign.service import compose
from microalign.service.daemon import Daemon
from microalign.service.wiring import Wiring
from tests.harness import ROOT, composed

BERLIN = "Europe/Berlin"
ANSWERS_FILE_ENV = "MICROALIGN_TEST_ANSWERS_FILE"  # read by the scripted speech


def write_config(paths: Paths, text: str) -> None:
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(text)


WEEKLY_OFF = "[checkins.weekly]\nenabled = false\n"


def checkins_toml(morning: str | None, evening: str | None = None, grace: int = 120) -> str:
    """Config with a morning and an evening check-in at these HH:MM times (None: off)."""

    def section(name: str, at: str | None) -> str:
        if at is None:
            return f'[checkins.{name}]\nenabled = false\ntime = "21:00"\n'
        return f'[checkins.{name}]\ntime = "{at}"\n'

    # Only these two: the weekly review (on by default, Sunday evening) stays off.
    return (
        f"[schedule]\ngrace_minutes = {grace}\n"
        + section("morning", morning)
        + section("evening", evening)
        + WEEKLY_OFF
    )


def scripted_speech(monkeypatch, tmp_path: Path, answers: list[str]) -> Path:
    """Test-only speech answering `answers` in order across all check-ins: the daemons
    `make_daemon` builds in this test run their check-ins with it."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "speech.jsonl"
    queue = tmp_path / "answers.json"
    queue.write_text(json.dumps(answers))
    monkeypatch.setenv(ANSWERS_FILE_ENV, str(queue))
    monkeypatch.setenv("MICROALIGN_TEST_SPEECH_LOG", str(log))
    return log


def clock_at(wall: datetime, zone: str = BERLIN) -> Clock:
    """The real clock, shifted so that it shows `wall` (naive, local in `zone`) now."""
    target = wall.replace(tzinfo=ZoneInfo(zone))
    return Clock(offset=target - datetime.now(UTC), zone_name=zone)


def ran_before(paths: Paths, clock: Clock | None = None) -> None:
    """Record that the daemon of `paths` has run before (unless a first start is recorded
    already): from the start of the day of the first recorded check-in, or, in a store
    without one, since just before `clock`'s now (its grace window). Its check-ins since
    then start inside the grace window and are reported missed after it; a daemon that never
    ran before starts no check-in already past (tests/service/test_first_start.py)."""
    from microalign.app.context import App

    clock = clock or Clock()
    app = App(paths)  # the store as the daemon would create it (the config's values)
    try:
        first_day = app.store.first_checkin_day()
        if first_day is None:
            since = clock.now() - timedelta(minutes=app.config.schedule.grace_minutes)
        else:
            since = datetime.combine(first_day, time()).replace(tzinfo=clock.zone())
        app.store.daemon_first_start(since)
    finally:
        app.close()


def make_daemon(
    paths: Paths | None = None,
    clock: Clock | None = None,
    presence=None,
    first_start: bool = False,
    speech: str | None = None,
    **options,
) -> Daemon:
    """The production daemon from the composition root; the user always counts as present
    unless the test brings its own presence. The daemon has run before (`ran_before`)
    unless `first_start`. Its check-in processes speak with `speech`: "scripted" (the
    default after `scripted_speech`; it always works) or "voice" (the config's)."""
    from microalign.app.readiness import speech_problem

    paths = paths or resolve()
    if not first_start:
        ran_before(paths, clock)
    speech = speech or ("scripted" if os.environ.get(ANSWERS_FILE_ENV) else "voice")
    if speech == "scripted":
        options.setdefault("checkin_command", composed.command("checkin-process", speech))
    wiring = Wiring(
        load_config=lambda: configuration.load(paths.config_file),
        speech_problem=(
            (lambda config: None)
            if speech == "scripted"
            else (lambda config: speech_problem(paths, config))
        ),
    )
    return compose.make_daemon(
        paths,
        configuration.load(paths.config_file),
        wiring=wiring,
        presence=presence or AlwaysPresent(),
        clock=clock,
        **options,
    )


async def drive(daemon: Daemon, until, timeout: float = 30.0, settle: float = 0.0) -> int:
    """Run the daemon until `until()` holds (then `settle` seconds more) and stop it."""
    task = asyncio.create_task(daemon.run())
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while not until():
            if task.done():
                return task.result()
            if loop.time() > deadline:
                raise AssertionError(f"condition not met in {timeout}s; fired={daemon.fired}")
            await asyncio.sleep(0.05)
        await asyncio.sleep(settle)
    finally:
        daemon.stop()
    return await asyncio.wait_for(task, 15)


def events_of(daemon: Daemon, kind: str) -> list:
    return [key for key, event in daemon.fired if event == kind]


def env_for_child(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    root = str(ROOT)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra or {})
    return env
