"""The checks for processes a test run leaves running (tests/harness/leftovers.py), on
real pytest runs in their own processes: a run that leaves one fails, however the process
got away from its test, and names it; a test that leaves a microalign process fails at
its teardown; a clean run, a child that is ending anyway and a process of another run do
not fail it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.harness.leftovers import GRACE_ENV, RUN_ENV, _alive

LEAVING = """
import os
import subprocess
from pathlib import Path

OUT = Path(os.environ["LEFTOVER_PIDS"])


def test_child_left_sleeping():
    child = subprocess.Popen(["sleep", "300"])
    with OUT.open("a") as out:
        out.write(f"{child.pid}\\n")


def test_grandchild_escaped_by_double_fork_without_the_run_token():
    # The shell exits at once and its child is orphaned, in a new session, without the
    # run's environment: neither a child of the test nor marked as the run's.
    done = subprocess.run(
        ["env", "-i", "sh", "-c", "setsid sleep 301 >/dev/null 2>&1 & echo $!"],
        capture_output=True, text=True, check=True,
    )
    with OUT.open("a") as out:
        out.write(done.stdout)
"""

MICROALIGN = """
import os
import subprocess
import sys

OPEN = []  # its input stays open: the check-in waits for an answer


def test_typed_checkin_left_waiting_for_input(tmp_path):
    names = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_CACHE_HOME")
    private = {name: str(tmp_path / name) for name in names}  # never the user's folders
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROALIGN_")}
    checkin = subprocess.Popen(
        [sys.executable, "-m", "microalign", "checkin", "evening", "--text"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env={**env, **private},
    )
    OPEN.append(checkin)
    with open(os.environ["LEFTOVER_PIDS"], "a") as out:
        out.write(f"{checkin.pid}\\n")


def test_after_it_runs_clean():
    pass
"""

CLEAN = """
import os
import subprocess


def test_child_stopped():
    child = subprocess.Popen(["sleep", "300"])
    child.kill()
    child.wait()


def test_child_ending_by_itself_soon():
    subprocess.Popen(["sleep", "0.5"])


def test_process_of_another_run_is_not_ours():
    assert int(os.environ["OTHER_PID"]) > 0
"""


def _pytest(tmp_path: Path, body: str, *options: str, **env: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(body))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    plugin = ("-p", "tests.harness.leftovers")
    return subprocess.run(
        [sys.executable, "-m", "pytest", *plugin, "-q", *options, "test_inner.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, GRACE_ENV: "3", **env},
    )


# Under pytest-xdist each worker finds its own leftovers, and the controller reports them.
PARALLEL = pytest.mark.parametrize("options", [(), ("-n", "2")], ids=["serial", "parallel"])


@PARALLEL
def test_leftovers_run_leaving_processes_fails_names_and_kills_them(tmp_path, options):
    pids = tmp_path / "pids"
    run = _pytest(tmp_path, LEAVING, *options, LEFTOVER_PIDS=str(pids))
    left = [int(p) for p in pids.read_text().split()]
    assert len(left) == 2
    assert run.returncode == 1, run.stdout
    assert "2 passed" in run.stdout and "processes left running" in run.stdout
    assert "sleep 300 (first seen after test_inner.py::test_child_left_sleeping)" in run.stdout
    # Both named, by pid: in a parallel run the two tests may have run in either order.
    assert all(f"pid {pid}: sleep 30" in run.stdout for pid in left), run.stdout
    assert not any(_alive(pid) for pid in left)


def test_leftovers_parallel_clean_run_passes(tmp_path):
    run = _pytest(tmp_path, CLEAN, "-n", "2", OTHER_PID="1")
    assert run.returncode == 0, run.stdout
    assert "3 passed" in run.stdout and "left running" not in run.stdout


def test_leftovers_clean_run_with_another_runs_process_passes(tmp_path):
    # A process of this (outer) run, outside the inner run's tree, with the outer token.
    other = subprocess.Popen(["sleep", "300"], env={**os.environ})
    try:
        assert RUN_ENV in os.environ
        run = _pytest(tmp_path, CLEAN, OTHER_PID=str(other.pid))
        assert run.returncode == 0, run.stdout
        assert "3 passed" in run.stdout and "left running" not in run.stdout
        assert other.poll() is None
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()


def test_leftovers_test_leaving_a_microalign_process_fails_at_its_teardown(tmp_path):
    pids = tmp_path / "pids"
    run = _pytest(tmp_path, MICROALIGN, LEFTOVER_PIDS=str(pids))
    (left,) = [int(p) for p in pids.read_text().split()]
    assert run.returncode == 1, run.stdout
    assert "2 passed, 1 error" in run.stdout, run.stdout
    assert "ERROR at teardown of test_typed_checkin_left_waiting_for_input" in run.stdout
    assert f"pid {left}: " in run.stdout and "checkin evening --text" in run.stdout
    assert "processes left running" not in run.stdout  # stopped after its test already
    assert not _alive(left)
