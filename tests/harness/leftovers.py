"""A test run leaves no process behind: every daemon, check-in process, CLI or private
server (dbus-daemon, Xvfb, dunst, PulseAudio) a test or fixture starts is stopped by it,
pass or fail. After each test, a microalign process it started that still runs (after a
grace period for processes that are already ending) is killed and makes the test fail at
its teardown. At the end of the session any process of the run that still runs fails
the run, is named with the test after which it was first seen, and is killed.

A process is ours when it descends from this pytest process, or carries this run's token
in its environment. The pytest process becomes a child subreaper, so a process whose
parent is gone (a double fork, a daemon whose test killed only its parent) is re-parented
here rather than to init and stays a descendant; the token also finds one that escaped
otherwise (a new session via a service manager keeps its environment). Processes of other
runs on the same machine are neither.

Under pytest-xdist every worker is such a run of its own (its own token, its own
descendants); it hands what it found to the controller, which reports it and fails the
run. The controller starts no process of its own to check.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.harness import is_xdist_controller

RUN_ENV = "MICROALIGN_TEST_RUN"
GRACE_ENV = "MICROALIGN_TEST_LEFTOVER_GRACE"  # seconds; the check's own tests shorten it
GRACE_SECONDS = 10.0  # for processes that are ending: a signal sent, a pipe closed
PR_SET_CHILD_SUBREAPER = 36
_LEFT = pytest.StashKey[list["Process"]]()
_SEEN = pytest.StashKey[dict[int, str]]()
WORKER_OUTPUT = "microalign_leftovers"


@dataclass(frozen=True)
class Process:
    pid: int
    cmdline: str
    seen_after: str  # the test after which it was first seen running ("" if never)

    def __str__(self) -> str:
        after = f" (first seen after {self.seen_after})" if self.seen_after else ""
        return f"pid {self.pid}: {self.cmdline}{after}"


def _become_subreaper() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the token still finds them
        pass


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:  # gone meanwhile, or not ours to read
        return b""


def _alive(pid: int) -> bool:
    """Running: neither gone nor a zombie waiting for its parent."""
    stat = _read(f"/proc/{pid}/stat")
    return bool(stat) and stat.rsplit(b")", 1)[1].split()[0] != b"Z"


def _children(pid: int) -> list[int]:
    found = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in _read(f"{task}/children").split()]
    return found


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = _children(pid)
    while todo:
        child = todo.pop()
        if child not in found:
            found.add(child)
            todo += _children(child)
    return found


def _with_token(token: str) -> set[int]:
    marker = f"{RUN_ENV}={token}".encode()
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and marker in _read(f"{entry}/environ").split(b"\0"):
            found.add(int(entry.name))
    return found


def ours(token: str) -> set[int]:
    """The running processes of this run, this pytest process left out."""
    me = os.getpid()
    return {pid for pid in descendants(me) | _with_token(token) if pid != me and _alive(pid)}


def _cmdline(pid: int) -> str:
    return _read(f"/proc/{pid}/cmdline").replace(b"\0", b" ").decode(errors="replace").strip()


def _settled(find, grace: float) -> set[int]:
    """What `find()` still finds once it is empty or `grace` seconds have passed."""
    deadline = time.monotonic() + grace
    while (found := find()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def left_running(token: str, seen: dict[int, str], grace: float) -> list[Process]:
    found = _settled(lambda: ours(token), grace)
    return [Process(pid, _cmdline(pid), seen.get(pid, "")) for pid in sorted(found)]


def _is_microalign(pid: int) -> bool:
    """`python -m microalign ...`, its check-in process, the installed command, or one of
    them composed with test speech (harness/composed.py)."""
    args = _read(f"/proc/{pid}/cmdline").decode(errors="replace").split("\0")
    return any(
        a == "microalign"
        or a.startswith("microalign.")
        or a.endswith(("/microalign", "/harness/composed.py"))
        for a in args
    )


def _kill(pids) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(autouse=True)
def _no_microalign_process_left() -> Iterator[None]:
    """After the test and its fixtures: no daemon, check-in or CLI it started runs on."""
    me = os.getpid()
    before = descendants(me)
    yield
    grace = float(os.environ.get(GRACE_ENV, GRACE_SECONDS))

    def started() -> set[int]:
        new = descendants(me) - before
        return {pid for pid in new if _alive(pid) and _is_microalign(pid)}

    left = sorted(_settled(started, grace))
    if left:
        shown = "; ".join(f"pid {pid}: {_cmdline(pid)}" for pid in left)
        _kill(left)
        pytest.fail(f"the test left microalign processes running (now killed): {shown}")


def pytest_configure(config: pytest.Config) -> None:
    # Children inherit the token from the environment; a nested run gets its own.
    os.environ[RUN_ENV] = f"{os.getpid()}-{uuid.uuid4().hex}"
    _become_subreaper()
    config.stash[_SEEN] = {}


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item):
    """Remember after which test each process was first seen (descendants only: cheap)."""
    try:
        return (yield)
    finally:
        seen = item.config.stash[_SEEN]
        for pid in descendants(os.getpid()):
            seen.setdefault(pid, item.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if is_xdist_controller(config):
        left = config.stash.get(_LEFT, [])
    else:
        grace = float(os.environ.get(GRACE_ENV, GRACE_SECONDS))
        left = left_running(os.environ[RUN_ENV], config.stash.get(_SEEN, {}), grace)
        config.stash[_LEFT] = left
        _kill(process.pid for process in left)
        if hasattr(config, "workeroutput"):  # an xdist worker: the controller reports
            config.workeroutput[WORKER_OUTPUT] = [vars(process) for process in left]
    if left:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """In the xdist controller: collect what a worker found left running."""
    found = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT, [])
    left = node.config.stash.setdefault(_LEFT, [])
    left += [Process(**process) for process in found]


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    left = config.stash.get(_LEFT, [])
    if not left:
        return
    terminalreporter.section("processes left running", sep="!", red=True, bold=True)
    terminalreporter.write_line(
        f"{len(left)} process(es) started by this run were still running at its end "
        "(now killed); the test or fixture that starts one must stop it, pass or fail:"
    )
    for process in left:
        terminalreporter.write_line(f"  {process}")
