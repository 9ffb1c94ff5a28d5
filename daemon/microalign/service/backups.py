"""The daemon's scheduled backups: `microalign backup --scheduled` in a child process, so
that copying a gigabyte of audio never holds up a check-in (the online backup API lets
the daemon go on writing meanwhile). The child decides whether one is due."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths

log = logging.getLogger(__name__)

EVERY = timedelta(hours=1)  # how often the daemon asks whether a backup is due


class BackupAsker:
    """Asks for a scheduled backup at most once an hour (the child writes one only when it
    is due), never two at once."""

    def __init__(self, job: Callable[[], Coroutine[Any, Any, object]] | None) -> None:
        self.job = job
        self.task: asyncio.Task[object] | None = None
        self.asked_at: datetime | None = None

    def maybe(self, now: datetime, enabled: bool) -> None:
        if self.job is None or not enabled:
            return
        if self.task is not None and not self.task.done():
            return
        if self.asked_at is not None and now - self.asked_at < EVERY:
            return
        self.asked_at = now
        self.task = asyncio.get_running_loop().create_task(self.job())
        self.task.add_done_callback(_log_failure)


def _log_failure(task: asyncio.Task[object]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("Scheduled backup failed: %s", task.exception())


async def scheduled_backup(paths: Paths) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "microalign",
        "--config",
        str(paths.config_file),
        "--data-dir",
        str(paths.data_dir),
        "backup",
        "--scheduled",
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    if proc.returncode:
        log.error("Scheduled backup failed: %s", err.decode(errors="replace").strip())
    elif out.strip():
        log.info("%s", out.decode(errors="replace").strip())
