"""End-of-speech detection for a streamed answer: pure logic, no audio or Vosk.

vosk 0.3.45 has no endpointer API, so this decides when an answer is over from two
signals fed frame by frame: the frame's energy (voice activity) and the recogniser's
partial result (when the words stop changing, the speaker has usually stopped too, even
if a noisy room keeps the energy up).
"""

from __future__ import annotations

import functools
import math
import sys
from array import array
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

# RMS (int16 units) below which a frame is never speech; a quiet room's microphone sits
# well below it, normal speech well above it.
ENERGY_FLOOR = 250.0
# A frame is speech when it is this many times louder than the noise measured so far.
NOISE_RATIO = 3.0


class Decision(Enum):
    CONTINUE = "continue"
    END_OF_SPEECH = "end_of_speech"  # speech, then enough silence
    MAX_LENGTH = "max_length"  # the answer hit max_answer_seconds
    NO_SPEECH = "no_speech"  # nothing said within no_speech_timeout_seconds


@dataclass(frozen=True)
class EndpointSettings:
    silence_seconds: float = 1.0  # ends a free answer
    # Ends a choice answer (one or two words: yes, no, partly, skip, a command).
    choice_silence_seconds: float = 0.5
    max_answer_seconds: float = 30.0
    no_speech_timeout_seconds: float = 8.0
    # Speech must last this long before it counts (a click or a cough does not).
    min_speech_seconds: float = 0.12
    # Words unchanged this long end the answer even if the energy never drops (noise).
    # Vosk's partial result can stand still for 1.5-2 s in the middle of fluent speech
    # (measured on a minute of Korean), so this must be well above that.
    stable_partial_seconds: float = 4.0

    @classmethod
    def from_config(cls, speech: Any) -> EndpointSettings:
        return cls(
            silence_seconds=speech.silence_seconds,
            choice_silence_seconds=speech.choice_silence_seconds,
            max_answer_seconds=speech.max_answer_seconds,
            no_speech_timeout_seconds=speech.no_speech_timeout_seconds,
            stable_partial_seconds=max(4.0, 3 * speech.silence_seconds),
        )

    def for_choice(self) -> EndpointSettings:
        """The settings for a choice answer: its own end-of-speech window."""
        return replace(self, silence_seconds=self.choice_silence_seconds)


def _samples(pcm: bytes) -> array:
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder != "little":
        samples.byteswap()
    return samples


def frame_rms(pcm: bytes) -> float:
    """Root mean square of little-endian int16 mono samples."""
    samples = _samples(pcm)
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def tone_share(pcm: bytes, freqs: tuple[float, ...], rate: int) -> float:
    """How much of the frame's energy lies at `freqs` (Goertzel on a Hann window): about
    0.5 to 0.67 for a pure tone at one of them, near 0 for speech or noise. The window keeps
    speech harmonics near a note from leaking into it."""
    samples = _samples(pcm)
    window = _hann(len(samples))
    shaped = [s * w for s, w in zip(samples, window, strict=True)]
    energy = sum(x * x for x in shaped)
    if energy == 0.0:
        return 0.0
    return sum(_tone_power(shaped, f, rate) for f in freqs) * 2 / len(shaped) / energy


@functools.cache
def _hann(n: int) -> tuple[float, ...]:
    return tuple(0.5 - 0.5 * math.cos(2 * math.pi * i / max(n - 1, 1)) for i in range(n))


def _tone_power(samples: list[float], freq: float, rate: int) -> float:
    coeff = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + coeff * s1 - s2, s1
    return s1 * s1 + s2 * s2 - coeff * s1 * s2


class Endpointer:
    """Feed every frame with `feed`; stop listening at the first non-CONTINUE decision.

    The first `cue_seconds` were recorded while the chime played: its sound in the room is
    neither speech nor the noise floor, so they count for neither.
    """

    def __init__(self, settings: EndpointSettings, cue_seconds: float = 0.0) -> None:
        self.settings = settings
        self.cue_seconds = cue_seconds
        self.elapsed = 0.0
        self.speech_started_at: float | None = None
        self.last_voice_at: float | None = None
        self._voiced_run = 0.0
        self._noise: float | None = None
        self._partial = ""
        self._partial_since = 0.0

    @property
    def heard_speech(self) -> bool:
        return self.speech_started_at is not None

    def threshold(self) -> float:
        noise = self._noise if self._noise is not None else 0.0
        return max(ENERGY_FLOOR, noise * NOISE_RATIO)

    def feed(self, seconds: float, rms: float, partial: str | None = None) -> Decision:
        """One frame of `seconds` with energy `rms` and the recogniser's partial text."""
        start = self.elapsed
        self.elapsed += seconds
        self._track_partial(partial, start)
        if self.elapsed <= self.cue_seconds:
            self._voiced_run = 0.0
        elif rms >= self.threshold():
            self._voiced(start, seconds)
        else:
            self._unvoiced(rms)
        return self._decide()

    def _track_partial(self, partial: str | None, at: float) -> None:
        if partial is not None and partial != self._partial:
            self._partial = partial
            self._partial_since = at

    def _voiced(self, start: float, seconds: float) -> None:
        self._voiced_run += seconds
        if self.speech_started_at is None and self._voiced_run >= self.settings.min_speech_seconds:
            self.speech_started_at = self.elapsed - self._voiced_run
        self.last_voice_at = self.elapsed

    def _unvoiced(self, rms: float) -> None:
        self._voiced_run = 0.0
        if self.speech_started_at is None:
            # The noise floor follows the quiet frames before speech, slowly upwards and
            # quickly downwards, so one loud frame does not raise it much.
            if self._noise is None or rms < self._noise:
                self._noise = rms
            else:
                self._noise = 0.95 * self._noise + 0.05 * rms

    def _decide(self) -> Decision:
        s = self.settings
        if self.speech_started_at is None:
            return (
                Decision.NO_SPEECH
                if self.elapsed >= s.no_speech_timeout_seconds
                else Decision.CONTINUE
            )
        if self.elapsed - self.speech_started_at >= s.max_answer_seconds:
            return Decision.MAX_LENGTH
        assert self.last_voice_at is not None
        # The frame lengths add up with rounding errors: without the margin, 0.5 s of
        # silence could need one frame more.
        if self.elapsed - self.last_voice_at >= s.silence_seconds - 1e-9:
            return Decision.END_OF_SPEECH
        if self._partial and self.elapsed - self._partial_since >= s.stable_partial_seconds:
            return Decision.END_OF_SPEECH
        return Decision.CONTINUE
