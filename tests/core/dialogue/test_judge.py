"""The verdict on a heard answer: accept, read back, or reject (pure)."""

from microalign.core.dialogue.judge import Verdict, judge
from microalign.ports.speech import Heard


def test_judge_answer_words_only_accepted():
    assert judge(Heard("네", unmatched=0), understood=True) is Verdict.ACCEPT


def test_judge_not_understood_rejected():
    assert judge(Heard("", unmatched=0), understood=False) is Verdict.REJECT


def test_judge_answer_among_more_filler_words_rejected():
    # "전화 좀 받아 줄래": one answer word (좀) in a sentence of fillers.
    assert judge(Heard("좀", unmatched=3), understood=True) is Verdict.REJECT


def test_judge_answer_beside_as_many_filler_words_read_back():
    assert judge(Heard("조금", unmatched=1), understood=True) is Verdict.CONFIRM


def test_judge_typed_answer_accepted():
    assert judge(Heard("partly, it was hard"), understood=True) is Verdict.ACCEPT
