"""A typed check-in and the daemon's at the same moment: one of them runs the check-in,
and the other one says nothing that contradicts it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import date, datetime

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from tests.harness.daemon import (
    BERLIN,
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
    write_config,
)
from tests.harness.scripted import events

pytestmark = pytest.mark.desktop

FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
# Monday 4 May 2026, one minute after the morning check-in's time (07:30, Europe/Berlin).
DAY = date(2026, 5, 4)
KEY = (DAY, "morning")
MOMENT = datetime(2026, 5, 4, 7, 31)
START_NOTE = "Time for your check-in. Listening after the chime."


def _typed_checkin_at(moment: datetime) -> subprocess.Popen:
    """`microalign checkin morning --text` in a terminal at `moment` (Berlin time),
    waiting for its first answer."""
    if not os.path.exists(FAKETIME):
        pytest.fail(f"{FAKETIME} is missing: apt-get install faketime")
    env = dict(os.environ)
    env.update(LD_PRELOAD=FAKETIME, FAKETIME=f"@{moment:%Y-%m-%d %H:%M:%S}", TZ=BERLIN)
    return subprocess.Popen(
        [sys.executable, "-m", "microalign", "checkin", "morning", "--text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _claimed_by(proc: subprocess.Popen, key: tuple[date, str], timeout: float = 60) -> None:
    """Wait until the process holds the check-in of `key` in the database."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        with SqliteStore.open(resolve().database) as store:
            if store.checkin_status(*key) == "running":
                return
        time.sleep(0.05)
    raise AssertionError(f"the typed check-in did not claim {key}")


def test_daemon_checkin_claimed_first_by_typed_one_says_no_greeting(
    home, desktop, tmp_path, monkeypatch
):
    """The daemon decides to start the check-in; before its check-in process has claimed it,
    a typed check-in does: the daemon's check-in stands down, without a "Time for your
    check-in" first."""
    speech = scripted_speech(monkeypatch, tmp_path, ["a calm start"])
    gate = tmp_path / "speech-gate"
    monkeypatch.setenv("MICROALIGN_TEST_SPEECH_GATE", str(gate))
    write_config(resolve(), checkins_toml("07:30"))
    SqliteStore.open(resolve().database).close()  # created (and migrated) before either starts
    daemon = make_daemon(clock=clock_at(MOMENT))
    typed: list[subprocess.Popen] = []

    async def scenario() -> int:
        task = asyncio.create_task(drive(daemon, lambda: KEY in events_of(daemon, "busy")))
        while KEY not in events_of(daemon, "started"):
            assert not task.done(), task.result()
            await asyncio.sleep(0.02)
        typed.append(_typed_checkin_at(MOMENT))
        await asyncio.to_thread(_claimed_by, typed[0], KEY)
        gate.touch()  # the daemon's check-in process goes on, and finds the claim taken
        return await task

    try:
        assert asyncio.run(scenario()) == 0
        _, err = typed[0].communicate("be kind\n", timeout=60)
    finally:
        for proc in typed:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert typed[0].returncode == 0, err
    bodies = [s["DUNST_BODY"] for s in desktop.received()]
    assert START_NOTE not in bodies, bodies
    assert bodies == ["Another check-in is running; this one waits until it is done."]
    assert [e for e in events(speech) if e["event"] in ("say", "chime")] == []
    with SqliteStore.open(resolve().database) as store:
        assert store.checkin_status(*KEY) == "done"
