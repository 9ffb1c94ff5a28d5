"""Parsing "later" with a time ("in twenty minutes", "이십 분 후에") from the packs' words."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microalign.core.dialogue.answers import parse_command
from microalign.core.dialogue.snooze import LONGEST, SHORTEST, Snooze, parse_snooze
from microalign.i18n import EN, KO, PACKS


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("in twenty minutes", 20),
        ("In 20 minutes.", 20),
        ("in 5 minutes", 5),
        ("in five minutes", 5),
        ("in an hour", 60),
        ("in half an hour", 30),
        ("in an hour and a half", 90),
        ("in twenty-five minutes", 25),
        ("in 1 hour and 30 minutes", 90),
        ("in two hours", 120),
        ("an hour later", 60),
        ("ask me again in ten minutes", 10),
        ("snooze for 45 minutes", 45),
        ("in a minute", 1),
    ],
)
def test_snooze_english_phrase_minutes(text, minutes):
    assert parse_snooze(text, EN) == Snooze(minutes)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("이십 분 후에", 20),
        ("20분 뒤에", 20),
        ("이십분후에", 20),
        ("한 시간 후에", 60),
        ("한시간 뒤에", 60),
        ("삼십 분 뒤에", 30),
        ("30분 후에", 30),
        ("오 분 후", 5),
        ("십오 분 뒤", 15),
        ("두 시간 있다가", 120),
        ("한 시간 반 뒤에", 90),
        ("1시간 30분 후에", 90),
        ("나중에 십 분 후에", 10),
    ],
)
def test_snooze_korean_phrase_minutes(text, minutes):
    assert parse_snooze(text, KO) == Snooze(minutes)


@pytest.mark.parametrize(
    ("text", "pack"),
    [
        ("later", EN),
        ("half an hour", EN),  # no "in": too close to the answer "half"
        ("twenty minutes", EN),
        ("in a while", EN),
        ("in twenty", EN),
        ("I did it in twenty minutes flat", EN),
        ("", EN),
        ("나중에", KO),
        ("이십 분", KO),
        ("네 시간", KO),
        ("후에", KO),
    ],
)
def test_snooze_not_a_time_is_none(text, pack):
    assert parse_snooze(text, pack) is None


@pytest.mark.parametrize("pack", PACKS.values(), ids=lambda p: p.code)
def test_snooze_no_answer_or_command_word_is_a_time(pack):
    for group in (*pack.answers.values(), *pack.commands.values()):
        for phrase in group:
            assert parse_snooze(phrase, pack) is None, phrase


@pytest.mark.parametrize("pack", PACKS.values(), ids=lambda p: p.code)
def test_snooze_spoken_phrases_parse_in_range_and_not_as_answers(pack):
    for phrase in pack.snooze.spoken:
        snooze = parse_snooze(phrase, pack)
        assert snooze is not None and snooze.in_range, phrase
        assert parse_command(phrase, pack) is None
        assert phrase in pack.vocabulary()


def test_snooze_out_of_range_is_parsed_but_not_in_range():
    assert not parse_snooze("in 13 hours", EN).in_range
    assert not parse_snooze("in 0 minutes", EN).in_range
    assert not parse_snooze("열세 시간 후에", KO).in_range
    assert parse_snooze("in 12 hours", EN).in_range
    assert (SHORTEST, LONGEST) == (1, 720)


@given(st.integers(min_value=0, max_value=10_000))
def test_snooze_typed_digits_any_count_round_trips(minutes):
    assert parse_snooze(f"in {minutes} minutes", EN) == Snooze(minutes)
    assert parse_snooze(f"{minutes}분 뒤에", KO) == Snooze(minutes)
    assert parse_snooze(f"in {minutes} hours", EN) == Snooze(minutes * 60)


@given(st.sampled_from(sorted(EN.snooze.numbers.items())), st.sampled_from(["", "!", " ."]))
def test_snooze_english_number_words_round_trip(item, punctuation):
    word, value = item
    unit = "minute" if value == 1 else "minutes"
    assert parse_snooze(f"in {word} {unit}{punctuation}", EN) == Snooze(value)


@given(st.sampled_from(sorted(KO.snooze.numbers.items())), st.booleans())
def test_snooze_korean_number_words_round_trip(item, glued):
    word, value = item
    gap = "" if glued else " "
    assert parse_snooze(f"{word}{gap}분{gap}후에", KO) == Snooze(value)


@given(st.text(max_size=30))
def test_snooze_any_text_is_none_or_a_count(text):
    for pack in PACKS.values():
        found = parse_snooze(text, pack)
        assert found is None or found.minutes >= 0


def test_snooze_pick_vocabulary_offers_spoken_snooze_phrases():
    from microalign.core.dialogue.answers import pick_vocabulary

    words = pick_vocabulary(("Courage", "용기"), KO)
    assert set(KO.snooze.spoken) <= set(words)
