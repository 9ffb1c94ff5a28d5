import pytest

from microalign.core.dialogue.answers import (
    choice_vocabulary,
    is_reason,
    parse_choice,
    parse_command,
    whole_answer,
)
from microalign.i18n import EN, KO


@pytest.mark.parametrize(
    ("text", "kind", "value", "rest"),
    [
        ("yes", "outcome", "yes", ""),
        ("Yes!", "outcome", "yes", ""),
        ("yeah I did", "outcome", "yes", "I did"),
        ("I did not", "outcome", "no", ""),
        ("i did", "outcome", "yes", ""),
        ("partly", "outcome", "partly", ""),
        ("sort of", "outcome", "partly", ""),
        ("skip, I was ill", "outcome", "skip", "I was ill"),
        ("rest day", "outcome", "skip", ""),
        ("repeat", "command", "repeat", ""),
        ("Stop.", "command", "stop", ""),
        ("not now", "command", "later", ""),
        ("well, I think yes", "outcome", "yes", ""),
    ],
)
def test_answers_parse_choice_english(text, kind, value, rest):
    parsed = parse_choice(text, EN)
    assert (parsed.kind, parsed.value, parsed.rest) == (kind, value, rest)


@pytest.mark.parametrize("text", ["", "banana", "yes and no"])
def test_answers_parse_choice_unclear_is_none(text):
    assert parse_choice(text, EN) is None


@pytest.mark.parametrize(
    ("text", "value"), [("네", "yes"), ("아니요", "no"), ("조금", "partly"), ("쉬는 날", "skip")]
)
def test_answers_parse_choice_korean(text, value):
    assert parse_choice(text, KO).value == value


def test_answers_parse_command_only_whole_answers():
    assert parse_command("skip", EN) == "skip"
    assert parse_command("Stop", EN) == "stop"
    assert parse_command("stop worrying so much", EN) is None


def test_answers_vocabulary_holds_every_answer_and_command_once():
    vocabulary = EN.vocabulary()
    assert len(vocabulary) == len(set(vocabulary))
    for group in (*EN.answers.values(), *EN.commands.values()):
        assert set(group) <= set(vocabulary)


def test_answers_goal_phrase_lowercases_first_word_only():
    assert EN.goal_phrase("Ask one question") == "Did you ask one question today?"
    assert EN.goal_phrase("I will call mum") == "Did you I will call mum today?"
    assert EN.goal_phrase("TV off at 10") == "Did you TV off at 10 today?"


VALUES = ("honesty", "respect", "courage", "being present")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("3", "option", "courage"),
        ("Courage", "option", "courage"),
        ("I choose respect.", "option", "respect"),
        ("being present", "option", "being present"),
        ("repeat", "command", "repeat"),
        ("skip", "command", "skip"),
    ],
)
def test_answers_parse_pick_number_name_sentence_command(text, kind, value):
    from microalign.core.dialogue.answers import parse_pick

    parsed = parse_pick(text, VALUES, EN)
    assert (parsed.kind, parsed.value) == (kind, value)


@pytest.mark.parametrize("text", ["", "0", "5", "purple", "honesty or courage"])
def test_answers_parse_pick_unclear_is_none(text):
    from microalign.core.dialogue.answers import parse_pick

    assert parse_pick(text, VALUES, EN) is None


def test_answers_pick_vocabulary_values_first_then_commands():
    from microalign.core.dialogue.answers import pick_vocabulary

    words = pick_vocabulary(("Courage", "용기"), KO)
    assert words[:2] == ("courage", "용기")
    assert "그만" in words and len(words) == len(set(words))


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        (KO, "네"),
        (KO, "네 네 네"),
        (KO, "아니요 안 했어요"),
        (KO, "다시 말해 주세요"),
        (KO, "이십 분 후"),
        (EN, "no i did not"),
        (EN, "yes yes"),
    ],
)
def test_answers_whole_answer_phrases_of_one_meaning_true(pack, text):
    assert whole_answer(text, pack)


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        (KO, "어느 절반"),  # pieces of two phrases
        (KO, "아니요 분 후"),  # an answer and a piece of a snooze phrase
        (KO, "주세요"),
        (KO, "네 아니요"),  # whole phrases, opposite meanings
        (KO, ""),
        (EN, "yes minutes"),
    ],
)
def test_answers_whole_answer_fragments_or_mixed_meanings_false(pack, text):
    assert not whole_answer(text, pack)


TYPED = [
    (EN, "y", "yes"),
    (EN, "Y", "yes"),
    (EN, "YES", "yes"),
    (EN, "Yeah", "yes"),
    (EN, "yep", "yes"),
    (EN, "n", "no"),
    (EN, "N", "no"),
    (EN, "nope", "no"),
    (EN, "Nah", "no"),
    (KO, "예", "yes"),
    (KO, "네", "yes"),
    (KO, "응", "yes"),
    (KO, "아니", "no"),
    (KO, "아뇨", "no"),
]


@pytest.mark.parametrize(("pack", "text", "value"), TYPED, ids=[t for _, t, _ in TYPED])
def test_answers_parse_choice_typed_as_people_type(pack, text, value):
    parsed = parse_choice(text, pack, typed=True)
    assert parsed is not None and (parsed.kind, parsed.value) == ("outcome", value)


@pytest.mark.parametrize(("pack", "text"), [(EN, "y"), (EN, "n"), (EN, "nah"), (KO, "아뇨")])
def test_answers_typed_only_words_are_not_in_the_spoken_grammar(pack, text):
    # Each word of a speech grammar changes what the recogniser hears: the words only
    # typed stay out of it (and out of spoken answers).
    assert text not in pack.vocabulary() and text not in choice_vocabulary(pack)
    assert parse_choice(text, pack) is None


@pytest.mark.parametrize(
    ("pack", "text"),
    [(EN, "yes"), (EN, "Next"), (EN, "n"), (EN, "stop"), (EN, "yes yes"), (KO, "네"), (KO, "")],
)
def test_answers_bare_answer_or_command_is_no_reason(pack, text):
    assert not is_reason(text, pack)


@pytest.mark.parametrize(
    ("pack", "text"),
    [(EN, "I was ill"), (EN, "I did not sleep"), (EN, "no time"), (KO, "아팠어요")],
)
def test_answers_words_of_their_own_are_a_reason(pack, text):
    assert is_reason(text, pack)
