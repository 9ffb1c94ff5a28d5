"""The check-in lifecycle as processes see it: one claim per (day, check-in) in the database,
a dead owner's claim taken over, pause and resume on one day, where audio is kept."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest

from microalign.adapters import owner
from microalign.adapters.paths import resolve
from microalign.adapters.store import CLAIM_BUSY, CLAIM_NEW, CLAIM_RESUMED, CLAIM_SETTLED


def _rows(sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(resolve().database) as conn:
        return conn.execute(sql, params).fetchall()


def test_goals_pause_and_resume_same_day_answer_counts_for_streak(cli_process):
    assert cli_process("goals", "add", "Smile at one person").code == 0
    assert cli_process("goals", "pause", "1").code == 0
    assert cli_process("goals", "resume", "1").code == 0
    done = cli_process("checkin", "evening", "--text", stdin="yes\n\n\n\n")
    assert done.code == 0, done.err
    goal = json.loads(cli_process("status", "--json").out)["goals"][0]
    assert (goal["today"], goal["streak"]) == ("kept", 1)


def test_checkin_typed_leaves_no_audio_folder(cli_process, home):
    cli_process("goals", "add", "Smile at one person")
    assert cli_process("checkin", "evening", "--text", stdin="yes\nfine\n\n\n").code == 0
    audio = resolve().audio_dir
    assert not audio.exists() or list(audio.iterdir()) == []


def test_store_claim_second_owner_alive_is_busy_dead_is_taken_over(app):
    day = date(2026, 11, 20)
    store = app.store
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        other = owner.owner_of(sleeper.pid)
        first = store.claim_checkin("evening", day, "text", owner=other)
        assert first.outcome == CLAIM_NEW
        busy = store.claim_checkin("evening", day, "daemon", owner=owner.me())
        assert (busy.outcome, busy.checkin_id, busy.holder) == (
            CLAIM_BUSY,
            first.checkin_id,
            other,
        )
    finally:
        sleeper.kill()
        sleeper.wait()
    taken = store.claim_checkin("evening", day, "daemon", owner=owner.me())
    assert (taken.outcome, taken.checkin_id) == (CLAIM_RESUMED, first.checkin_id)
    store.finish_checkin(taken.checkin_id, "done")
    again = store.claim_checkin("evening", day, "daemon", owner=owner.me())
    assert again.outcome == CLAIM_SETTLED
    assert _rows("SELECT status, owner FROM checkins") == [("done", None)]


def test_store_reap_dead_claims_marks_interrupted(app):
    day = date(2026, 11, 20)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    )
    ghost = f"{owner.me().split(':')[0]}:{dead.stdout.strip()}:1"
    claim = app.store.claim_checkin("morning", day, "text", owner=ghost)
    live = app.store.claim_checkin("evening", day, "text", owner=owner.me())
    reaped = app.store.reap_dead_claims()
    assert [r.id for r in reaped] == [claim.checkin_id]
    assert app.store.checkin_status(day, "morning") == "interrupted"
    assert app.store.checkin_status(day, "evening") == "running"
    assert live.outcome == CLAIM_NEW


def test_store_one_running_row_per_checkin_enforced_by_database(app):
    day = date(2026, 11, 20)
    app.store.claim_checkin("evening", day, "text", owner=owner.me())
    try:
        app.store.conn.execute(
            "INSERT INTO checkins(name, day, status) VALUES ('evening', ?, 'running')",
            (day.isoformat(),),
        )
    except sqlite3.IntegrityError:
        return
    raise AssertionError("a second running row for one check-in was accepted")


def _typed_checkin(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "microalign", "checkin", *args, "--text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def _read_until(proc: subprocess.Popen, marker: str, timeout: float = 30) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, seen
        char = proc.stdout.read(1)
        assert char, f"process ended before {marker!r}: {seen}"
        seen += char
    return seen


def test_checkin_killed_typed_is_taken_over_and_resumed_once(cli_process):
    cli_process("goals", "add", "Smile at one person")
    first = _typed_checkin("evening")
    _read_until(first, "Did you smile at one person today")
    first.stdin.write("yes\n")
    first.stdin.flush()
    _read_until(first, "How did it feel")
    first.send_signal(signal.SIGKILL)
    first.wait()
    first.stdout.close()
    first.stderr.close()
    first.stdin.close()
    assert _rows("SELECT status FROM checkins") == [("running",)]

    second = cli_process("checkin", "evening", "--text", stdin="proud\n\n\n")
    assert second.code == 0, second.err
    assert "Did you smile" not in second.out
    assert _rows("SELECT id, status, owner FROM checkins") == [(1, "done", None)]
    steps = [s for (s,) in _rows("SELECT step FROM answers ORDER BY id")]
    assert steps.count("goal:1") == 1 and steps.count("feeling") == 1


@pytest.mark.parametrize(
    "damaged",
    # the answers' index: hit at the first answer; milestones: only after the whole dialogue
    ["idx_answers_checkin_id_step", "idx_milestones_key"],
)
def test_checkin_damaged_database_refused_before_first_question(cli_process, damaged):
    cli_process("goals", "add", "Smile at one person")
    cli_process("checkin", "morning", "--text", stdin="be kind\n")
    database = resolve().database
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (damaged,)
        ).fetchone()
    with open(database, "r+b") as raw:  # garbage over the page header and its cells
        raw.seek((root - 1) * page_size)
        raw.write(b"\xff" * 64)
    before = database.read_bytes()
    result = cli_process("checkin", "evening", "--text", stdin="yes\nfine\n\n\n")
    assert result.code == 4, result.err
    assert "damaged" in result.err and str(database) in result.err
    assert ">" not in result.out  # not a single question asked
    assert database.read_bytes() == before
