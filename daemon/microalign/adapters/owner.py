"""Who owns a running check-in: a process named so that a reused pid or a reboot cannot
pass for it ("<boot id>:<pid>:<start time>"), and whether that process still lives."""

from __future__ import annotations

import functools
import os
from pathlib import Path


@functools.cache
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:  # not Linux: pids are only compared within one boot anyway
        return "boot"


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot, or None if it is gone or a
    zombie (dead, waiting for its parent to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name in parentheses may contain spaces; the fields after it do not.
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] in ("Z", "X"):
        return None
    return fields[19]


def owner_of(pid: int) -> str:
    return f"{_boot_id()}:{pid}:{_start_time(pid)}"


def me() -> str:
    """This process, as the owner of a check-in."""
    return owner_of(os.getpid())


def is_alive(owner: str | None) -> bool:
    """True while the process named by `owner` runs (in this boot, with that start time)."""
    if not owner:
        return False
    boot, _, rest = owner.partition(":")
    pid, _, start = rest.partition(":")
    if boot != _boot_id() or not pid.isdigit():
        return False
    return _start_time(int(pid)) == start and start != "None"
