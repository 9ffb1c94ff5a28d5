"""The real daemon process (`python -m microalign run`): readiness and watchdog over a
real sd_notify socket, SIGHUP, SIGTERM, one daemon per user, and kill -9 mid check-in."""

from __future__ import annotations

import json
import signal
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from tests.harness.daemon import checkins_toml, write_config
from tests.harness.process import DaemonProcess, children
from tests.harness.scripted import HANG, events


@pytest.fixture
def start(home, tmp_path):
    started: list[DaemonProcess] = []

    def run(extra_env: dict[str, str] | None = None, speech: str | None = None) -> DaemonProcess:
        daemon = DaemonProcess(tmp_path, extra_env, speech=speech)
        started.append(daemon)
        return daemon

    yield run
    for daemon in started:
        daemon.kill()


def _later(hours: int) -> str:
    """A local HH:MM `hours` from now: far from any grace window, whatever the time."""
    return f"{datetime.now().astimezone() + timedelta(hours=hours):%H:%M}"


def _speech_env(tmp_path: Path, answers: list[str], name: str) -> tuple[dict[str, str], Path]:
    log = tmp_path / f"speech-{name}.jsonl"
    return {
        "MICROALIGN_TEST_ANSWERS": json.dumps(answers),
        "MICROALIGN_TEST_SPEECH_LOG": str(log),
    }, log


def test_run_ready_watchdog_status_then_sigterm_exits_0(start):
    write_config(resolve(), checkins_toml(_later(3), _later(6)))
    daemon = start()
    ready = daemon.notify.wait_for("READY", "1")
    assert ready["STATUS"].startswith("next check-in: ")
    daemon.notify.wait_for("WATCHDOG", "1")
    assert resolve().database.exists()  # READY only once the store is open
    daemon.proc.send_signal(signal.SIGTERM)
    daemon.notify.wait_for("STOPPING", "1")
    assert daemon.wait() == 0


def test_run_sighup_reloads_valid_and_keeps_old_on_invalid(start):
    paths = resolve()
    write_config(paths, checkins_toml(_later(3), _later(6)))
    daemon = start()
    daemon.notify.wait_for("READY", "1")
    write_config(paths, '[schedule]\ngrace_minutes = "soon"\n[speech]\nrate = 9999\n')
    daemon.proc.send_signal(signal.SIGHUP)
    daemon.notify.wait_for("RELOADING", "1")
    daemon.notify.wait_for("READY", "1")
    morning = _later(4)
    write_config(paths, checkins_toml(morning))
    daemon.proc.send_signal(signal.SIGHUP)
    daemon.notify.wait_for("RELOADING", "1")
    reloaded = daemon.notify.wait_for("READY", "1")
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.wait() == 0
    log = daemon.text()
    assert "New configuration ignored, keeping the old one" in log
    assert "schedule.grace_minutes" in log and "speech.rate" in log
    assert "Configuration reloaded" in log
    assert reloaded["STATUS"].startswith(f"next check-in: morning at {morning}")


def test_run_second_daemon_refused_with_clear_message(start):
    write_config(resolve(), checkins_toml(_later(3)))
    first = start()
    first.notify.wait_for("READY", "1")
    second = start()
    assert second.wait() == 7
    assert "The microalign daemon is already running" in second.text()
    first.proc.send_signal(signal.SIGTERM)
    assert first.wait() == 0


def test_run_invalid_config_exits_3_without_creating_data(start):
    write_config(resolve(), "[schedule.morning]\ntime = '7:30'\n")
    daemon = start()
    assert daemon.wait() == 3
    assert "schedule.morning.time" in daemon.text()
    assert not resolve().database.exists()


def _evening_now(paths) -> datetime:
    """Configure only an evening check-in at the current minute: caught up right at start."""
    now = datetime.now().astimezone()
    if (now.hour, now.minute) == (23, 59):  # keep the day from changing under the test
        time.sleep(61 - now.second)
        now = datetime.now().astimezone()
    write_config(paths, checkins_toml(None, f"{now:%H:%M}"))
    return now


def _wait_gone(pid: int) -> None:
    deadline = time.monotonic() + 20
    while Path(f"/proc/{pid}").exists():
        try:
            if "State:\tZ" in Path(f"/proc/{pid}/status").read_text():
                return  # dead, waiting for a reaper (its parent is gone)
        except FileNotFoundError:
            return
        assert time.monotonic() < deadline, f"check-in process {pid} outlived the daemon"
        time.sleep(0.05)


def _hanging_checkin(start, tmp_path, answers):
    env, log = _speech_env(tmp_path, answers, "first")
    daemon = start(env, "scripted")
    deadline = time.monotonic() + 60
    while not any(e["event"] == "hang" for e in events(log)):
        assert time.monotonic() < deadline, daemon.text()
        time.sleep(0.05)
    return daemon


def test_run_sigterm_mid_checkin_saves_answers_and_exits_0(start, tmp_path):
    paths = resolve()
    now = _evening_now(paths)
    daemon = _hanging_checkin(start, tmp_path, ["all good", HANG])
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.wait() == 0
    assert "answers are saved and it resumes on restart" in daemon.text()
    assert "ERROR" not in daemon.text() and "Traceback" not in daemon.text()
    with SqliteStore.open(paths.database) as store:
        answers = store.rows("SELECT step, status FROM answers ORDER BY id")
        assert store.checkin_status(now.date(), "evening") == "interrupted"
    assert [(a["step"], a["status"]) for a in answers] == [
        ("feeling", "final"),
        ("extra:0", "pending"),
    ]


def test_run_killed_mid_checkin_keeps_answers_and_resumes(start, tmp_path):
    paths = resolve()
    now = _evening_now(paths)
    first = _hanging_checkin(start, tmp_path, ["calm and steady", HANG])
    checkin = children(first.proc.pid)
    assert len(checkin) == 1  # the check-in runs in its own process
    first.proc.send_signal(signal.SIGKILL)
    first.wait()
    _wait_gone(checkin[0])  # it does not outlive the daemon

    with SqliteStore.open(paths.database) as store:
        answers = store.rows("SELECT step, status, text, audio_path FROM answers ORDER BY id")
        status = store.checkin_status(now.date(), "evening")
    assert status == "interrupted"  # the check-in process released its claim
    assert [(a["step"], a["status"], a["text"]) for a in answers] == [
        ("feeling", "final", "calm and steady"),
        ("extra:0", "pending", None),
    ]
    # Stored relative to the data folder, so a copied folder reads its own recordings.
    assert all(not Path(a["audio_path"]).is_absolute() for a in answers)
    assert all((paths.data_dir / a["audio_path"]).stat().st_size > 44 for a in answers)

    env, second_log = _speech_env(tmp_path, ["traffic"], "second")
    second = start(env, "scripted")
    deadline = time.monotonic() + 60
    while not (
        Path(second_log).exists()
        and any(e["event"] == "listener_closed" for e in events(second_log))
    ):
        assert time.monotonic() < deadline, second.text()
        time.sleep(0.05)
    second.proc.send_signal(signal.SIGTERM)
    assert second.wait() == 0
    said = [e["text"] for e in events(second_log) if e["event"] == "say"]
    assert "How did it feel?" not in said
    assert "What is one small win from today?" not in said
    assert "What got in your way today?" in said
    with SqliteStore.open(paths.database) as store:
        steps = [r["step"] for r in store.rows("SELECT step FROM answers ORDER BY id")]
        assert store.checkin_status(now.date(), "evening") == "done"
    assert steps == ["feeling", "extra:0", "extra:1"]
