"""Filler words in a grammar: left out of the transcript and counted as unmatched."""

from __future__ import annotations

import json

from microalign.adapters.speech import stt
from microalign.i18n import EN, KO
from microalign.ports.speech import AnswerKind


def result(*words: str) -> str:
    return json.dumps(
        {"text": " ".join(words), "result": [{"word": w, "conf": 1.0} for w in words]}
    )


def test_heard_from_result_fillers_left_out_and_counted():
    heard = stt.heard_from_result(result("날씨", "좀", "사람"), "m", None, ("날씨", "사람"))
    assert (heard.text, heard.unmatched) == ("좀", 2)
    assert [w["word"] for w in heard.words] == ["좀"]


def test_heard_from_result_unk_counted_as_unmatched():
    heard = stt.heard_from_result(result("[unk]", "yes"), "m", None)
    assert (heard.text, heard.unmatched) == ("yes", 1)


def test_pack_fillers_are_no_answer_words():
    for pack in (EN, KO):
        words = {w for p in pack.vocabulary() for w in p.split()}
        assert pack.fillers and not words & set(pack.fillers), pack.code


def test_model_known_ko_model_knows_every_ko_filler(ko_model):
    assert set(KO.fillers) <= ko_model.known(set(KO.fillers))


def test_transcribe_wav_sentence_heard_as_fillers(ko_model, speech_wav):
    heard = stt.transcribe_wav(
        ko_model,
        speech_wav("오늘은 날씨가 좋네요"),
        AnswerKind.CHOICE,
        KO.vocabulary(),
        fillers=KO.fillers,
    )
    # The sentence lands on fillers, counted and left out. How many varies: Vosk decodes
    # this clip differently from call to call, even in one process (seen: "응 했어요 네"
    # with 4 fillers, "응 주세요 네 했어요" with 3).
    assert heard.unmatched >= 3
