"""The check-in lifecycle between the real daemon process, its check-in process and the
CLI: each check-in is done exactly once, a dead check-in process is retried once and then
offered as missed, and what the user asked (snooze) survives a restart."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
    write_config,
)
from tests.harness.process import DaemonProcess, children
from tests.harness.scripted import HANG, events

from .test_process import _evening_now


def _wait(condition, what: str, daemon: DaemonProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}; daemon log:\n{_log_tail(daemon)}"
        assert daemon.proc.poll() is None, f"daemon exited; log:\n{_log_tail(daemon)}"
        time.sleep(0.05)


def _log_tail(daemon: DaemonProcess) -> str:
    lines = [line for line in daemon.text().splitlines() if "sd_notify" not in line]
    return "\n".join(lines[-40:])


def _checkins() -> list[tuple]:
    with sqlite3.connect(resolve().database) as conn:
        return conn.execute("SELECT name, status, owner FROM checkins ORDER BY id").fetchall()


def _shared_answers(tmp_path: Path, answers: list[str]) -> tuple[dict[str, str], Path]:
    queue = tmp_path / "answers.json"
    queue.write_text(json.dumps(answers))
    log = tmp_path / "speech.jsonl"
    return {
        "MICROALIGN_TEST_ANSWERS_FILE": str(queue),
        "MICROALIGN_TEST_SPEECH_LOG": str(log),
    }, log


def _has(log: Path, event: str, count: int = 1) -> bool:
    return sum(e["event"] == event for e in events(log)) >= count


class _Typed:
    """A typed check-in's listener: the answers, in order."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers

    def listen(self, request):
        from microalign.ports.speech import Heard

        return Heard(self.answers.pop(0))

    def close(self) -> None:
        pass


def _when(condition, then) -> threading.Thread:
    """Run `then` once `condition()` holds (watched beside the daemon's event loop)."""

    def watch() -> None:
        deadline = time.monotonic() + 60
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.02)
        then()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_daemon_checkin_done_typed_while_model_preloads_starts_nothing(home, tmp_path, monkeypatch):
    """A typed check-in finishes it while the daemon's check-in process loads the
    model ahead of it: at its time the daemon says nothing and starts no check-in."""
    from microalign.adapters.speech.terminal import TerminalSpeaker
    from microalign.app.checkin import run_checkin
    from microalign.app.context import App

    log = scripted_speech(monkeypatch, tmp_path, ["daemon answer"] * 5)
    gate = tmp_path / "gate"
    monkeypatch.setenv("MICROALIGN_TEST_PRELOAD_GATE", str(gate))
    write_config(resolve(), checkins_toml("07:30"))
    day = datetime(2026, 5, 4, 7, 29, 52)
    daemon = make_daemon(clock=clock_at(day), preload_seconds=5)
    due = datetime(2026, 5, 4, 7, 30, 1, tzinfo=daemon.clock.zone())

    def typed_then_open_gate() -> None:
        app = App(resolve())
        try:
            listener = _Typed(["calm", "small win", "nothing"] * 3)
            run_checkin(app, "morning", TerminalSpeaker(), listener, day=day.date())
        finally:
            app.close()
            gate.touch()

    typed = _when(lambda: _has(log, "preload_waiting"), typed_then_open_gate)
    asyncio.run(drive(daemon, lambda: daemon.clock.now() >= due, timeout=60, settle=0.5))
    typed.join()
    seen = [e["event"] for e in events(log)]
    assert "preload_waiting" in seen and not {"say", "heard"} & set(seen)
    assert events_of(daemon, "started") == []
    assert _checkins() == [("morning", "done", None)]


def test_daemon_checkin_not_preloaded_greets_while_model_loads(home, tmp_path, monkeypatch):
    """Too late to load the model ahead (the check-in is due): the greeting is spoken while
    it loads; the first answer waits for it."""
    log = scripted_speech(monkeypatch, tmp_path, ["steady"])
    gate = tmp_path / "gate"
    monkeypatch.setenv("MICROALIGN_TEST_PRELOAD_GATE", str(gate))
    write_config(resolve(), checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)))
    spoken = _when(lambda: _has(log, "say"), gate.touch)  # the model loads until then
    asyncio.run(drive(daemon, lambda: events_of(daemon, "done"), timeout=60))
    spoken.join()
    seen = [e["event"] for e in events(log)]
    assert seen.index("say") < seen.index("preload") < seen.index("heard")
    assert seen.count("preload") == 1


def test_daemon_checkin_process_killed_is_retried_and_resumes(home, tmp_path):
    _evening_now(resolve())
    env, log = _shared_answers(tmp_path, ["calm and steady", HANG, "traffic"])
    daemon = DaemonProcess(tmp_path, env, speech="scripted")
    try:
        _wait(lambda: _has(log, "hang"), "check-in never reached the hang", daemon)
        (worker,) = children(daemon.proc.pid)  # killed as the OOM killer would
        subprocess.run(["kill", "-KILL", str(worker)], check=True)
        _wait(lambda: _checkins()[-1][1] == "done", "not resumed to done", daemon)
        daemon.proc.send_signal(signal.SIGTERM)
        assert daemon.wait() == 0
    finally:
        daemon.kill()
    said = [e["text"] for e in events(log) if e["event"] == "say"]
    assert said.count("How did it feel?") == 1  # answered steps are not asked again
    assert "What got in your way today?" in said
    assert _checkins() == [("evening", "done", None)]
    text = daemon.text()
    assert "The evening check-in failed" in text and "Traceback" not in text
    with SqliteStore.open(resolve().database) as store:
        steps = [r["step"] for r in store.rows("SELECT step FROM answers ORDER BY id")]
    assert steps == ["feeling", "extra:0", "extra:1"]


def test_daemon_checkin_process_killed_twice_offers_missed_and_frees_claim(home, tmp_path):
    _evening_now(resolve())
    env, log = _shared_answers(tmp_path, ["calm and steady", HANG, HANG])
    daemon = DaemonProcess(tmp_path, env, speech="scripted")
    try:
        for attempt in (1, 2):
            _wait(lambda n=attempt: _has(log, "hang", n), f"no hang {attempt}", daemon)
            (worker,) = children(daemon.proc.pid)
            subprocess.run(["kill", "-KILL", str(worker)], check=True)
        _wait(lambda: "Evening review missed" in daemon.text(), "no missed notice", daemon)
        time.sleep(1)  # nothing else may start
        daemon.proc.send_signal(signal.SIGTERM)
        assert daemon.wait() == 0
    finally:
        daemon.kill()
    assert sum(e["event"] == "hang" for e in events(log)) == 2
    assert "It stopped because of an error" in daemon.text()
    assert "Start now | Snooze 15 min | Skip today" in daemon.text()
    assert _checkins() == [("evening", "interrupted", None)], daemon.text()[-4000:]


def test_daemon_snooze_survives_restart(home, tmp_path, monkeypatch):
    """A 15-minute snooze still holds after a restart 10 minutes later."""
    scripted_speech(monkeypatch, tmp_path, ["calm"] * 5)
    write_config(resolve(), checkins_toml("07:30", grace=120))
    key_day = datetime(2026, 5, 4)
    with SqliteStore.open(resolve().database) as store:
        store.record_checkin(key_day.date() - timedelta(days=1), "morning", "done")
    key = (key_day.date(), "morning")

    first = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 40)), preload_seconds=0)

    async def snooze_then_stop() -> int:
        async def act() -> None:
            while not first.fired:
                await asyncio.sleep(0.02)
            first.act(key, "snooze")

        asyncio.get_running_loop().create_task(act())
        return await drive(first, lambda: (key, "action:snooze") in first.fired, timeout=20)

    # The first daemon finds the check-in due but the user away; the user snoozes it.
    first.presence = _Away()
    assert asyncio.run(snooze_then_stop()) == 0

    second = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 50)), preload_seconds=0)
    assert asyncio.run(drive(second, lambda: True, settle=1.0)) == 0
    assert events_of(second, "started") == []
    upcoming = second.next_occurrence()
    assert upcoming is not None and upcoming.key == key
    expected = clock_at(datetime(2026, 5, 4, 7, 55)).now()
    assert abs((upcoming.at - expected).total_seconds()) < 60


class _Away:
    async def start(self, on_change, on_resume) -> None:
        return None

    async def is_present(self) -> bool:
        return False

    async def close(self) -> None:
        return None


def test_daemon_checkin_sooner_than_preload_time_loads_speech_at_once(home, tmp_path, monkeypatch):
    """Started 8 s before a check-in it would preload 60 s ahead: loading starts at once,
    so the model is ready before the check-in is due."""
    log = scripted_speech(monkeypatch, tmp_path, ["steady"])
    write_config(resolve(), checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 29, 52)), preload_seconds=60)
    asyncio.run(drive(daemon, lambda: events_of(daemon, "done"), timeout=60))
    due = daemon.clock.to_real(datetime(2026, 5, 4, 5, 30, tzinfo=UTC)).timestamp()
    loaded = [e["t"] for e in events(log) if e["event"] == "preload"]
    assert len(loaded) == 1 and loaded[0] < due
