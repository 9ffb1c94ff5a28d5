"""The daemon's scheduled backups: `microalign backup --scheduled` in a child process, so
that copying a gigabyte of audio never holds up a check-in (the online backup API lets
the daemon go on writing meanwhile). The child decides whether one is due."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths

log = logging.getLogger(__name__)


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
