"""Spoken prompts: pyttsx3 (espeak-ng) synthesises to WAV, sounddevice plays it.

pyttsx3 2.99 plays by shelling out to `aplay` and ignores its failure, so it only ever
writes files here; playback goes through PortAudio, where a missing speaker is an error.
"""

from __future__ import annotations

import contextlib
import io
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from microalign.errors import SpeechError
from microalign.speech import audio

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.speech.base import Speaker
    from microalign.speech.languages import LanguagePack

log = logging.getLogger(__name__)


class Pyttsx3Speaker:
    """Says prompts with espeak-ng through pyttsx3; blocks until they have been played."""

    def __init__(self, voice: str, rate: int, device: int | str | None = None, chime: bool = True):
        self.voice = voice
        self.rate = rate
        self.device = device
        self.chime_enabled = chime
        self._engine = None
        self._tmp = tempfile.TemporaryDirectory(prefix="microalign-tts-")

    def _get_engine(self):
        if self._engine is None:
            try:
                import pyttsx3

                engine = pyttsx3.init("espeak")
            except Exception as exc:  # the driver raises anything from OSError to KeyError
                raise SpeechError(
                    f"Text-to-speech is not available: {exc}",
                    "Install espeak-ng (`apt install espeak-ng`) or use `--text`.",
                ) from exc
            self._set_voice(engine)
            engine.setProperty("rate", self.rate)
            self._engine = engine
        return self._engine

    def _set_voice(self, engine) -> None:
        voices = engine.getProperty("voices") or []
        for v in voices:
            if self.voice in (v.id, v.name) or v.id.endswith("/" + self.voice):
                engine.setProperty("voice", v.id)
                return
        raise SpeechError(
            f"The espeak-ng voice {self.voice!r} is not installed.",
            "Set speech.voice in the config to one listed by `espeak-ng --voices`, "
            "or leave it empty for the language's own voice.",
        )

    def synthesise(self, text: str) -> Path:
        """Write `text` as speech to a WAV file and return its path."""
        engine = self._get_engine()
        path = Path(self._tmp.name) / "prompt.wav"
        path.unlink(missing_ok=True)
        try:
            # pyttsx3 prints "Audio saved to …" on stdout, which is the user's terminal.
            with contextlib.redirect_stdout(io.StringIO()):
                engine.save_to_file(text, str(path))
                engine.runAndWait()
        except Exception as exc:
            raise SpeechError(f"Text-to-speech failed: {exc}", "Use `--text` meanwhile.") from exc
        if not path.exists() or path.stat().st_size <= 44:
            raise SpeechError(
                "Text-to-speech produced no audio.",
                f"Check `espeak-ng -v {self.voice} hello` works; use `--text` meanwhile.",
            )
        return path

    def say(self, text: str) -> None:
        audio.play_wav(self.synthesise(text), self.device)

    def chime(self) -> None:
        if self.chime_enabled:
            audio.play_pcm(audio.chime_pcm(), audio.RATE, 1, self.device)

    def close(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            with contextlib.suppress(Exception):
                engine.stop()
        self._tmp.cleanup()


class FallbackSpeaker:
    """Tries the voice; when it fails, prints the prompt on the terminal and logs why."""

    def __init__(self, voice: Speaker, echo=print) -> None:
        self.voice = voice
        self.echo = echo
        self.failures = 0

    def say(self, text: str) -> None:
        try:
            self.voice.say(text)
        except SpeechError as exc:
            self._failed(exc)
            self.echo(text)

    def chime(self) -> None:
        try:
            self.voice.chime()
        except SpeechError as exc:
            self._failed(exc)

    def _failed(self, exc: SpeechError) -> None:
        self.failures += 1
        # Once is enough in the log for a whole check-in with a missing speaker.
        (log.warning if self.failures == 1 else log.debug)("speech output failed: %s", exc)

    def close(self) -> None:
        self.voice.close()


def make_voice_speaker(config: Config, pack: LanguagePack) -> Pyttsx3Speaker:
    speech = config.speech
    return Pyttsx3Speaker(
        voice=speech.voice or pack.voice,
        rate=speech.rate or pack.rate,
        device=audio.device_arg(speech.output_device),
        chime=speech.chime,
    )
