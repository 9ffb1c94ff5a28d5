"""A generated evaluation set of spoken answers: espeak-ng (or Debian flite, for English)
voices x speeds x pitches, clean, padded with silence, or mixed with white, pink or brown
noise at a given SNR.

Clips are cached on disk (``$MICROALIGN_VOICESET`` or the temp dir), keyed by everything
that makes them, so a second run only decodes. Pure standard library + espeak-ng + sox.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import subprocess
import tempfile
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

RATE = 16000
VOICES = ("ko", "ko+f3", "ko+m3", "ko+klatt")
SPEEDS = (120, 175, 220)
PITCHES = (30, 50, 80)
# Voicings never used to choose words, fillers or thresholds: figures on them show whether
# the choices only fit the voicings above.
HELD_OUT = (("ko+m1", "ko+f2", "ko+m5", "ko+klatt3"), (140, 195), (40, 65))
# English: espeak-ng voices and flite ones ("flite:NAME"); the held-out half shares no
# voice with the tuning half.
EN_VOICES = ("en-us", "en-us+f3", "en-gb", "flite:slt", "flite:rms")
EN_SPEEDS = (130, 175, 220)
EN_PITCHES = (35, 50, 70)
EN_HELD_OUT = (
    ("en-us+m1", "en-us+f2", "en-gb-x-rp", "flite:awb", "flite:kal16"),
    (150, 200),
    (40, 65),
)
# name -> (noise kind or None, SNR in dB, leading seconds, trailing seconds)
CONDITIONS: dict[str, tuple[str | None, float, float, float]] = {
    "clean": (None, 0.0, 0.3, 0.5),
    "silence": (None, 0.0, 1.0, 1.2),
    "white20": ("white", 20.0, 0.3, 0.5),
    "pink20": ("pink", 20.0, 0.3, 0.5),
    "white10": ("white", 10.0, 0.3, 0.5),
    "pink10": ("pink", 10.0, 0.3, 0.5),
}
# Conditions a set names explicitly (the Korean set keeps the ones above).
EXTRA_CONDITIONS: dict[str, tuple[str | None, float, float, float]] = {
    "brown10": ("brown", 10.0, 0.3, 0.5),
}
EN_CONDITIONS = ("clean", "silence", "white20", "pink20", "white10", "pink10", "brown10")


@dataclass(frozen=True)
class Clip:
    text: str
    voice: str
    speed: int
    pitch: int
    condition: str
    path: Path


def cache_dir() -> Path:
    root = os.environ.get("MICROALIGN_VOICESET") or os.path.join(
        tempfile.gettempdir(), "microalign-voiceset"
    )
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def voicings(held_out: bool = False, english: bool = False) -> list[tuple[str, int, int]]:
    if english:
        return list(
            itertools.product(*(EN_HELD_OUT if held_out else (EN_VOICES, EN_SPEEDS, EN_PITCHES)))
        )
    return list(itertools.product(*(HELD_OUT if held_out else (VOICES, SPEEDS, PITCHES))))


def pick_voicings(
    index: int, condition: int, share: int, held_out: bool = False, english: bool = False
) -> list[tuple[str, int, int]]:
    """Every `share`-th voicing, rotated per text and condition so the set stays varied."""
    every = voicings(held_out, english)
    offset = (index * 7 + condition * 5) % share
    return [v for n, v in enumerate(every) if n % share == offset]


def make_set(
    texts: list[str],
    share: int,
    conditions: tuple[str, ...] = (),
    held_out: bool = False,
    english: bool = False,
) -> list[Clip]:
    """Clips of `texts`, each in 1/`share` of the voicings under every condition."""
    names = conditions or tuple(CONDITIONS)
    clips = []
    for i, text in enumerate(texts):
        for c, condition in enumerate(names):
            for voice, speed, pitch in pick_voicings(i, c, share, held_out, english):
                clips.append(clip(text, voice, speed, pitch, condition))
    return clips


def clip(text: str, voice: str, speed: int, pitch: int, condition: str) -> Clip:
    key = f"{text}|{voice}|{speed}|{pitch}|{condition}"
    name = hashlib.sha1(key.encode()).hexdigest()[:16]
    path = cache_dir() / f"clip-{name}.wav"
    if not path.exists():
        _write(path, _render(_speech(text, voice, speed, pitch), condition, name))
    return Clip(text, voice, speed, pitch, condition, path)


def _speech(text: str, voice: str, speed: int, pitch: int) -> array:
    key = hashlib.sha1(f"{text}|{voice}|{speed}|{pitch}".encode()).hexdigest()[:16]
    path = cache_dir() / f"tts-{key}.wav"
    if not path.exists():
        raw = path.with_suffix(".raw.wav")
        subprocess.run(_synthesis(text, voice, speed, pitch, raw), check=True)
        tmp = path.with_suffix(".tmp.wav")
        subprocess.run(
            ["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(tmp)], check=True
        )
        raw.unlink()
        tmp.replace(path)
    return _read(path)


def _synthesis(text: str, voice: str, speed: int, pitch: int, out: Path) -> list[str]:
    """The command that speaks `text`: espeak-ng, or flite for a "flite:NAME" voice (its
    speed as a duration stretch, its pitch as a mean F0 of 90 to 230 Hz)."""
    if voice.startswith("flite:"):
        return [
            *("flite", "-voice", voice.removeprefix("flite:"), "-t", text, "-o", str(out)),
            *("--setf", f"duration_stretch={175 / speed:.3f}"),
            *("--setf", f"int_f0_target_mean={90 + 2 * pitch}"),
        ]
    return ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(out), text]


def _noise(kind: str) -> array:
    path = cache_dir() / f"noise-{kind}.wav"
    if not path.exists():
        tmp = path.with_suffix(".tmp.wav")
        subprocess.run(
            [
                *("sox", "-R", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(tmp)),
                *("synth", "20", f"{kind}noise", "vol", "0.3"),
            ],
            check=True,
        )
        tmp.replace(path)
    return _read(path)


def _render(speech: array, condition: str, seed: str) -> array:
    kind, snr, lead, trail = (CONDITIONS | EXTRA_CONDITIONS)[condition]
    out = (
        array("h", bytes(2 * int(lead * RATE))) + speech + array("h", bytes(2 * int(trail * RATE)))
    )
    if kind is None:
        return out
    noise = _noise(kind)
    start = int(seed, 16) % (len(noise) - len(out))
    part = noise[start : start + len(out)]
    gain = speech_rms(speech) / (_rms(part) * 10 ** (snr / 20))
    return array(
        "h", (max(-32768, min(32767, round(s + gain * n))) for s, n in zip(out, part, strict=True))
    )


def speech_rms(samples: array) -> float:
    """RMS over the voiced 20 ms frames (those above a tenth of the loudest)."""
    frames = [_rms(samples[i : i + 320]) for i in range(0, len(samples) - 319, 320)]
    if not frames:
        return _rms(samples) or 1.0
    top = max(frames)
    loud = [f for f in frames if f > top / 10]
    return math.sqrt(sum(f * f for f in loud) / len(loud)) or 1.0


def _rms(samples: array) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def _read(path: Path) -> array:
    with wave.open(str(path)) as w:
        samples = array("h")
        samples.frombytes(w.readframes(w.getnframes()))
    return samples


def _write(path: Path, samples: array) -> None:
    tmp = path.with_suffix(".tmp.wav")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    tmp.replace(path)
