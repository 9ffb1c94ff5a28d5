"""Typed answers as people type them, and what happens to a question left unanswered or a
rest day's reason: with the real terminal Speaker and Listener on in-memory streams."""

from __future__ import annotations

import io
from datetime import date

import pytest

from microalign.adapters.speech.terminal import TerminalListener, TerminalSpeaker
from microalign.app.checkin import run_checkin
from microalign.ports.speech import Heard

DAY = date(2026, 11, 18)  # a Wednesday
WATER = "Did you drink water today?"


def run(app, answers, listener=None):
    out = io.StringIO()
    listener = listener or TerminalListener(io.StringIO(answers), out)
    result = run_checkin(app, "evening", TerminalSpeaker(out), listener, day=DAY)
    return result, out.getvalue()


@pytest.fixture
def two_goals(app):
    water = app.goals.add("Drink water", None, None, None, DAY).goal
    walk = app.goals.add("Walk", None, None, None, DAY).goal
    return water.id, walk.id


def outcomes(app):
    return {g: o[DAY] for g, o in app.store.goal_outcomes().items() if DAY in o}


def rows(app):
    return {r.step: r for r in app.store.day_answers(DAY)}


def korean(app):
    app.__dict__["config"] = app.config.model_copy(
        update={"general": app.config.general.model_copy(update={"language": "ko"})}
    )
    app.__dict__.pop("pack", None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("y\nn\n", ("kept", "missed")), ("YES\nNah\n", ("kept", "missed")),
     ("Yep\nNOPE\n", ("kept", "missed")), ("yeah\nN\n", ("kept", "missed"))],
    ids=["y-n", "YES-Nah", "Yep-NOPE", "yeah-N"],
)  # fmt: skip
def test_engine_typed_short_answers_any_case_are_answers(app, two_goals, typed, expected):
    result, out = run(app, typed + "\n\n\n")
    assert result.status == "done", out
    assert "didn't" not in out, out
    assert outcomes(app) == dict(zip(two_goals, expected, strict=True))


@pytest.mark.parametrize(("typed", "expected"), [("예\n아뇨\n", ("kept", "missed")),
                                                ("응\n아니\n", ("kept", "missed")),
                                                ("네\n아니요\n", ("kept", "missed"))],
                         ids=["예-아뇨", "응-아니", "네-아니요"])  # fmt: skip
def test_engine_typed_korean_short_answers_are_answers(app, two_goals, typed, expected):
    korean(app)
    result, out = run(app, typed + "\n\n\n")
    assert result.status == "done", out
    assert outcomes(app) == dict(zip(two_goals, expected, strict=True))


def test_engine_typed_unclear_answer_says_didnt_understand(app, two_goals):
    _, out = run(app, "banana\nyes\nyes\n\n\n\n")
    assert "Sorry, I didn't understand. Please answer yes / no / partly / skip" in out, out
    assert "catch" not in out


def test_engine_typed_unclear_answer_korean_says_didnt_understand(app, two_goals):
    korean(app)
    _, out = run(app, "바나나\n네\n네\n\n\n\n")
    assert "잘 이해하지 못했어요." in out and "잘 못 들었어요" not in out, out


class Spoken:
    """Answers as a speech recogniser reports them (not typed)."""

    def __init__(self, texts):
        self.texts = list(texts)

    def listen(self, request):
        return Heard(text=self.texts.pop(0) if self.texts else "", confidence=1.0, model="vosk")

    def close(self):
        pass


def test_engine_spoken_unclear_answer_keeps_didnt_catch(app, two_goals):
    _, out = run(app, "", Spoken(["banana", "yes", "yes", "fine", "", ""]))
    assert "Sorry, I didn't catch that." in out, out
    assert outcomes(app) == dict.fromkeys(two_goals, "kept")


def test_engine_spoken_typed_only_words_are_no_answer(app, two_goals):
    _, out = run(app, "", Spoken(["nah", "y", "no", "yes", "fine", "", ""]))
    assert out.count(WATER) == 3, out
    assert outcomes(app) == dict(zip(two_goals, ("missed", "kept"), strict=True))


def test_engine_goal_unanswered_after_last_reask_named_and_checkin_not_done(app, two_goals):
    water, walk = two_goals
    result, out = run(app, "what\nhmm\nbanana\nyes\nfine\n\n\n")
    assert out.count(WATER) == 3, out
    assert outcomes(app) == {walk: "kept"}  # nothing stored for water
    assert "Drink water: no answer yet. Start this check-in again to answer it." in out, out
    assert "Walk: 1 day in a row." in out
    assert result.status == "stopped" and result.unanswered == ["Drink water"]
    assert app.store.checkin_status(DAY, "evening") == "stopped"
    assert app.store.completed_checkin_days() == []  # not counted as a check-in
    # The same command asks only the goal still open, then the evening is done.
    again, out = run(app, "yes\n")
    assert out.count(WATER) == 1 and "Did you walk today?" not in out, out
    assert again.status == "done" and again.unanswered == []
    assert outcomes(app) == {water: "kept", walk: "kept"}


def test_engine_skip_reason_bare_yes_asks_for_the_reason(app, two_goals):
    water, _ = two_goals
    _, out = run(app, "skip\nyes\nI was ill\nyes\n\n\n\n")
    assert "What is the reason? Say it, or say next." in out, out
    assert rows(app)[f"goal:{water}"].reason == "I was ill"
    assert outcomes(app)[water] == "rest"


@pytest.mark.parametrize(
    "typed", ["skip\nyes\nyes\n", "skip\nno\n", "skip\nnext\n", "skip\n\n", "skip, yes\nnope\n"]
)
def test_engine_skip_reason_answer_words_are_never_the_reason(app, two_goals, typed):
    water, walk = two_goals
    result, out = run(app, typed + "yes\n\n\n\n")
    assert result.status == "done", out
    assert rows(app)[f"goal:{water}"].reason is None
    assert outcomes(app) == {water: "rest", walk: "kept"}


def test_engine_skip_reason_inline_is_kept_without_asking(app, two_goals):
    water, _ = two_goals
    _, out = run(app, "skip, I was ill\nyes\n\n\n\n")
    assert "Any reason" not in out
    assert rows(app)[f"goal:{water}"].reason == "I was ill"


def test_engine_skip_reason_stop_ends_like_at_any_question(app, two_goals):
    water, _ = two_goals
    result, out = run(app, "skip\nstop\n")
    assert result.status == "stopped", out
    assert "Did you walk today?" not in out
    assert outcomes(app) == {water: "rest"}
