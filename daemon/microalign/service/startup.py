"""The daemon's start-up report: what is missing (microalign.app.readiness), said once in the
log as one block and once as one notification, without holding up the daemon.

The checks run in a child process (`python -m microalign.app.readiness`): probing audio
loads PortAudio and espeak-ng, which the idle daemon should not carry, and a probe may hang.
Whatever the child has not answered after REPORT_SECONDS is reported as not checked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from microalign.app import notes, readiness
from microalign.app.readiness import Gap
from microalign.i18n import get_pack

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.config import Config
    from microalign.service.live import Live

log = logging.getLogger(__name__)

# The whole report is out this long after the process started, whatever the probes do;
# the probes get at least MIN_WAIT seconds however long the start took.
REPORT_SECONDS = 1.6
MIN_WAIT = 0.5


def process_age() -> float | None:
    """Seconds since this process started (Linux /proc), or None when unknown."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # starttime, since boot
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return None


async def report(paths: Paths, live: Live, wait: float | None = None) -> list[Gap]:
    """Log what is missing and notify it once; returns the gaps found."""
    if wait is None:
        age = process_age() or 0.0
        wait = max(MIN_WAIT, REPORT_SECONDS - age)
    lang = live.lang
    gaps, unchecked, server_ok = await _gather(paths, live.config, wait)
    if not gaps and not unchecked:
        log.info("%s", lang.t("ready.all_set"))
        return gaps
    lines = readiness.describe(lang, gaps, unchecked)
    log.warning("%s", "\n".join(lines))
    # Only to a server known to answer: without one the block above is the report.
    if gaps and server_ok:
        await live.notifier.notify(notes.missing(lang, gaps))
    return gaps


Gathered = tuple[list[Gap], tuple[str, ...], bool]


async def _gather(paths: Paths, config: Config, wait: float) -> Gathered:
    """(gaps in CHECKS order, checks not answered in time, notification server answered)."""
    lang = get_pack(config.general.language)
    notify = readiness.NOTIFICATIONS in readiness.wanted_checks(config)
    quick, answered, server = await asyncio.gather(
        asyncio.to_thread(_quick, paths, config),
        _ask_child(paths, wait),
        _server(wait) if notify else _nothing(),
    )
    if isinstance(server, Gap):
        answered[readiness.NOTIFICATIONS] = server.shown(lang)
    elif server:
        answered[readiness.NOTIFICATIONS] = None
    found = quick + [gap for gap in answered.values() if gap is not None]
    gaps = sorted(found, key=lambda gap: readiness.CHECKS.index(gap.name))
    unchecked = tuple(name for name in readiness.probed_checks(config) if name not in answered)
    return gaps, unchecked, server is True


def _quick(paths: Paths, config: Config) -> list[Gap]:
    """Goals and model, in this thread's own App (a sqlite3 connection is per thread)."""
    from microalign.app.context import App

    app = App(paths)
    try:
        lang = get_pack(config.general.language)
        return [gap.shown(lang) for gap in readiness.quick_gaps(app, config)]
    finally:
        app.close()


async def _server(wait: float) -> Gap | bool | None:
    """The notification server's gap, True when it answered, None when not known in time."""
    try:
        gap = await asyncio.wait_for(readiness.notification_gap(wait + 1), wait)
    except TimeoutError:
        return None
    return gap if gap is not None else True


async def _nothing() -> None:
    return None


async def _ask_child(paths: Paths, wait: float) -> dict[str, Gap | None]:
    """The child's answers, check by check, until it ends or `wait` seconds have passed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    answered: dict[str, Gap | None] = {}
    try:
        child = await asyncio.create_subprocess_exec(
            *readiness.child_command(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,  # ALSA and espeak-ng chatter
            env=readiness.child_env(paths),
        )
    except OSError as exc:
        log.warning("The start-up checks could not start: %s", exc)
        return answered
    assert child.stdout is not None  # a pipe
    try:
        while (left := deadline - loop.time()) > 0:
            try:
                line = await asyncio.wait_for(child.stdout.readline(), left)
            except TimeoutError:
                break
            if not line:
                break
            row = readiness.read_row(line)
            if row is not None:
                answered[row[0]] = row[1]
    finally:
        await _end(child)
    return answered


async def _end(child: asyncio.subprocess.Process) -> None:
    if child.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            child.kill()
    code = await child.wait()
    if code not in (0, -9):
        log.warning("The start-up checks ended with exit code %s", code)
