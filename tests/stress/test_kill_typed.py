"""SIGKILL typed check-ins at random moments; the next run resumes. Afterwards: the
database is intact, every acknowledged answer is kept once, every day is done once."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest

from microalign.adapters.paths import resolve

GOALS = ("Smile at one person", "Drink a glass of water")
# Question text → (step, answer); free answers carry the day so a mix-up shows.
QUESTIONS = {
    "smile at one person": ("goal:1", "yes"),
    "drink a glass of water": ("goal:2", "partly"),
    "How did it feel?": ("feeling", "calm on {day}"),
    "What is one small win": ("extra:0", "a walk on {day}"),
    "What got in your way": ("extra:1", "rain on {day}"),
}


STARTED: list[Typed] = []  # stopped when the test ends, pass or fail


@pytest.fixture(autouse=True)
def _stop_typed():
    yield
    while STARTED:
        run = STARTED.pop()
        if run.proc.poll() is None:
            run.proc.kill()
        run.close()


class Typed:
    """One `microalign checkin evening --text --date DAY` process, driven prompt by prompt."""

    def __init__(self, day: date) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "microalign",
                "checkin",
                "evening",
                "--text",
                "--date",
                day.isoformat(),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=os.environ.copy(),
        )
        self.seen = b""
        STARTED.append(self)

    def next_question(self, timeout: float = 30) -> str | None:
        """Read until the next input prompt; returns the question text, None at the end."""
        start = len(self.seen)
        deadline = time.monotonic() + timeout
        while b"> " not in self.seen[start:]:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            assert time.monotonic() < deadline, self.seen.decode(errors="replace")
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    return None
                self.seen += chunk
        text = self.seen[start:].decode(errors="replace")
        for question in QUESTIONS:
            if question in text:
                return question
        raise AssertionError(f"unknown question: {text!r}")

    def answer(self, text: str) -> None:
        self.proc.stdin.write(text.encode() + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.close()

    def close(self) -> int:
        code = self.proc.wait(timeout=30)
        for stream in (self.proc.stdin, self.proc.stdout):
            if not stream.closed:
                stream.close()
        return code


def _run_day(day: date, rng: random.Random, budget: list[int], acked: dict) -> int:
    """Answer `day` to the end, killing runs at random while kills are left; returns runs."""
    runs = 0
    while True:
        runs += 1
        run = Typed(day)
        kill_after = rng.randrange(len(QUESTIONS)) if budget[0] > 0 else None
        question = run.next_question()
        given = 0
        while question is not None:
            step, answer = QUESTIONS[question]
            text = answer.format(day=day)
            run.answer(text)
            if kill_after == given:
                time.sleep(rng.uniform(0, 0.15))  # anywhere: before, during, after storing
                run.kill()
                budget[0] -= 1
                break
            question = run.next_question()  # the next prompt: the answer is acknowledged
            acked[(day.isoformat(), step)] = text
            given += 1
        else:
            assert run.close() == 0
            return runs


def test_stress_typed_checkins_killed_at_random_keep_every_answer_once(cli_process, kills):
    for text in GOALS:
        assert cli_process("goals", "add", text).code == 0
    database = resolve().database
    # Every run that may kill does (at most one day per kill): the days stay in the past.
    first_day = date.today() - timedelta(days=kills["typed"] + 5)
    with sqlite3.connect(database) as conn:  # goals that existed on every day stressed
        conn.execute("UPDATE goals SET created_on = ?", (first_day.isoformat(),))
    rng = random.Random(int(os.environ.get("MICROALIGN_STRESS_SEED", "7")))
    budget = [kills["typed"]]
    acked: dict[tuple[str, str], str] = {}
    day, runs, days = first_day, 0, 0
    while budget[0] > 0:
        runs += _run_day(day, rng, budget, acked)
        day += timedelta(days=1)
        days += 1

    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        checkins = conn.execute("SELECT day, status, owner FROM checkins").fetchall()
        answers = conn.execute(
            "SELECT c.day, a.step, a.text FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE a.step NOT LIKE '%#unused'"
        ).fetchall()
    stored = {}
    duplicates = 0
    for day_, step, text in answers:
        duplicates += (day_, step) in stored
        stored[(day_, step)] = text
    lost = [key for key, text in acked.items() if stored.get(key) != text]
    not_done = [c for c in checkins if c[1:] != ("done", None)]
    print(
        f"\ntyped: {kills['typed']} kills over {days} days, {runs} runs; "
        f"{len(acked)} answers acknowledged, {len(lost)} lost, {duplicates} duplicated, "
        f"{len(not_done)} check-ins not done once; integrity ok"
    )
    assert lost == [] and duplicates == 0
    assert not_done == [] and len(checkins) == days
    assert len(stored) == days * len(QUESTIONS)
