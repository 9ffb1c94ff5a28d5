"""SIGKILL the daemon, or its check-in process, at random moments of a check-in. Afterwards:
the database is intact, every acknowledged answer and its audio are kept once, and the
slot is done exactly once (resumed by the next daemon, or retried by the same one)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.harness.daemon import env_for_child
from tests.harness.process import DaemonProcess, children
from tests.harness.scripted import events

# More answers than questions: a kill can take one with it (said, never stored).
ANSWERS = [f"answer {n}" for n in range(8)]
PROMPTS = {
    "How did it feel?": "feeling",
    "What is one small win from today?": "extra:0",
    "What got in your way today?": "extra:1",
}
STEPS = sorted(PROMPTS.values())


class Setup:
    """A fresh data folder and config with an evening slot due now, and scripted speech."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True)
        self.root = root
        self.database = root / "data" / "microalign.db"
        config = root / "microalign.toml"
        now = datetime.now().astimezone()
        config.write_text(
            '[schedule.morning]\nenabled = false\ntime = "00:00"\n'
            f'[schedule.evening]\ntime = "{now:%H:%M}"\n'
        )
        queue = root / "answers.json"
        queue.write_text(json.dumps(ANSWERS))
        self.log = root / "speech.jsonl"
        self.env = {
            "MICROALIGN_CONFIG": str(config),
            "MICROALIGN_DATA_DIR": str(root / "data"),
            "MICROALIGN_SPEECH_FACTORY": "tests.harness.scripted:make",
            "MICROALIGN_TEST_ANSWERS_FILE": str(queue),
            "MICROALIGN_TEST_SPEECH_LOG": str(self.log),
            "MICROALIGN_TEST_ANSWER_DELAY": "0.15",
            "WATCHDOG_USEC": "60000000",  # nobody reads the sd_notify socket here
        }

    def daemon(self) -> DaemonProcess:
        return DaemonProcess(self.root, self.env)

    def count(self, event: str) -> int:
        return sum(e["event"] == event for e in events(self.log))

    def statuses(self) -> list[tuple]:
        if not self.database.exists():
            return []
        with sqlite3.connect(self.database) as conn:
            return conn.execute("SELECT status, owner FROM checkins").fetchall()

    def acknowledged(self) -> dict[str, str]:
        """Answers heard by a check-in process that then went on (said something next):
        the engine stores an answer before it speaks again."""
        found, asked = {}, {}
        log = events(self.log)
        for i, event in enumerate(log):
            if event["event"] == "say" and event["text"] in PROMPTS:
                asked[event["pid"]] = PROMPTS[event["text"]]
            if event["event"] != "heard":
                continue
            later = log[i + 1 :]
            if any(e["pid"] == event["pid"] and e["event"] == "say" for e in later):
                found[asked[event["pid"]]] = event["text"]
        return found


def _wait(condition, daemon: DaemonProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, daemon.text()[-3000:]
        time.sleep(0.02)


def _stop(daemon: DaemonProcess) -> None:
    daemon.notify.wait_for("READY", "1")  # SIGTERM before its handlers exist would kill it
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=30) == 0


def _check(setup: Setup, totals: dict[str, int]) -> None:
    with sqlite3.connect(setup.database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute(
            "SELECT step, text, audio_path FROM answers WHERE step NOT LIKE '%#unused' ORDER BY id"
        ).fetchall()
    stored = {step: (text, audio) for step, text, audio in rows}
    acked = setup.acknowledged()
    totals["acknowledged"] += len(acked)
    totals["lost"] += sum(stored.get(step, (None,))[0] != text for step, text in acked.items())
    totals["lost"] += sum(
        not (setup.database.parent / audio).is_file() for _, audio in stored.values() if audio
    )
    totals["duplicated"] += len(rows) - len(stored)
    totals["failed resumes"] += setup.statuses() != [("done", None)] or sorted(stored) != sorted(
        STEPS
    )


def _report(kind: str, kills: int, totals: dict[str, int]) -> None:
    figures = ", ".join(f"{v} {k}" for k, v in totals.items())
    print(f"\n{kind}: {kills} kills; {figures}")


def _totals() -> dict[str, int]:
    return {"acknowledged": 0, "lost": 0, "duplicated": 0, "failed resumes": 0}


@pytest.fixture(autouse=True)
def _children_import_tests(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", env_for_child()["PYTHONPATH"])


def _stress(tmp_path: Path, kind: str, count: int, kill) -> None:
    """`count` check-ins, each with a daemon started at its slot and `kill(setup, daemon,
    rng)` called once its check-in process is ready; kill returns the daemon that must
    finish the slot. Then every run is checked and the totals are printed."""
    rng = random.Random(int(os.environ.get("MICROALIGN_STRESS_SEED", "7")))
    totals = _totals()
    for n in range(count):
        setup = Setup(tmp_path / f"run-{n}")
        daemon = setup.daemon()
        _wait(lambda s=setup: s.count("preload") >= 1, daemon)
        finisher = kill(setup, daemon, rng)
        _wait(lambda s=setup: s.statuses() == [("done", None)], finisher)
        _stop(finisher)
        assert "Traceback" not in finisher.text()
        _check(setup, totals)
    _report(kind, count, totals)
    assert totals["lost"] == totals["duplicated"] == totals["failed resumes"] == 0


def test_stress_daemon_killed_at_random_next_daemon_resumes_once(home, tmp_path, kills):
    def kill_daemon(setup: Setup, daemon: DaemonProcess, rng: random.Random) -> DaemonProcess:
        time.sleep(rng.uniform(0, 0.6))  # somewhere in the check-in's three answers
        daemon.proc.send_signal(signal.SIGKILL)
        daemon.wait()
        return setup.daemon()  # the next daemon resumes it

    _stress(tmp_path, "daemon", kills["daemon"], kill_daemon)


def test_stress_worker_killed_at_random_daemon_retries_once(home, tmp_path, kills):
    def kill_worker(setup: Setup, daemon: DaemonProcess, rng: random.Random) -> DaemonProcess:
        time.sleep(rng.uniform(0, 0.3))  # the check-in takes at least 0.45 s
        workers = children(daemon.proc.pid)
        assert workers, "the check-in ended before the kill"
        subprocess.run(["kill", "-KILL", *map(str, workers)], check=False)
        return daemon  # the same daemon retries it

    _stress(tmp_path, "worker", kills["worker"], kill_worker)
