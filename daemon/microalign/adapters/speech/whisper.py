"""Whisper (faster-whisper on the CPU): a recogniser of whole utterances for a language no
Vosk model is installed for.

Whisper hears free text with case and punctuation, and it hears it once the answer is over
(the project's own end-of-speech detection decides when). For a choice the question's
answer words are its prompt, and the text is brought into the form a grammar recogniser
gives: lower case, no punctuation, numbers as words, and words outside the answer words
counted as `Heard.unmatched`, so the dialogue's judge rules on it as on Vosk's text.

Whisper invents text where there is none to hear: segments that look like it (no speech
likely and a low log-probability, a very low log-probability, or a repetitive text) are
dropped. The thresholds are Whisper's own defaults plus a floor on the log-probability;
tests/bench/test_bench_whisper_accuracy.py measures what they let through.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microalign.adapters.speech import audio
from microalign.adapters.speech.models import Entry, sha256_of
from microalign.core.dialogue.answers import normalise
from microalign.core.safetext import clean
from microalign.errors import ModelError
from microalign.i18n import LanguagePack
from microalign.ports.speech import AnswerKind, Heard

log = logging.getLogger(__name__)

# Whisper's own rule for silence is no_speech_prob > 0.6 with avg_logprob < -1.0.
NO_SPEECH_PROB = 0.6
NO_SPEECH_LOGPROB = -1.0
# Below this a segment is a guess whatever its no-speech probability.
MIN_LOGPROB = -1.5
# Invented text repeats itself ("no, no, no, no, ..."): gzip compresses it well.
MAX_COMPRESSION = 2.4
# Free text is searched with a beam of 5, a choice greedily (its prompt does the work): on
# free answers in noise the beam cut tiny.en's word errors by a fifth to a quarter at the
# same time per answer, since encoding the 30 s window dominates
# (tests/bench/test_bench_second_opinion.py).
FREE_BEAM = 5
CHOICE_BEAM = 1


@dataclass(frozen=True)
class Guards:
    no_speech_prob: float = NO_SPEECH_PROB
    no_speech_logprob: float = NO_SPEECH_LOGPROB
    min_logprob: float = MIN_LOGPROB
    max_compression: float = MAX_COMPRESSION

    def invented(self, segment: Any) -> bool:
        """Whether a faster-whisper segment is more likely made up than heard."""
        if segment.no_speech_prob > self.no_speech_prob and (
            segment.avg_logprob < self.no_speech_logprob
        ):
            return True
        return segment.avg_logprob < self.min_logprob or (
            segment.compression_ratio > self.max_compression
        )


def verify_files(path: Path, entry: Entry | None, stamp_dir: Path | None) -> None:
    """Check each file of the model at `path` against the catalogue's SHA-256s; a check
    that passed is remembered in `stamp_dir` (keyed by path, size and time) and not repeated."""
    if entry is None or not entry.files:
        return
    for name, expected in entry.files.items():
        file = path / name
        try:
            stat = file.stat()
        except OSError:
            raise ModelError.keyed(
                "model_file_missing", name=entry.name, file=file, get=entry.how_to_get()
            ) from None
        key = f"{file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{expected}"
        stamp = _stamp(stamp_dir, key)
        if stamp is not None and stamp.is_file():
            continue
        digest = sha256_of(file)
        if digest != expected.lower():
            raise ModelError.keyed(
                "model_file_corrupt",
                name=entry.name,
                file=file,
                digest=digest,
                expected=expected,
                get=entry.how_to_get(),
            )
        if stamp is not None:
            _write_stamp(stamp)


def _stamp(stamp_dir: Path | None, key: str) -> Path | None:
    import hashlib

    if stamp_dir is None:
        return None
    return stamp_dir / "verified" / hashlib.sha256(key.encode()).hexdigest()


def _write_stamp(stamp: Path) -> None:
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp.touch(mode=0o600)
    except OSError as exc:  # only costs a check next time
        log.debug("cannot remember the model check: %s", exc)


class WhisperModel:
    """A faster-whisper model (int8 on the CPU) of one language."""

    def __init__(self, path: Path, name: str, language: str, guards: Guards = Guards()) -> None:
        try:
            from faster_whisper import WhisperModel as _Model
        except ImportError:
            raise ModelError.keyed("whisper_missing", name=name) from None
        self.path, self.name, self.language, self.guards = path, name, language, guards
        threads = min(4, os.cpu_count() or 1)
        try:
            self.model = _Model(str(path), device="cpu", compute_type="int8", cpu_threads=threads)
        except Exception as exc:  # CTranslate2 raises RuntimeError and others on a bad model
            raise ModelError.keyed("model_load", path=path, error=exc) from None

    def raw(
        self, pcm: bytes, prompt: str | None, beam: int = CHOICE_BEAM
    ) -> tuple[str, float | None]:
        """Whisper's own text of 16 kHz mono int16 `pcm` (segments that look invented left
        out) and the mean token probability of what was kept."""
        kept, logprobs = [], []
        for segment in self.segments(pcm, prompt, beam):
            if self.guards.invented(segment):
                log.info("dropped %r as invented (%s)", segment.text, _scores(segment))
                continue
            kept.append(segment.text)
            logprobs.append(segment.avg_logprob)
        confidence = math.exp(sum(logprobs) / len(logprobs)) if logprobs else None
        return clean(" ".join(kept)), confidence

    def segments(self, pcm: bytes, prompt: str | None, beam: int) -> Any:
        """faster-whisper's segments of `pcm`, every one (unguarded), one window decoded
        at temperature 0 without timestamps."""
        import numpy as np

        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        segments, _ = self.model.transcribe(
            samples,
            language=self.language,
            beam_size=beam,
            temperature=0.0,
            initial_prompt=prompt or None,
            condition_on_previous_text=False,
            without_timestamps=True,
            vad_filter=False,
        )
        return segments

    def heard(
        self,
        pcm: bytes,
        kind: AnswerKind,
        vocabulary: tuple[str, ...],
        pack: LanguagePack,
        audio_path: Path | None = None,
    ) -> Heard:
        """What `pcm` says, as the dialogue wants it for `kind` (see the module's doc)."""
        choice = kind is AnswerKind.CHOICE and bool(vocabulary)
        if choice:
            text, confidence = self.raw(pcm, prompt(vocabulary, pack), CHOICE_BEAM)
        else:
            text, confidence = self.raw(pcm, None, FREE_BEAM)
        if confidence is not None:
            confidence = min(1.0, max(0.0, confidence))
        if not choice:
            return Heard(text, confidence, audio_path, self.name)
        numbers = pack.snooze.numbers
        return as_choice(text, vocabulary, numbers, confidence, audio_path, self.name)


def _scores(segment: Any) -> str:
    return (
        f"no speech {segment.no_speech_prob:.2f}, log-probability {segment.avg_logprob:.2f}, "
        f"compression {segment.compression_ratio:.2f}"
    )


def prompt(vocabulary: tuple[str, ...], pack: LanguagePack | None = None) -> str:
    """The prompt that makes Whisper expect an answer word ("Yes." not "Yeah"): one short
    sentence per meaning, its first phrase in the pack, and every phrase of `vocabulary`
    the pack does not group (a value of a pick). On the tuning voices of the benchmark a
    long list of every synonym made Whisper hear more words that are none ("Hardly.")."""
    words = list(vocabulary)
    if pack is not None:
        groups = (*pack.answers.values(), *pack.commands.values(), pack.snooze.spoken)
        grouped = {p for group in groups for p in group}
        first = {group[0] for group in groups[:-1]}
        words = [p for p in vocabulary if p in first or p not in grouped]
    return " ".join(f"{w[:1].upper()}{w[1:]}." for w in dict.fromkeys(words))


def as_choice(
    text: str,
    vocabulary: tuple[str, ...],
    numbers: Mapping[str, int],
    confidence: float | None,
    audio_path: Path | None,
    model: str,
) -> Heard:
    """A free transcript in the form a grammar recogniser gives: the normalised words, the
    words that are in no answer phrase counted as unmatched. Only a text made of answer
    words gets a check text (the same): the judge then takes it only as whole phrases of
    one meaning, as it does a grammar's."""
    words = [_word(w, numbers) for w in normalise(text).split()]
    known = {w for phrase in vocabulary for w in normalise(phrase).split()}
    unmatched = sum(w not in known for w in words)
    said = " ".join(words)
    return Heard(
        text=said,
        confidence=confidence,
        audio_path=audio_path,
        model=model,
        unmatched=unmatched,
        check_text=said if words and not unmatched else None,
    )


def _word(word: str, numbers: Mapping[str, int]) -> str:
    """A number in digits ("20") as the language's word for it ("twenty")."""
    if not word.isdigit():
        return word
    spelled = {value: name for name, value in numbers.items()}  # the last name wins
    return spelled.get(int(word), word)


def transcribe_wav(model: WhisperModel, path: Path, kind: AnswerKind, pack: LanguagePack) -> Heard:
    """Transcribe a stored answer (16 kHz mono 16-bit WAV) with the pack's choice words."""
    pcm = audio.read_speech_wav(path)
    return model.heard(pcm, kind, pack.vocabulary(), pack, path)
