"""How well the ko model hears espeak-ng's Korean pack words (run on demand):
pytest tests/bench/test_bench_voice_accuracy.py -m bench -s

Every phrase of the KO pack, at three speaking rates, with half a second of silence around
it as a microphone gives, through the grammar recogniser; the pack's choice of words for the
tests rests on these figures.
"""

from __future__ import annotations

import subprocess
import wave

import pytest

from microalign.adapters.speech import stt
from microalign.core.dialogue.answers import parse_choice
from microalign.i18n import KO
from microalign.ports.speech import AnswerKind

pytestmark = pytest.mark.bench

RATES = (130, 150, 175)


def _padded(src, dst) -> None:
    subprocess.run(["sox", str(src), str(dst), "pad", "0.5", "0.5"], check=True)
    with wave.open(str(dst)) as w:
        assert w.getframerate() == 16000


def _meaning(text: str) -> str | None:
    parsed = parse_choice(text, KO)
    return parsed.value if parsed else None


def test_bench_ko_pack_words_recognised_from_espeak(ko_model, speech_wav, tmp_path):
    rows, exact, same_meaning, total = [], 0, 0, 0
    for phrase in KO.vocabulary():
        hits = []
        for rate in RATES:
            padded = tmp_path / "p.wav"
            _padded(speech_wav(phrase, rate=rate), padded)
            heard = stt.transcribe_wav(ko_model, padded, AnswerKind.CHOICE, KO.vocabulary())
            hits.append(heard.text)
            total += 1
            exact += heard.text == phrase
            same_meaning += _meaning(heard.text) == _meaning(phrase)
        rows.append(f"  {phrase:<12} {sum(h == phrase for h in hits)}/3  {hits}")
    print("\n[bench] KO pack words, espeak-ng at", RATES, "wpm, grammar recogniser:")
    print("\n".join(rows))
    print(
        f"[bench] exact {exact}/{total} ({exact / total:.0%}), "
        f"same meaning {same_meaning}/{total} ({same_meaning / total:.0%})"
    )
    assert exact > total / 3
