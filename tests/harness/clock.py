"""One clock for the whole test run.

Every test runs at a pinned wall time unless it asks for another (`test_clock.set`) or for
the real one (`@pytest.mark.real_clock`): in this process through time-machine, in every
child process (CLI, daemon, check-in process, helpers) through libfaketime, which the
environment hands down. Both are offsets from the real clock taken at the same moment, so
the parent and its children read the same time, and it goes on running. Nothing in the
production code knows about it.

The pinned moment is an ordinary Wednesday afternoon, in a zone with daylight saving time,
and lies before any real day the suite may run on: file times (which neither tool fakes) are
then always after "now", the same on every run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.harness import is_xdist_controller
from tests.harness.faketime_lock import run_lock

PINNED = datetime(2026, 11, 11, 15, 0)  # a Wednesday
PINNED_ZONE = "Europe/Berlin"
LIBFAKETIME_PATHS = (
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
)
# The variables libfaketime reads; an outer `faketime` run leaves them for its children.
FAKETIME_VARS = (
    "FAKETIME",
    "FAKETIME_SHARED",
    "FAKETIME_DONT_RESET",
    "FAKETIME_NO_CACHE",
    "FAKETIME_DONT_FAKE_MONOTONIC",
)
# Programs that must not run under libfaketime get the real clock through a wrapper of the
# same name here, found first on the PATH (Chromium: far slower, or a trap).
UNFAKED = Path(__file__).resolve().parent / "unfaked"
# Python children under libfaketime start with its sitecustomize (time.sleep without
# clock_nanosleep: see the file); their monotonic clock stays real.
FAKETIME_SITE = Path(__file__).resolve().parent / "faketime_site"
CHROMIUM = str(UNFAKED / "chromium")
# A run started under `faketime` starts again without it (libfaketime re-reads FAKETIME in
# the process it is loaded in, so the test clock's settings for children would move this
# process's clock, monotonic clock included); this keeps the outer clock's offset from the
# real one for `real_clock` tests.
OUTER_CLOCK = "MICROALIGN_TEST_OUTER_CLOCK"


class ClockError(RuntimeError):
    pass


def libfaketime() -> str:
    for path in LIBFAKETIME_PATHS:
        if Path(path).exists():
            return path
    raise ClockError(
        "libfaketime is missing: the tests pin the clock of their child processes with it "
        "(apt-get install faketime, or run: bash .ci/setup --tests)"
    )


def _without_faketime(preload: str) -> list[str]:
    return [lib for lib in preload.replace(":", " ").split() if "faketime" not in lib]


def real_time() -> float:
    """The system's real time, even when this run itself is under an outer `faketime`."""
    if not any("faketime" in lib for lib in os.environ.get("LD_PRELOAD", "").split()):
        return time_machine.escape_hatch.time.time() if _travelling() else time.time()
    env = {k: v for k, v in os.environ.items() if k not in FAKETIME_VARS}
    env["LD_PRELOAD"] = " ".join(_without_faketime(os.environ.get("LD_PRELOAD", "")))
    date = shutil.which("date") or "/bin/date"
    out = subprocess.run([date, "+%s.%N"], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout)


def _travelling() -> bool:
    return time_machine.escape_hatch.is_travelling()


class TestClock:
    """The clock this process and the children it starts from now on read."""

    __test__ = False  # not a test class

    def __init__(self) -> None:
        self._travel: time_machine.travel | None = None
        self._saved = {
            name: os.environ.get(name) for name in (*FAKETIME_VARS, "LD_PRELOAD", "TZ", "PATH")
        }
        self.wall: datetime | None = None
        self.zone: str | None = None

    def set(self, wall: datetime, zone: str | None = None) -> datetime:
        """Make it `wall` now, here and in new children, in the time zone `zone` (by default
        the zone of an aware `wall`, else the pinned one); a naive `wall` is local time
        there. Returns the aware moment."""
        moment, zone = _aware(wall, zone or getattr(wall.tzinfo, "key", None) or PINNED_ZONE)
        self._stop_travel()
        for name in FAKETIME_VARS:  # an outer `faketime`'s own settings
            os.environ.pop(name, None)
        os.environ.update(_faked(moment, zone, self._saved))
        time.tzset()
        self._travel = time_machine.travel(moment.timestamp(), tick=True)
        self._travel.start()
        self.wall, self.zone = moment.replace(tzinfo=None), zone
        return moment

    def pin(self) -> datetime:
        return self.set(PINNED, PINNED_ZONE)

    def real(self) -> None:
        """The real clock, here and in new children; in a run started under `faketime`,
        the clock that run was given."""
        self._stop_travel()
        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        os.environ["PYTHONPATH"] = _python_path(site=False)
        outer = float(os.environ.get(OUTER_CLOCK) or 0)
        if outer:
            os.environ.update(libfaketime_env(self._saved), FAKETIME=f"{outer:+.3f}")
            self._travel = time_machine.travel(real_time() + outer, tick=True)
            self._travel.start()
        time.tzset()
        self.wall = self.zone = None

    def _stop_travel(self) -> None:
        if self._travel is not None:
            self._travel.stop()
            self._travel = None


def _aware(wall: datetime, zone: str) -> tuple[datetime, str]:
    # fold=0 picks the first of a repeated hour; a skipped hour is moved forward.
    return (wall if wall.tzinfo else wall.replace(tzinfo=ZoneInfo(zone))), zone


def libfaketime_env(saved: Mapping[str, str | None]) -> dict[str, str]:
    """The variables (but FAKETIME and TZ) of a child process under libfaketime, added
    to the `saved` environment's."""
    preload = [libfaketime(), *_without_faketime(saved.get("LD_PRELOAD") or "")]
    return {
        "LD_PRELOAD": " ".join(preload),
        # One semaphore for the whole run instead of one per child (faketime_lock.py).
        "FAKETIME_SHARED": run_lock().shared,
        # Faked, the monotonic clock lies weeks off, and timed waits return at once.
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        "PATH": os.pathsep.join(filter(None, [str(UNFAKED), saved.get("PATH")])),
        "PYTHONPATH": _python_path(site=True),
    }


def _python_path(site: bool) -> str:
    """This process's PYTHONPATH (a test may have added to it), with the sitecustomize of
    children under libfaketime first, or without it."""
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(
        [str(FAKETIME_SITE)] * site + [p for p in paths if p != str(FAKETIME_SITE)]
    )


def _faked(moment: datetime, zone: str, saved: dict[str, str | None]) -> dict[str, str]:
    """The variables that make a child process read `moment` now (and run on from it)."""
    return {
        **libfaketime_env(saved),
        "TZ": zone,
        # An offset from the real clock, not a start time: every child, and every child of
        # a child, started at any time reads the same clock as this process.
        "FAKETIME": f"{moment.timestamp() - real_time():+.3f}",
    }


CLOCK = TestClock()


def child_env(wall: datetime, zone: str | None = None) -> dict[str, str]:
    """The environment for a child process whose clock reads `wall` (local in `zone`, by
    default the test clock's zone) now, leaving this process's clock as it is."""
    moment, zone = _aware(wall, zone or CLOCK.zone or PINNED_ZONE)
    env = {k: v for k, v in os.environ.items() if k not in FAKETIME_VARS}
    return {**env, **_faked(moment, zone, CLOCK._saved)}


def _under_outer_faketime() -> bool:
    return any("faketime" in lib for lib in os.environ.get("LD_PRELOAD", "").split())


def _restart_without_outer_faketime(config: pytest.Config) -> None:
    offset = time.time() - real_time()
    env = {k: v for k, v in os.environ.items() if k not in FAKETIME_VARS}
    env["LD_PRELOAD"] = " ".join(_without_faketime(env.get("LD_PRELOAD", "")))
    env[OUTER_CLOCK] = f"{offset:+.3f}"
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:  # the new process writes to the terminal, not to a capture file
        capture.stop_global_capturing()
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, sys.orig_argv, env)


def real_env() -> dict[str, str]:
    """This process's environment without the test clock: for the private servers (D-Bus,
    Xvfb, dunst, PulseAudio), which need no date and live for many tests."""
    env = {k: v for k, v in os.environ.items() if k not in FAKETIME_VARS}
    env["LD_PRELOAD"] = " ".join(_without_faketime(env.get("LD_PRELOAD", "")))
    paths = env.get("PATH", "").split(os.pathsep)
    env["PATH"] = os.pathsep.join(p for p in paths if p != str(UNFAKED))
    env["PYTHONPATH"] = _python_path(site=False)
    return env


def pytest_configure(config: pytest.Config) -> None:
    if _under_outer_faketime():
        _restart_without_outer_faketime(config)
    config.addinivalue_line(
        "markers", "real_clock: the test's subject is the real clock; it is not pinned"
    )
    if is_xdist_controller(config):
        return  # its workers pin their own clocks; pinned here, they would start faked
    CLOCK.pin()


def pytest_unconfigure(config: pytest.Config) -> None:
    CLOCK.real()


@pytest.fixture(autouse=True)
def test_clock(request: pytest.FixtureRequest) -> Iterator[TestClock]:
    """The pinned clock (or the real one for `real_clock` tests); a test may move it with
    `test_clock.set(wall, zone)`. Every test starts at the pinned moment again."""
    if request.node.get_closest_marker("real_clock"):
        CLOCK.real()
    else:
        CLOCK.pin()
    try:
        yield CLOCK
    finally:
        CLOCK.pin()
