"""Runs a command under the seccomp part of the systemd unit's sandbox (test helper).

    /usr/bin/python3 unit_sandbox.py UNIT [--memory-deny-write-execute] -- COMMAND...

Run by the system Python, which has python3-seccomp (a Debian package); the filter survives
exec, so COMMAND may be any interpreter. From the unit it reads and applies, as systemd 252
does with seccomp: SystemCallFilter= (groups expanded by `systemd-analyze syscall-filter`)
with SystemCallErrorNumber=, RestrictAddressFamilies=, RestrictNamespaces=yes,
RestrictRealtime=yes, LockPersonality=yes and MemoryDenyWriteExecute=yes (which
--memory-deny-write-execute adds when the unit does not have it). NoNewPrivileges=yes comes
with any seccomp filter. File-system settings (ProtectHome= and so on) need a user manager
and are not applied.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

import seccomp
from unitfile import service_settings  # a sibling: this script's folder is on sys.path

# CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME
CLONE_NEW = (
    0x20000 | 0x2000000 | 0x4000000 | 0x8000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x80
)
SCHED_NOT_REALTIME = (0, 3, 5)  # SCHED_OTHER, SCHED_BATCH, SCHED_IDLE
SCHED_RESET_ON_FORK = 0x40000000
PROT_WRITE, PROT_EXEC = 0x2, 0x4
SHM_EXEC = 0o100000
PER_LINUX, PERSONALITY_QUERY = 0, 0xFFFFFFFF
AF_MAX = 46


def expand(name: str) -> set[str]:
    """A syscall or @group as systemd knows it, expanded to syscall names."""
    if not name.startswith("@"):
        return {name}
    listing = subprocess.run(
        ["systemd-analyze", "syscall-filter", name], capture_output=True, text=True, check=True
    ).stdout.splitlines()[1:]
    names: set[str] = set()
    for line in (entry.strip() for entry in listing):
        if line and not line.startswith("#"):
            names |= expand(line)
    return names


def allowed_syscalls(lines: list[str]) -> set[str]:
    """systemd's rule: the first assignment sets an allow list; "~" ones then remove."""
    allowed: set[str] = set()
    for line in lines:
        deny = line.startswith("~")
        names = set().union(*(expand(n) for n in line.lstrip("~").split()))
        if deny and not allowed:
            raise SystemExit("only allow-list filters are supported")
        allowed = allowed - names if deny else allowed | names
    return allowed


def native(name: str) -> bool:
    return seccomp.resolve_syscall(seccomp.Arch.NATIVE, name) >= 0


def build(settings: dict[str, list[str]], deny_write_execute: bool) -> seccomp.SyscallFilter:
    """Allowed calls pass; a call allowed only with some arguments gets one ALLOW rule per
    allowed argument pattern; everything else fails with SystemCallErrorNumber=."""
    error = getattr(errno, settings.get("SystemCallErrorNumber", ["EPERM"])[-1])
    allowed = {n for n in allowed_syscalls(settings["SystemCallFilter"]) if native(n)}
    only_with = _argument_rules(settings, deny_write_execute)
    rules = seccomp.SyscallFilter(defaction=seccomp.ERRNO(error))
    for name in sorted(allowed - set(only_with)):
        rules.add_rule(seccomp.ALLOW, name)
    for name, patterns in only_with.items():
        if name in allowed:
            for pattern in patterns:
                rules.add_rule(seccomp.ALLOW, name, pattern)
    families = {getattr(socket, f) for f in settings["RestrictAddressFamilies"][-1].split()}
    for family in set(range(AF_MAX)) - families:
        rules.add_rule(
            seccomp.ERRNO(errno.EAFNOSUPPORT), "socket", seccomp.Arg(0, seccomp.EQ, family)
        )
    if settings.get("RestrictNamespaces") == ["yes"]:
        # clone3's flags are behind a pointer: systemd refuses it so libc falls back to clone.
        rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


def _argument_rules(settings: dict[str, list[str]], deny_write_execute: bool) -> dict[str, list]:
    families = {getattr(socket, f) for f in settings["RestrictAddressFamilies"][-1].split()}
    only_with: dict[str, list] = {"socket": [seccomp.Arg(0, seccomp.EQ, f) for f in families]}
    if settings.get("RestrictNamespaces") == ["yes"]:
        no_namespace = seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_NEW, 0)
        only_with |= {"clone": [no_namespace], "unshare": [no_namespace], "setns": [], "clone3": []}
    if settings.get("RestrictRealtime") == ["yes"]:
        policies = [p | f for p in SCHED_NOT_REALTIME for f in (0, SCHED_RESET_ON_FORK)]
        only_with["sched_setscheduler"] = [seccomp.Arg(1, seccomp.EQ, p) for p in policies]
    if settings.get("LockPersonality") == ["yes"]:
        only_with["personality"] = [
            seccomp.Arg(0, seccomp.EQ, value) for value in (PER_LINUX, PERSONALITY_QUERY)
        ]
    if deny_write_execute:
        wx = PROT_WRITE | PROT_EXEC
        only_with["mmap"] = [
            seccomp.Arg(2, seccomp.MASKED_EQ, wx, v) for v in (0, PROT_WRITE, PROT_EXEC)
        ]
        not_exec = seccomp.Arg(2, seccomp.MASKED_EQ, PROT_EXEC, 0)
        only_with |= {"mprotect": [not_exec], "pkey_mprotect": [not_exec]}
        only_with["shmat"] = [seccomp.Arg(2, seccomp.MASKED_EQ, SHM_EXEC, 0)]
    return only_with


def main(argv: list[str]) -> None:
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    settings = service_settings(Path(options[0]))
    if "SystemCallFilter" not in settings:
        raise SystemExit(f"{options[0]} has no SystemCallFilter=")
    deny_write_execute = settings.get("MemoryDenyWriteExecute") == ["yes"]
    build(settings, deny_write_execute or "--memory-deny-write-execute" in options).load()
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
