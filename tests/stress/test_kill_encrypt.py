"""SIGKILL `microalign encrypt` and `microalign decrypt` at random moments, half of the kills
each. After every kill the store opens with the key it has, passes PRAGMA integrity_check and
holds every answer and every recording it held before; a rerun finishes the conversion."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import wave
from datetime import date, timedelta
from pathlib import Path

import pytest

from microalign.adapters.crypto import audiofile, keys
from microalign.adapters.paths import resolve
from microalign.adapters.speech.audio import read_speech_wav
from microalign.adapters.store import SqliteStore, now_iso

PASSPHRASE = "stress passphrase"
DAYS, GOALS, RECORDINGS = 400, 3, 24


@pytest.fixture
def env(home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv(keys.PASSPHRASE_ENV, PASSPHRASE)
    return os.environ.copy()


def fill(data_dir: Path) -> tuple[set, dict[Path, bytes]]:
    """Answers over DAYS days and RECORDINGS plain WAVs; returns what must survive."""
    store = SqliteStore.open(data_dir / "microalign.db", ["courage"])
    start = date(2026, 11, 11) - timedelta(days=DAYS)
    with store.conn as conn:
        for g in range(GOALS):
            conn.execute(
                "INSERT INTO goals(text, value, weekdays, state, created_on, created_at) "
                "VALUES (?, 'courage', '0123456', 'active', ?, ?)",
                (f"Goal {g}", start.isoformat(), now_iso()),
            )
        for n in range(DAYS):
            day = (start + timedelta(days=n)).isoformat()
            cur = conn.execute(
                "INSERT INTO checkins(name, day, status, source, started_at, finished_at) "
                "VALUES ('evening', ?, 'done', 'text', ?, ?)",
                (day, now_iso(), now_iso()),
            )
            for g in range(GOALS):
                conn.execute(
                    "INSERT INTO answers(checkin_id, step, goal_id, prompt, kind, text, outcome, "
                    "status, created_at) VALUES (?, ?, ?, 'Did you?', 'choice', ?, 'kept', "
                    "'final', ?)",
                    (cur.lastrowid, f"goal:{g + 1}", g + 1, f"yes on {day} for {g}", now_iso()),
                )
    expected = _answers(store)
    store.close()
    rng = random.Random(7)
    recordings = {}
    for n in range(RECORDINGS):
        path = data_dir / "audio" / f"2026-11-{1 + n % 9:02d}" / f"evening-{n}-feeling.wav"
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        pcm = rng.randbytes(16000 * 2 // 2)  # half a second
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(16000)
            wav.writeframes(pcm)
        recordings[path] = pcm
    return expected, recordings


def _answers(store: SqliteStore) -> set:
    return {
        (r["checkin_id"], r["step"], r["text"])
        for r in store.rows("SELECT checkin_id, step, text FROM answers")
    }


def check(data_dir: Path, expected: set, recordings: dict[Path, bytes]) -> None:
    """The store opens with the key it has (none, or the passphrase's), is intact, and holds
    every answer and recording."""
    key = keys.unlock(data_dir)
    audiofile.use_key(key.audio if key else None)
    try:
        store = SqliteStore.open(data_dir / "microalign.db", key=key.database if key else None)
        try:
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert _answers(store) == expected
        finally:
            store.close()
        for path, pcm in recordings.items():
            assert read_speech_wav(path) == pcm, path
    finally:
        audiofile.use_key(None)


def start(command: str, env: dict[str, str]) -> subprocess.Popen:
    args = ["encrypt", "--with", "passphrase"] if command == "encrypt" else ["decrypt"]
    return subprocess.Popen(
        [sys.executable, "-m", "microalign", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def finish(command: str, env: dict[str, str]) -> float:
    """Run `command` to its end; returns how long it took (to choose kill moments)."""
    began = time.monotonic()
    proc = start(command, env)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode(errors="replace")
    return time.monotonic() - began


# Each process has its own time limit below; a large run (MICROALIGN_STRESS=large) takes
# far longer than the suite's default limit.
@pytest.mark.timeout(3600)
def test_kill_encrypt_decrypt_at_random_moments_store_whole(env, kills):
    data_dir = resolve().data_dir
    expected, recordings = fill(data_dir)
    # One whole run each way: how long a conversion takes here, start-up included.
    spans = {"encrypt": finish("encrypt", env), "decrypt": finish("decrypt", env)}
    check(data_dir, expected, recordings)
    rng = random.Random(int(os.environ.get("MICROALIGN_STRESS_SEED", "18")))
    killed = {"encrypt": 0, "decrypt": 0}
    runs = 0
    # Each trial starts from the whole store the command converts (the rerun that gets it
    # there finishes the conversion the previous kill interrupted), so kills land anywhere
    # in a whole run: start-up, key, database, recordings, journal.
    while min(killed.values()) < kills["convert"] and runs < 6 * kills["convert"]:
        command = min(killed, key=lambda c: killed[c])
        other = "decrypt" if command == "encrypt" else "encrypt"
        spans[other] = finish(other, env)  # the load of a shared machine changes: follow it
        check(data_dir, expected, recordings)
        runs += 1
        began = time.monotonic()
        proc = start(command, env)
        time.sleep(rng.uniform(0, spans[command]))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed[command] += 1
        else:
            spans[command] = time.monotonic() - began  # a whole run, faster than the last
        proc.communicate(timeout=60)
        check(data_dir, expected, recordings)
    assert min(killed.values()) >= kills["convert"], killed
    for command in ("encrypt", "decrypt"):
        finish(command, env)
        check(data_dir, expected, recordings)
        database = (data_dir / "microalign.db").read_bytes()[:16]
        assert database.startswith(b"SQLite format 3") is (command == "decrypt")
    assert not any(p.name.endswith(".converting") for p in data_dir.rglob("*"))
    assert not (data_dir / "key.json").exists()
    print(
        f"\nconvert: {runs} runs, SIGKILLed: {killed}; "
        f"whole runs took {spans['encrypt']:.2f} s / {spans['decrypt']:.2f} s"
    )
