"""Children on a fixed date under libfaketime (tests/harness/faketime.py): a child and its
own child see the date and share the run's semaphore instead of making their own, a
killed one leaves nothing in /dev/shm, and units held by killed processes leave the rest
usable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.harness.faketime import SHM, SharedLock, faked_clock

WALL = datetime(2027, 3, 10, 14, 0, 30)  # a Wednesday
# Prints its date and FAKETIME_SHARED, then its own child's, after a stat of every file
# in the standard library's folder (libfaketime takes the semaphore around each stat).
PARENT = """
import datetime, os, subprocess, sys
def show():
    for name in os.listdir(os.path.dirname(os.__file__)):
        os.stat(os.path.join(os.path.dirname(os.__file__), name))
    print(datetime.datetime.now().date(), os.environ["FAKETIME_SHARED"], flush=True)
show()
if len(sys.argv) > 1:
    subprocess.run([sys.executable, "-c", sys.argv[1]], check=True)
"""
CHILD = PARENT.split("if len")[0]


def _run(lock: SharedLock) -> list[str]:
    env = {**os.environ, **faked_clock(WALL, lock=lock)}
    done = subprocess.run(
        [sys.executable, "-c", PARENT, CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_faketime_child_and_its_child_see_the_date_and_share_the_run_lock():
    lock = SharedLock.create()
    try:
        assert _run(lock) == ["2027-03-10", lock.sem, lock.shm] * 2
    finally:
        lock.remove()


def test_faketime_units_held_by_killed_processes_leave_the_rest_usable():
    lock = SharedLock.create(units=3)
    try:
        lock.take(2)  # two processes killed while they held the semaphore
        assert _run(lock)[0] == "2027-03-10"
    finally:
        lock.remove()


def test_faketime_killed_child_leaves_nothing_in_dev_shm():
    lock = SharedLock.create()
    child = subprocess.Popen(
        [sys.executable, "-c", "import os, time; print(os.getpid(), flush=True); time.sleep(60)"],
        env={**os.environ, **faked_clock(WALL, lock=lock)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        pid = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
        child.wait()
        left = {f"faketime_shm_{pid}", f"sem.faketime_sem_{pid}"} & set(os.listdir(SHM))
        assert left == set()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        lock.remove()
    assert not Path(SHM, lock.shm[1:]).exists()
