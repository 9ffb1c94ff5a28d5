"""The real voice speech (pyttsx3/espeak-ng, PortAudio, Vosk) for a check-in process,
logging what it says and when the microphone starts recording to
MICROALIGN_TEST_SPEECH_LOG (the scripted speech's log format), so that a test in another
process can answer into the virtual microphone and interrupt at a chosen prompt.

Composed into the CLI or a check-in process by harness/composed.py (`logged_voice`).
"""

from __future__ import annotations

from microalign.adapters.speech import audio
from microalign.service.compose import make_listener, make_speaker
from tests.harness.scripted import _log


class LoggedSpeaker:
    """The voice speaker; each prompt is logged just before it is spoken."""

    def __init__(self, voice) -> None:
        self.voice = voice

    def say(self, text: str) -> None:
        _log("say", text=text)
        self.voice.say(text)

    def chime(self) -> None:
        _log("chime")
        self.voice.chime()

    def close(self) -> None:
        self.voice.close()


def _log_recording() -> None:
    start = audio.Microphone.start

    def started(microphone: audio.Microphone) -> None:
        start(microphone)
        _log("recording")  # speech played into the microphone from now on is heard

    audio.Microphone.start = started  # type: ignore[method-assign]


def make(config, pack, paths):
    _log_recording()
    speaker = LoggedSpeaker(make_speaker("voice", config, pack))
    return speaker, make_listener("voice", config, pack, paths)
