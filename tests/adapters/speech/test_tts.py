"""Pyttsx3Speaker.synthesise against the races of pyttsx3's asynchronous espeak driver.

Each test runs the speaker in a fresh process (tts_child.py), since pyttsx3 keeps one engine
per process and espeak-ng is initialised once per process. The faults put pyttsx3 or espeak
into the state a race leaves them in; each prompt must then still have audio whose length
matches the configured rate (espeak-ng's own rendering of the same text is the reference).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import wave

import pytest

from microalign.i18n import KO
from tests.harness import TTS_CHILD

CHILD = TTS_CHILD
RATE = 120  # far from espeak's default (175) and the driver's (200)
# espeak renders a text a little differently each time (about 1 %); a rate of 150, 175 or
# 200 wpm instead of 120 changes the length by 20 % or more.
TOLERANCE = 0.08
PROMPTS = (
    KO.t("say.greeting_evening"),
    KO.t("say.feeling_prompt"),
    KO.t("say.goodbye"),
    KO.t("say.skip_reason"),
)
# Nearly two minutes of speech: espeak needs 150 ms or more for it, over ten times as long as
# an engine's first runAndWait waits, and long enough for a cancel to catch it.
LONG_PROMPT = " ".join((KO.t("say.greeting_morning"), *KO.intention_prompts, *KO.extra_prompts) * 5)


@pytest.fixture(scope="module")
def reference_frames(tmp_path_factory):
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (apt install espeak-ng)")
    folder = tmp_path_factory.mktemp("tts-ref")
    made: dict[str, int] = {}

    def frames(text: str) -> int:
        if text not in made:
            out = folder / f"ref{len(made)}.wav"
            subprocess.run(
                ["espeak-ng", "-v", KO.voice, "-s", str(RATE), "-w", str(out), text], check=True
            )
            with wave.open(str(out)) as w:
                made[text] = w.getnframes()
        return made[text]

    return frames


def synthesise_in_fresh_process(texts: list[str], fault: str = "none") -> dict:
    spec = {"mode": "ours", "voice": KO.voice, "rate": RATE, "texts": texts, "fault": fault}
    done = subprocess.run(
        [sys.executable, str(CHILD), json.dumps(spec)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_audio_at_rate(result: dict, texts: list[str], reference_frames) -> None:
    assert result["errors"] == [None] * len(texts), result["errors"]
    for text, frames in zip(texts, result["frames"], strict=True):
        ratio = frames / reference_frames(text)
        assert abs(ratio - 1) <= TOLERANCE, (text, frames, reference_frames(text))


def test_synthesise_fresh_process_all_prompts_have_audio_at_rate(reference_frames):
    texts = [LONG_PROMPT, *PROMPTS, *PROMPTS]
    result = synthesise_in_fresh_process(texts)
    assert_audio_at_rate(result, texts, reference_frames)
    assert result["retries"] == 0


def test_synthesise_slow_end_of_utterance_prompts_have_audio_at_rate(reference_frames):
    texts = list(PROMPTS)
    result = synthesise_in_fresh_process(texts, fault="slow-end")
    assert_audio_at_rate(result, texts, reference_frames)
    assert result["retries"] == 0


def test_synthesise_espeak_busy_at_first_stop_prompts_have_audio_at_rate(reference_frames):
    texts = [LONG_PROMPT, LONG_PROMPT, PROMPTS[0]]
    result = synthesise_in_fresh_process(texts, fault="busy-at-stop")
    assert_audio_at_rate(result, texts, reference_frames)
    assert result["retries"] == 0


def test_synthesise_dropped_rate_change_retried_at_configured_rate(reference_frames):
    texts = list(PROMPTS)
    result = synthesise_in_fresh_process(texts, fault="drop-rate")
    assert_audio_at_rate(result, texts, reference_frames)
    assert result["retries"] == 1


def test_synthesise_other_engine_destroyed_prompts_still_have_audio(reference_frames):
    texts = list(PROMPTS)
    result = synthesise_in_fresh_process(texts, fault="other-engine")
    assert_audio_at_rate(result, texts, reference_frames)


def test_tts_korean_speaker_reads_the_hour_in_native_numbers():
    from microalign.adapters.speech.tts import make_voice_speaker
    from microalign.config import Config

    speaker = make_voice_speaker(Config(), KO)
    try:
        assert speaker.spoken("오후 9시 20분에") == "오후 아홉 시 20분에"
    finally:
        speaker.close()
