"""A new English user's first spoken evening, as the README promises it: fresh data and
config folders, `microalign init --no-input`, one goal, then `microalign checkin evening`
(a real process: espeak-ng through PulseAudio, the virtual microphone, the recogniser the
program picks for English) stores the spoken answers; `doctor` names engine and model."""

from __future__ import annotations

import sqlite3
import subprocess
import time

import pytest

from microalign.adapters.paths import resolve
from microalign.i18n import EN
from tests.harness import composed
from tests.harness.daemon import env_for_child
from tests.harness.scripted import events

pytestmark = pytest.mark.audio

MODEL = "whisper-tiny.en"


def _speak_checkin(pulse, speech_wav, answers: dict[str, str], log) -> tuple[int, str]:
    """Run the spoken `checkin evening`, answering each prompt in `answers` once the
    microphone records after it; returns its exit code and standard error."""
    env = {"MICROALIGN_TEST_SPEECH_LOG": str(log)}
    proc = subprocess.Popen(
        composed.command("cli", "logged_voice", "checkin", "evening"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for_child(env),
    )
    players = []
    try:
        seen, last = 0, ""
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            found = events(log)
            for event in found[seen:]:
                if event["event"] == "say":
                    last = event["text"]
                if event["event"] == "recording" and last in answers:
                    wav = speech_wav(answers[last], voice=EN.voice)
                    players.append(pulse.say_into_mic(wav, 0.3))
            seen = len(found)
            time.sleep(0.02)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        for player in players:
            player.join()
    return proc.returncode, err


def test_fresh_english_user_init_then_spoken_evening_stores_answers(
    cli_process, home, pulse, speech_wav, tmp_path
):
    init = cli_process("init", "--no-input")
    assert init.code == 0, init.err
    assert "No English speech model" not in init.out + init.err
    assert cli_process("goals", "add", "Drink water").code == 0
    assert cli_process("goals", "add", "Take a walk").code == 0
    q = [EN.goal_phrase("Drink water"), EN.goal_phrase("Take a walk")]
    answers = {
        q[0]: "yes",
        q[1]: "no",
        EN.t("say.feeling_prompt"): "I felt happy",
        EN.extra_prompts[0]: "next",
        EN.extra_prompts[1]: "next",
    } | {EN.t("say.confirm", text=word): "yes" for word in ("yes", "no")}
    code, err = _speak_checkin(pulse, speech_wav, answers, tmp_path / "speech.jsonl")
    assert code == 0, err
    with sqlite3.connect(resolve().database) as conn:
        rows = conn.execute(
            "SELECT step, outcome, status, model FROM answers WHERE step GLOB 'goal:[0-9]'"
        ).fetchall()
        feeling = conn.execute("SELECT text FROM answers WHERE step = 'feeling'").fetchone()
    # An answer not understood at once is set aside (goal:N#unused) and asked again.
    assert sorted(rows) == [
        ("goal:1", "kept", "final", MODEL),
        ("goal:2", "missed", "final", MODEL),
    ], rows
    assert feeling is not None and "happy" in feeling[0].lower()
    doctor = cli_process("doctor")
    model_line = next(line for line in doctor.out.splitlines() if "model:" in line)
    assert model_line.startswith("[ok  ]") and f"{MODEL} (Whisper) for 'en'" in model_line
