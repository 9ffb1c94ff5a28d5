"""Spoken prompts: pyttsx3 (espeak-ng) synthesises to WAV, sounddevice plays it.

pyttsx3 2.99 plays by shelling out to `aplay` and ignores its failure, so it only ever
writes files here; playback goes through PortAudio, where a missing speaker is an error.

Its espeak driver runs espeak-ng asynchronously (AUDIO_OUTPUT_RETRIEVAL): property changes
and texts are commands that espeak's own thread carries out later, and `runAndWait` does not
wait for them reliably:
- an engine's first `runAndWait` handles its end-of-loop command before it starts the
  synthesis, so it returns about 10 ms after submitting the text, before the WAV exists
  unless espeak is quicker; the late utterance then overlaps the next one;
- that end-of-loop command calls the driver's `stop()`, which, when espeak's thread is busy
  (with the rate just set, or the late utterance), cancels espeak, dropping a rate change
  still queued, and leaves the driver's `_stopping` flag set, so that the next `runAndWait`
  cancels again: its utterance is lost (no WAV, or a header-only one) when the cancel comes
  before espeak's thread has taken the text.
`_Espeak` therefore waits until espeak's thread is idle before and after each utterance,
sets the voice and rate itself, clears a stale stop request, and checks that the utterance
was spoken at the configured rate and has audio; a failed check is retried.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from microalign.adapters.speech import audio
from microalign.errors import SpeechError
from microalign.i18n import Keyed

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.i18n import LanguagePack
    from microalign.ports.speech import Speaker

log = logging.getLogger(__name__)

ATTEMPTS = 3
WAV_HEADER_BYTES = 44


class _Espeak:
    """One pyttsx3 espeak engine, driven so that each utterance runs alone and completes."""

    def __init__(self, engine) -> None:
        from pyttsx3.drivers import _espeak

        self.engine = engine
        self.driver = engine.proxy._driver
        self.lib = _espeak
        # pyttsx3 binds espeak_GetParameter without its `current` argument.
        prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_int)
        self._get_parameter = prototype(("espeak_GetParameter", _espeak.dll))

    def rate(self) -> int:
        """The rate espeak will speak the next text at (its current value, not the default)."""
        return self._get_parameter(self.lib.RATE, 1)

    def settle(self) -> None:
        """Return once espeak's thread has no command queued or running (callbacks included)."""
        self.lib.Synchronize()

    def utter(self, text: str, path: Path, voice_id: str, rate: int) -> str:
        """Write `text` to `path`; return what went wrong, or "" when it holds the prompt."""
        self._prepare(voice_id, rate)
        self.engine.save_to_file(text, str(path))
        self.engine.runAndWait()
        # runAndWait may return before espeak has synthesised the text and written the WAV.
        self.settle()
        if self.rate() != rate:
            # The change was dropped or undone (espeak's cancel does both) and nothing but
            # this speaker sets the rate, so the synthesis used the wrong one.
            return Keyed("tts.wrong_rate", got=self.rate(), wanted=rate)
        if not path.exists() or path.stat().st_size <= WAV_HEADER_BYTES:
            return Keyed("tts.empty_wav")
        return ""

    def _prepare(self, voice_id: str, rate: int) -> None:
        # Setting the voice runs on this thread, so espeak's must be idle (a new driver has
        # queued rate and volume changes); then the driver's stop() inside runAndWait finds
        # nothing to cancel.
        self.settle()
        # Left set by a stop() whose loop ended first, it would cancel the next utterance.
        self.driver._stopping = False
        # pyttsx3 shares one engine per process and an engine's driver registers its callback
        # with espeak on creation and unregisters it when destroyed: claim it for this driver.
        self.lib.SetSynthCallback(self.driver._onSynth)
        self.driver.setProperty("voice", voice_id)  # done at once, not queued
        if self.rate() != rate:
            self.driver.setProperty("rate", rate)  # queued for espeak's thread
            self.settle()


class Pyttsx3Speaker:
    """Says prompts with espeak-ng through pyttsx3; blocks until they have been played."""

    def __init__(
        self,
        voice: str,
        rate: int,
        device: int | str | None = None,
        chime: bool = True,
        spoken: Callable[[str], str] = lambda text: text,
    ):
        self.voice = voice
        self.spoken = spoken  # the language's reading of a text ("오후 9시" -> 아홉 시)
        self.rate = rate
        self.device = device
        self.chime_enabled = chime
        self._engine = None
        self._espeak: _Espeak | None = None
        self._voice_id = ""
        self._tmp = tempfile.TemporaryDirectory(prefix="microalign-tts-")
        self._player = audio.Player(device)

    def _get_engine(self) -> _Espeak:
        if self._espeak is None:
            try:
                import pyttsx3

                engine = pyttsx3.init("espeak")
                espeak = _Espeak(engine)
            except Exception as exc:  # the driver raises anything from OSError to KeyError
                raise SpeechError.keyed("tts_unavailable", error=exc) from exc
            self._voice_id = self._find_voice(engine)
            self._engine, self._espeak = engine, espeak
        return self._espeak

    def _find_voice(self, engine) -> str:
        voices = engine.getProperty("voices") or []
        for v in voices:
            if self.voice in (v.id, v.name) or v.id.endswith("/" + self.voice):
                return v.id
        raise SpeechError.keyed("tts_no_voice", voice=repr(self.voice))

    def synthesise(self, text: str) -> Path:
        """Write `text` as speech to a WAV file and return its path."""
        espeak = self._get_engine()
        path = Path(self._tmp.name) / "prompt.wav"
        problem = ""
        for attempt in range(1, ATTEMPTS + 1):
            path.unlink(missing_ok=True)
            try:
                # pyttsx3 prints "Audio saved to …" on stdout, which is the user's terminal.
                with contextlib.redirect_stdout(io.StringIO()):
                    problem = espeak.utter(text, path, self._voice_id, self.rate)
            except Exception as exc:
                raise SpeechError.keyed("tts_failed", error=exc) from exc
            if not problem:
                return path
            log.info("speech synthesis attempt %d of %d failed: %s", attempt, ATTEMPTS, problem)
        raise SpeechError.keyed("tts_no_audio", problem=problem, voice=self.voice)

    def say(self, text: str) -> None:
        path = self.synthesise(self.spoken(text))
        with audio.open_wav(path) as wav:
            pcm = wav.readframes(wav.getnframes())
            rate, channels = wav.getframerate(), wav.getnchannels()
        # espeak-ng ends its WAVs with 0.4 s of silence: nobody needs to wait for it. The
        # stream stays open for the chime that follows.
        pcm = audio.trim_silence(pcm, rate, channels)
        self._player.play(pcm, rate, channels, hold=audio.HOLD_SECONDS)

    def chime(self) -> None:
        """The chime right after the prompt; without it the prompt's stream is closed."""
        if self.chime_enabled:
            self._player.chime()
        else:
            self._player.close()

    def close(self) -> None:
        with contextlib.suppress(SpeechError):
            self._player.close()
        engine, self._engine, self._espeak = self._engine, None, None
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
        spoken=pack.spoken,
    )
