"""The systemd user unit passes `systemd-analyze verify` and asks for what the daemon does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import UNIT_FILE
from tests.harness.unitfile import service_settings

NEEDS_SYSTEMD = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd is not installed"
)
UNIT = UNIT_FILE


def _service_section() -> dict[str, list[str]]:
    return service_settings(UNIT)


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


def test_unit_file_hardening_settings_present():
    service = _service_section()
    expected = {
        # systemd 252 user managers need it spelled out, or the unit fails (218/CAPABILITIES).
        "PrivateUsers": "yes",
        "ProtectHome": "read-only",
        "ProtectKernelLogs": "yes",
        "ProtectClock": "yes",
        "ProtectHostname": "yes",
        "CapabilityBoundingSet": "",
        "KeyringMode": "private",
        "LockPersonality": "yes",
        "RestrictRealtime": "yes",
        "SystemCallErrorNumber": "EPERM",
    }
    assert {key: service.get(key) for key in expected} == {k: [v] for k, v in expected.items()}
    assert service["SystemCallFilter"] == ["@system-service", "~@privileged"]
    # The read-only home would refuse to create it inside the sandbox.
    assert service["ExecStartPre"] == ["+/bin/mkdir -p %h/.local/share/microalign"]


def test_unit_file_settings_that_break_speech_left_out():
    # Reasons in the unit's comments; tests/service/test_unit_sandbox.py shows the first.
    service = _service_section()
    for key in ("MemoryDenyWriteExecute", "ProtectProc", "ProcSubset", "PrivateNetwork"):
        assert key not in service, key


def _user_environment(tmp_path: Path) -> dict[str, str]:
    """A home where microalign is installed, as verify checks that ExecStart exists."""
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
    return dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime))


@NEEDS_SYSTEMD
def test_unit_file_systemd_analyze_verify_passes(tmp_path):
    done = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(UNIT)],
        env=_user_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "microalign.service" not in done.stderr, done.stderr


@NEEDS_SYSTEMD
def test_unit_file_security_offline_exposure_at_most_1_9(tmp_path):
    # Computed from the unit file alone, so it is the same on every run; it must not creep
    # back up (without the syscall filter and the other sandbox settings it was 6.6).
    done = subprocess.run(
        ["systemd-analyze", "--user", "security", "--offline=true", "--no-pager", str(UNIT)],
        env=_user_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    found = re.search(r"Overall exposure level for microalign\.service: (\d+\.\d)", done.stdout)
    assert found, done.stdout
    assert float(found.group(1)) <= 1.9, done.stdout
