"""The `Speaker` contract, run against every implementation: say() returns once the whole
prompt has been delivered (played on the speaker, or shown), chime() and close() return."""

from __future__ import annotations

import io
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from microalign.adapters.speech.endpoint import frame_rms
from microalign.adapters.speech.terminal import TerminalSpeaker
from microalign.adapters.speech.tts import FallbackSpeaker, Pyttsx3Speaker
from microalign.i18n import KO
from microalign.ports.speech import Speaker

PROMPT = KO.t("say.greeting_evening")
LOUD = 500  # RMS of speech on the speaker sink; silence there is 0
# A prompt cannot be played faster than the sound card plays it (the null sink is real-time
# too); a speaker returning well before that has not waited for its playback.
PLAYED_SHARE = 0.8


@dataclass
class SpeakerCase:
    speaker: Speaker
    delivered: Callable[[], str]  # what reached the user so far: text, or "" and audio
    min_seconds: float = 0.0  # how long delivering PROMPT takes at the least
    audible: Callable[[], float] = field(default=lambda: 0.0)  # RMS on the speaker sink


def _voice_case(pulse, tmp_path, speaker: Speaker, voice: Pyttsx3Speaker) -> SpeakerCase:
    with wave.open(str(voice.synthesise(PROMPT))) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    recording = tmp_path / "speaker.raw"
    recorder = pulse.record_speaker(recording)
    time.sleep(0.3)  # parec is connected before the speaker plays

    def audible() -> float:
        time.sleep(0.3)  # what parec still buffers
        recorder.terminate()
        recorder.wait()
        return frame_rms(recording.read_bytes())

    return SpeakerCase(speaker, lambda: PROMPT, seconds, audible)


def _terminal(request, tmp_path) -> SpeakerCase:
    out = io.StringIO()
    return SpeakerCase(TerminalSpeaker(out), out.getvalue)


def _voice(request, tmp_path) -> SpeakerCase:
    pulse = request.getfixturevalue("pulse")
    voice = Pyttsx3Speaker(KO.voice, KO.rate)
    return _voice_case(pulse, tmp_path, voice, voice)


def _fallback_voice(request, tmp_path) -> SpeakerCase:
    pulse = request.getfixturevalue("pulse")
    voice = Pyttsx3Speaker(KO.voice, KO.rate)
    shown: list[str] = []
    case = _voice_case(pulse, tmp_path, FallbackSpeaker(voice, echo=shown.append), voice)
    case.delivered = lambda: PROMPT if not shown else "shown although it was spoken"
    return case


def _fallback_no_speaker(request, tmp_path) -> SpeakerCase:
    """The voice's output device is missing: the prompt is shown instead."""
    request.getfixturevalue("pulse")
    shown: list[str] = []
    voice = Pyttsx3Speaker(KO.voice, KO.rate, device="no such speaker")
    return SpeakerCase(FallbackSpeaker(voice, echo=shown.append), lambda: "\n".join(shown))


CASES = [
    pytest.param(_terminal, id="terminal"),
    pytest.param(_voice, id="voice", marks=pytest.mark.audio),
    pytest.param(_fallback_voice, id="fallback-voice", marks=pytest.mark.audio),
    pytest.param(_fallback_no_speaker, id="fallback-no-speaker", marks=pytest.mark.audio),
]


@pytest.fixture(params=CASES)
def case(request, tmp_path):
    made = request.param(request, tmp_path)
    yield made
    made.speaker.close()


def test_speaker_say_returns_after_whole_prompt_delivered(case):
    started = time.monotonic()
    assert case.speaker.say(PROMPT) is None
    took = time.monotonic() - started
    assert PROMPT in case.delivered()
    assert took >= PLAYED_SHARE * case.min_seconds, (took, case.min_seconds)
    if case.min_seconds:  # a voice: the prompt was played on the speaker
        assert case.audible() > LOUD


def test_speaker_chime_and_close_return_without_error(case):
    assert case.speaker.chime() is None
    assert case.speaker.close() is None
