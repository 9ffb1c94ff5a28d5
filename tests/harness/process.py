"""The real daemon as a process, with a datagram socket playing systemd's sd_notify part."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.harness import composed
from tests.harness.daemon import env_for_child, ran_before


class Notify:
    """A datagram socket playing systemd's part of sd_notify."""

    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.path = path
        self.messages: list[dict[str, str]] = []

    def wait_for(self, key: str, value: str | None = None, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                raw = self.sock.recv(4096).decode()
            except TimeoutError:
                break
            fields = dict(line.split("=", 1) for line in raw.splitlines())
            self.messages.append(fields)
            if key in fields and (value is None or fields[key] == value):
                return fields
        raise AssertionError(f"no {key}={value} from the daemon; got {self.messages}")


class DaemonProcess:
    """`python -m microalign run` with its own sd_notify socket and log file; a daemon that
    has run before (harness.daemon.ran_before) unless `first_start`. With `speech`
    (scripted, logged_voice) the daemon is composed with that speech in its check-in
    processes instead (harness/composed.py)."""

    def __init__(
        self,
        tmp_path: Path,
        extra_env: dict[str, str] | None = None,
        first_start: bool = False,
        speech: str | None = None,
    ) -> None:
        if not first_start:
            _ran_before(extra_env or {})
        self.log = tmp_path / f"daemon-{time.monotonic_ns()}.log"
        self.notify = Notify(tmp_path / f"notify-{time.monotonic_ns()}.sock")
        env = env_for_child(
            {
                "NOTIFY_SOCKET": str(self.notify.path),
                "WATCHDOG_USEC": "1000000",
                "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={tmp_path / 'no-system-bus'}",
                "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-session-bus'}",
                **(extra_env or {}),
            }
        )
        self.out = self.log.open("wb")
        argv = (
            composed.command("daemon", speech)
            if speech
            else [sys.executable, "-m", "microalign", "run"]
        )
        self.proc = subprocess.Popen(argv, env=env, stdout=self.out, stderr=self.out)

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait(self, timeout: float = 30) -> int:
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.out.close()
            self.notify.sock.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.wait()

    def rss_kib(self) -> int:
        return rss_kib(self.proc.pid)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.proc.pid)


def _ran_before(env: dict[str, str]) -> None:
    from microalign.adapters.paths import CONFIG_ENV, DATA_ENV, resolve
    from microalign.errors import MicroalignError

    # A broken config or data folder is what such a test is about: the daemon reports it.
    with contextlib.suppress(MicroalignError):
        ran_before(resolve(env.get(CONFIG_ENV), env.get(DATA_ENV)))


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process from /proc/<pid>/stat."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found
