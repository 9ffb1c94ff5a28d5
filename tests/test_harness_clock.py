"""The one clock of the test run (tests/harness/clock.py): pinned here and in every child
process, movable by a test, real only where a test asks for it."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.harness.clock import PINNED, PINNED_ZONE, child_env

NOW_IN_CHILD = "import datetime; print(datetime.datetime.now().astimezone().isoformat())"


def child_now(env: dict[str, str] | None = None) -> datetime:
    out = subprocess.run(
        [sys.executable, "-c", NOW_IN_CHILD], capture_output=True, text=True, check=True, env=env
    ).stdout
    return datetime.fromisoformat(out.strip())


def close(a: datetime, b: datetime, seconds: float = 30) -> bool:
    return abs(a - b) < timedelta(seconds=seconds)


def test_clock_default_pinned_here_and_in_children() -> None:
    pinned = PINNED.replace(tzinfo=ZoneInfo(PINNED_ZONE))
    assert date.today() == PINNED.date()
    assert close(datetime.now(UTC), pinned)
    assert close(child_now(), pinned)
    assert child_now().utcoffset() == pinned.utcoffset()  # the child reads the zone too


def test_clock_runs_on_while_pinned() -> None:
    first = time.time()
    time.sleep(0.05)
    assert time.time() > first


def test_clock_set_moves_this_process_and_new_children(test_clock) -> None:
    moment = test_clock.set(datetime(2027, 3, 28, 3, 30), "Europe/Berlin")
    assert moment.utcoffset() == timedelta(hours=2)  # an hour after the clocks went forward
    assert datetime.now().strftime("%Y-%m-%d %H:%M") == "2027-03-28 03:30"
    there = child_now()
    assert close(there, moment) and there.utcoffset() == timedelta(hours=2)


def test_clock_set_to_repeated_hour_keeps_its_fold(test_clock) -> None:
    zone = ZoneInfo("Europe/Berlin")
    second = datetime(2027, 10, 31, 2, 30, tzinfo=zone, fold=1)  # after falling back
    test_clock.set(second)
    assert child_now().utcoffset() == timedelta(hours=1)
    assert close(datetime.now(UTC), second.astimezone(UTC))


def test_clock_child_env_leaves_this_process_pinned() -> None:
    moment = datetime(2028, 2, 29, 23, 59, tzinfo=ZoneInfo("America/New_York"))
    assert close(child_now(child_env(moment)), moment)
    assert date.today() == PINNED.date()


@pytest.mark.real_clock
def test_clock_real_clock_marker_reads_the_system_clock() -> None:
    # The system's clock, or an outer `faketime` the whole run was started under.
    date_now = subprocess.run(["date", "+%s"], capture_output=True, text=True, check=True)
    system = datetime.fromtimestamp(int(date_now.stdout), UTC)
    assert close(datetime.now(UTC), system, 5)
    assert close(child_now(), system, 5)
    assert not close(system, PINNED.replace(tzinfo=ZoneInfo(PINNED_ZONE)), 3600)


WAITS_IN_CHILD = """
import queue, subprocess, sys, threading, time
timed = {}
start = time.monotonic(); threading.Event().wait(0.3); timed["event"] = time.monotonic() - start
start = time.monotonic()
try:
    queue.Queue().get(timeout=0.3)
except queue.Empty:
    timed["queue"] = time.monotonic() - start
start = time.monotonic(); time.sleep(0.3); timed["sleep"] = time.monotonic() - start
sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
start = time.monotonic(); sleeper.wait(timeout=10); timed["grandchild"] = time.monotonic() - start
print(" ".join(f"{name}={seconds:.3f}" for name, seconds in timed.items()))
"""


@pytest.mark.parametrize(
    "env", [None, child_env(datetime(2027, 3, 28, 3, 30), "Europe/Berlin")], ids=["pinned", "set"]
)
def test_clock_child_timed_waits_last_as_long_as_asked(env) -> None:
    # Under libfaketime's shifted monotonic clock a child's Event.wait(0.3) returned at once
    # (and time.sleep hung when the monotonic clock was left real without the site hook).
    out = subprocess.run(
        [sys.executable, "-c", WAITS_IN_CHILD],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
        env=env,
    ).stdout
    timed = dict(pair.split("=") for pair in out.split())
    assert set(timed) == {"event", "queue", "sleep", "grandchild"}
    for name, seconds in timed.items():
        assert 0.29 <= float(seconds) < 5, (name, out)
