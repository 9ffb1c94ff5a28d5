"""A CLI process that reads a chosen wall clock, through libfaketime (tests/harness/clock.py):
production code needs no hook, and the moment is fixed whatever the real day and hour.

`cli_at(moment, *args)` runs `python -m microalign ARGS` with the clock starting at
`moment` ("2026-12-06 23:30:00", local time in `zone`); the clock then runs on normally.
"""

from __future__ import annotations

from datetime import datetime

from tests.harness.cli import Result, run_microalign
from tests.harness.clock import child_env, libfaketime_env, real_env
from tests.harness.faketime_lock import SHM, SharedLock, run_lock

__all__ = ["SHM", "SharedLock", "cli_at", "faked_clock", "faketime_env"]

ZONE = "Europe/Berlin"


def faketime_env(moment: str, zone: str = ZONE) -> dict[str, str]:
    """This process's environment with the clock of child processes set to `moment`."""
    return child_env(datetime.fromisoformat(moment), zone)


def cli_at(
    moment: str, *args: str, stdin: str = "", zone: str = ZONE, timeout: float = 60
) -> Result:
    """`microalign ARGS` as a real process whose clock starts at `moment`."""
    return run_microalign(*args, stdin=stdin, env=faketime_env(moment, zone), timeout=timeout)


def faked_clock(
    wall: datetime, zone: str = "Europe/Berlin", lock: SharedLock | None = None
) -> dict[str, str]:
    """Environment that starts a child process's clock at `wall` (naive, local in `zone`),
    from where it runs on; each process that starts with it (a check-in process too)
    starts there, whatever the clock of this one (the test run may be under faketime).
    Its processes share `lock`, by default the run's."""
    return {
        **libfaketime_env(real_env()),
        "FAKETIME": f"@{wall:%Y-%m-%d %H:%M:%S}",
        "TZ": zone,
        "FAKETIME_SHARED": (lock or run_lock()).shared,
    }
