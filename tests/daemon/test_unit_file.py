"""The systemd user unit passes `systemd-analyze verify` and asks for what the daemon does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[2] / "systemd" / "microalign.service"


def _service_section() -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    section = None
    for line in UNIT.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def test_unit_file_notify_watchdog_reload_restart():
    service = _service_section()
    assert service["Type"] == ["notify"]
    assert service["ExecStart"] == ["%h/.local/bin/microalign run"]
    assert service["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert service["Restart"] == ["on-failure"]
    assert int(service["WatchdogSec"][0]) > 0
    assert service["NoNewPrivileges"] == ["yes"]
    assert service["ProtectSystem"] == ["strict"]
    assert "%h/.local/share/microalign" in service["ReadWritePaths"][0]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_unit_file_systemd_analyze_verify_passes(tmp_path):
    # verify checks that ExecStart exists: give it a home where microalign is installed.
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    script = Path(sys.executable).with_name("microalign")
    target = home / ".local" / "bin" / "microalign"
    if script.exists():
        target.symlink_to(script)
    else:
        target.write_text(f'#!/bin/sh\nexec {sys.executable} -m microalign "$@"\n')
        target.chmod(0o755)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
    done = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(UNIT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "microalign.service" not in done.stderr, done.stderr
