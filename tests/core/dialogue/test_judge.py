"""The verdict on a heard answer: accept, read back, or reject (pure)."""

from microalign.core.dialogue.judge import Verdict, judge
from microalign.ports.speech import Heard

YES, PARTLY = "outcome:yes", "outcome:partly"


def heard(text, check_text=None, unmatched=0):
    return Heard(text, check_text=check_text, unmatched=unmatched)


def test_judge_both_passes_agree_without_fillers_accepted():
    assert judge(heard("네", "네"), YES, YES) is Verdict.ACCEPT


def test_judge_not_understood_rejected():
    assert judge(heard("", ""), None, None) is Verdict.REJECT


def test_judge_check_pass_hears_only_fillers_rejected():
    # "오늘은 날씨가 좋네요": the answer grammar says 네, the filler grammar three fillers.
    assert judge(heard("네", "", 3), YES, None) is Verdict.REJECT


def test_judge_check_pass_hears_one_filler_read_back():
    assert judge(heard("네", "", 1), YES, None) is Verdict.CONFIRM


def test_judge_check_pass_hears_other_answer_read_back():
    assert judge(heard("네", "조금"), YES, PARTLY) is Verdict.CONFIRM


def test_judge_answer_among_more_filler_words_rejected():
    # "전화 좀 받아 줄래": one answer word (좀) among fillers in both passes.
    assert judge(heard("좀", "좀", 3), PARTLY, PARTLY) is Verdict.REJECT


def test_judge_answer_beside_as_many_filler_words_read_back():
    assert judge(heard("조금", "조금", 1), PARTLY, PARTLY) is Verdict.CONFIRM


def test_judge_typed_answer_accepted():
    assert judge(heard("partly, it was hard"), PARTLY, None) is Verdict.ACCEPT


def test_judge_unk_words_without_check_pass_counted():
    assert judge(heard("yes", unmatched=2), YES, None) is Verdict.REJECT


def test_judge_grammar_fragments_strung_together_rejected():
    # "아니요 분 후": an answer and pieces of a snooze phrase, though both passes agree.
    assert judge(heard("아니요 분 후", "아니요 분 후"), YES, YES, whole=False) is Verdict.REJECT


def test_judge_typed_text_not_whole_phrases_still_accepted():
    # Typed text has no check pass: it is free text, not a grammar's output.
    assert judge(heard("yes, I did it"), YES, None, whole=False) is Verdict.ACCEPT
