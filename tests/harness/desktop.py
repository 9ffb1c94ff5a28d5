"""A private desktop for tests: dbus-daemon --session, Xvfb and dunst, all in a tmp dir.

Nothing touches the developer's session: the bus listens on a socket in tmp, Xvfb takes a
free display, dunst reads its config from tmp and records every notification it shows
(summary, body, and — through the `dmenu` context-menu hook — its actions).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import socket as socket_module
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.harness.clock import real_env

XVFB_START_SECONDS = 20
XVFB_OPTIONS = ("-screen", "0", "640x480x24", "-nolisten", "tcp")

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# Every notification runs the script (summary/body/id as env) and stays until closed, so
# its actions can still be invoked when the test gets to it.
DUNSTRC = """[global]
{markup}    dmenu = {dmenu}
    history_length = 100
    show_indicators = true
    idle_threshold = 0
[record]
    appname = "*"
    script = {script}
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""

RECORD_SCRIPT = """#!{python}
import json, os
fields = dict((k, v) for k, v in os.environ.items() if k.startswith("DUNST_"))
with open({log!r}, "a") as out:
    out.write(json.dumps(fields) + "\\n")
"""

# dunst pipes the action list to "dmenu" and invokes the line it prints back: record the
# menu and choose the line containing the label the test asked for (in {choice}).
DMENU_SCRIPT = """#!/bin/sh
menu=$(cat)
printf '%s\\n---\\n' "$menu" >> {menus}
want=$(cat {choice} 2>/dev/null)
printf '%s\\n' "$menu" | grep -F -- "$want" | head -n 1
"""


def _start_xvfb(env: dict[str, str], logs) -> tuple[subprocess.Popen, int]:
    """Xvfb on a display it chose itself (-displayfd): picked here, a number found free
    could be taken by a parallel test run before the server starts."""
    read, write = os.pipe()
    with os.fdopen(read, "rb") as reply:
        try:
            proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), *XVFB_OPTIONS],
                env=env,
                stdout=logs,
                stderr=logs,
                pass_fds=(write,),
            )
        finally:
            os.close(write)  # Xvfb holds its own copy: the line, or end of file if it dies
        line = _read_line_within(reply, XVFB_START_SECONDS)
    if not line.strip().isdigit():
        proc.kill()
        proc.wait()
        raise RuntimeError(f"Xvfb did not start (it printed {line!r}; see desktop.log)")
    return proc, int(line)


def _read_line_within(reply, seconds: float) -> bytes:
    ready, _, _ = select.select([reply], [], [], seconds)
    return reply.readline() if ready else b""


def _accepting(path: Path) -> bool:
    """A server listens on the Unix socket `path` (it exists from bind(), before listen())."""
    with socket_module.socket(socket_module.AF_UNIX, socket_module.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def _wait_for(check, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


@dataclass
class Desktop:
    root: Path
    env: dict[str, str]
    procs: list[subprocess.Popen]

    @property
    def record_log(self) -> Path:
        return self.root / "notifications.jsonl"

    @property
    def menus_log(self) -> Path:
        return self.root / "menus.txt"

    def received(self, settle: float = 10.0) -> list[dict]:
        """Every notification dunst has shown so far (DUNST_SUMMARY, DUNST_BODY, DUNST_ID…),
        in the order dunst received them.

        dunst runs the recording script in a process of its own after showing a
        notification, so the log can lag behind and two scripts can finish out of order:
        wait (up to `settle` seconds) until every notification dunst holds is recorded."""
        deadline = time.monotonic() + settle
        while True:
            rows = self._recorded()
            if len(rows) >= self._held() or time.monotonic() > deadline:
                return sorted(rows, key=lambda row: int(row.get("DUNST_ID") or 0))
            time.sleep(0.05)

    def _recorded(self) -> list[dict]:
        if not self.record_log.exists():
            return []
        lines = self.record_log.read_text().splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def _held(self) -> int:
        """How many notifications dunst shows or has in its history."""
        return sum(int(self.dunstctl("count", kind).strip()) for kind in ("displayed", "history"))

    def wait_received(self, count: int, timeout: float = 15.0) -> list[dict]:
        _wait_for(lambda: len(self.received()) >= count, f"{count} notification(s)", timeout)
        return self.received()

    def wait_shown(self, text: str, timeout: float = 15.0) -> list[dict]:
        """Wait until a notification whose title or body holds `text` has been shown: one
        that follows others comes when it comes, however many came before it."""

        def shown() -> bool:
            return any(
                text in row.get("DUNST_SUMMARY", "") + row.get("DUNST_BODY", "")
                for row in self.received()
            )

        _wait_for(shown, f"a notification showing {text!r}", timeout)
        return self.received()

    def dunstctl(self, *args: str) -> str:
        done = subprocess.run(
            ["dunstctl", *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        if done.returncode != 0:
            raise RuntimeError(f"dunstctl {args} failed: {done.stderr}")
        return done.stdout

    def invoke_action(self, label: str) -> list[str]:
        """Open dunst's context menu and pick the action `label`; return the menu dunst
        offered (one line per action)."""
        (self.root / "choice").write_text(label)
        before = self._menus()
        self.dunstctl("context")
        _wait_for(lambda: len(self._menus()) > len(before), "dunst's context menu")
        return self._menus()[-1]

    def _menus(self) -> list[list[str]]:
        if not self.menus_log.exists():
            return []
        blocks = self.menus_log.read_text().split("---\n")
        return [block.strip().splitlines() for block in blocks if block.strip()]

    def close_all(self) -> None:
        self.dunstctl("close-all")

    def closed_history(self, count: int) -> list[dict]:
        """Close every notification; dunst's history of them (with "message", the Pango
        markup dunst rendered), once it holds `count`."""
        self.close_all()
        _wait_for(lambda: len(self.history()) >= count, f"{count} notification(s) in history")
        return self.history()

    def history(self) -> list[dict]:
        data = json.loads(self.dunstctl("history"))
        return [{k: v.get("data") for k, v in entry.items()} for entry in data["data"][0]]


@contextlib.contextmanager
def private_desktop(root: Path, markup: str | None = None) -> Iterator[Desktop]:
    """`markup`: dunst's setting (full, strip, no); unset, dunst parses markup in bodies
    without advertising body-markup."""
    for tool in ("dbus-daemon", "Xvfb", "dunst", "dunstctl"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed: apt-get install dbus xvfb dunst")
    root.mkdir(parents=True, exist_ok=True)
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    socket = root / "bus.sock"
    (root / "bus.conf").write_text(BUS_CONFIG.format(socket=socket))
    for name, text in (
        (
            "record.sh",
            RECORD_SCRIPT.format(python=sys.executable, log=str(root / "notifications.jsonl")),
        ),
        ("dmenu.sh", DMENU_SCRIPT.format(menus=root / "menus.txt", choice=root / "choice")),
    ):
        (root / name).write_text(text)
        (root / name).chmod(0o755)
    (root / "dunstrc").write_text(
        DUNSTRC.format(
            dmenu=root / "dmenu.sh",
            script=root / "record.sh",
            markup=f"    markup = {markup}\n" if markup else "",
        )
    )
    env = real_env()
    env.update(
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={socket}",
        XDG_RUNTIME_DIR=str(runtime),
        HOME=str(root),
        XDG_CONFIG_HOME=str(root / "config"),
    )
    env.pop("DISPLAY", None)
    procs: list[subprocess.Popen] = []
    logs = (root / "desktop.log").open("ab")
    try:
        xvfb, display = _start_xvfb(env, logs)
        procs.append(xvfb)
        env["DISPLAY"] = f":{display}"
        procs.append(
            subprocess.Popen(
                ["dbus-daemon", "--config-file", str(root / "bus.conf"), "--nofork"],
                env=env,
                stdout=logs,
                stderr=logs,
            )
        )
        _wait_for(lambda: _accepting(socket), "the private D-Bus socket")
        procs.append(
            subprocess.Popen(
                ["dunst", "-config", str(root / "dunstrc")], env=env, stdout=logs, stderr=logs
            )
        )
        _wait_for(lambda: _dunst_up(env), "dunst on the private bus")
        yield Desktop(root, env, procs)
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        logs.close()


@contextlib.contextmanager
def private_bus(root: Path) -> Iterator[str]:
    """Just a dbus-daemon with a socket in `root`; yields its address."""
    root.mkdir(parents=True, exist_ok=True)
    socket = root / "bus.sock"
    (root / "bus.conf").write_text(BUS_CONFIG.format(socket=socket))
    proc = subprocess.Popen(
        ["dbus-daemon", "--config-file", str(root / "bus.conf"), "--nofork"],
        env=real_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _accepting(socket), "the private D-Bus socket")
        yield f"unix:path={socket}"
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def _dunst_up(env: dict[str, str]) -> bool:
    done = subprocess.run(
        ["dunstctl", "is-paused"], env=env, capture_output=True, text=True, timeout=5
    )
    return done.returncode == 0 and done.stdout.strip() in ("true", "false")
