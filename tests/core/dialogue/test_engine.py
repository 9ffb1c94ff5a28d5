"""The dialogue engine with the real terminal Speaker and Listener on in-memory streams."""

import io
from dataclasses import astuple
from datetime import UTC, date, datetime, timedelta

import pytest

from microalign.adapters.lock import checkin_lock
from microalign.adapters.speech.terminal import TerminalListener, TerminalSpeaker
from microalign.app.checkin import run_checkin
from microalign.errors import BusyError, NoSpeechError, SpeechError

DAY = date(2026, 11, 18)  # a Wednesday


def run(app, name, answers, day=DAY, listener=None):
    out = io.StringIO()
    listener = listener or TerminalListener(io.StringIO(answers), out)
    result = run_checkin(app, name, TerminalSpeaker(out), listener, day=day)
    return result, out.getvalue()


@pytest.fixture
def two_goals(app):
    a = app.goals.add("Ask one question in the meeting", "commitment", None, None, DAY).goal
    b = app.goals.add("Smile at one person", "respect", None, None, DAY).goal
    return a, b


def outcomes(app, day=DAY):
    return {g: o[day] for g, o in app.store.goal_outcomes().items() if day in o}


def test_engine_evening_stores_outcomes_reason_feeling(app, two_goals):
    a, b = two_goals
    result, out = run(app, "evening", "yes\nskip, I was ill\nproud of myself\nspoke first\n\n")
    assert result.status == "done"
    assert outcomes(app) == {a.id: "kept", b.id: "rest"}
    rows = {r.step: r for r in app.store.day_answers(DAY)}
    assert rows[f"goal:{b.id}"].reason == "I was ill"
    assert rows["feeling"].text == "proud of myself"
    assert rows["extra:0"].text == "spoke first"
    assert "Ask one question in the meeting: 1 day in a row." in out


def test_engine_evening_reads_back_morning_intention(app, two_goals):
    run(app, "morning", "listen before I answer\n")
    result, out = run(app, "evening", "partly\nyes\nno\n\n\n\n")
    assert "This morning you said: listen before I answer. Did you keep it?" in out
    rows = {r.step: r for r in app.store.day_answers(DAY, "evening")}
    assert rows["intention_kept"].outcome == "partly"
    assert result.status == "done"


def test_engine_morning_reads_back_and_lists_goals(app, two_goals):
    result, out = run(app, "morning", "be patient\n")
    assert result.status == "done"
    assert "Noted: be patient." in out
    assert "Smile at one person" in out.split("Your micro-goals for today:")[1]


def test_engine_repeat_asks_again_unclear_answer_reasks(app, two_goals):
    a, b = two_goals
    _, out = run(app, "evening", "repeat\nbanana\nno\npartly\n\n\n\n")
    assert out.count("Did you ask one question in the meeting today?") == 3
    assert "Sorry, I didn't understand." in out  # typed: read, not misheard
    assert outcomes(app) == {a.id: "missed", b.id: "partly"}


def test_engine_stop_keeps_answers_and_resume_skips_them(app, two_goals):
    a, b = two_goals
    result, _ = run(app, "evening", "yes\nstop\n")
    assert result.status == "stopped"
    assert outcomes(app) == {a.id: "kept"}
    result2, out = run(app, "evening", "no\nfine\n\n\n")
    assert result2.checkin_id == result.checkin_id
    assert "ask one question" not in out
    assert outcomes(app) == {a.id: "kept", b.id: "missed"}
    assert app.store.checkin_status(DAY, "evening") == "done"


def test_engine_closed_input_keeps_what_was_answered(app, two_goals):
    a, _ = two_goals
    result, _ = run(app, "evening", "yes\n")
    assert result.status == "stopped"
    assert outcomes(app) == {a.id: "kept"}


def test_engine_later_snoozes(app, two_goals):
    result, out = run(app, "evening", "later\n")
    assert result.status == "snoozed"
    assert f"I'll ask again at {result.snooze_until:%H:%M}." in out
    assert app.store.checkin_status(DAY, "evening") == "snoozed"


def test_engine_snooze_with_time_ends_and_stores_that_time(app, two_goals):
    before = datetime.now(UTC)
    result, out = run(app, "evening", "yes\nin half an hour\n")
    assert result.status == "snoozed"
    assert outcomes(app) == {two_goals[0].id: "kept"}  # not "partly" (the word "half")
    assert result.snooze_until is not None
    assert timedelta(minutes=30) <= result.snooze_until - before < timedelta(minutes=31)
    assert out.endswith(f"Okay, I'll ask again at {result.snooze_until:%H:%M}.\n")
    ((day, name, kind, until),) = [astuple(r) for r in app.store.checkin_requests()]
    assert (day, name, kind, until) == (DAY, "evening", "snooze", result.snooze_until)


def test_engine_snooze_out_of_range_says_range_and_asks_again(app, two_goals):
    result, out = run(app, "evening", "in 13 hours\nin 0 minutes\nin 20 minutes\n")
    said = "I can wait between 1 minute and 12 hours. When shall I ask again?"
    assert out.count(said) == 2
    assert out.count("Did you ask one question in the meeting today?") == 3
    assert result.status == "snoozed"
    assert result.snooze_until is not None
    assert app.store.checkin_status(DAY, "evening") == "snoozed"


def test_engine_free_answer_snooze_phrase_ends_check_in(app, two_goals):
    result, _ = run(app, "evening", "yes\nno\nin an hour\n")
    assert result.status == "snoozed"
    rows = {r.step for r in app.store.day_answers(DAY)}
    assert "feeling" not in rows


class SilentListener:
    """Fault injection: a microphone that never hears anything."""

    calls = 0

    def listen(self, request):
        SilentListener.calls += 1
        raise NoSpeechError("nothing heard")

    def close(self):
        pass


def test_engine_no_speech_twice_ends_checkin(app, two_goals):
    SilentListener.calls = 0
    result, out = run(app, "evening", "", listener=SilentListener())
    assert result.status == "no_speech"
    assert SilentListener.calls == 2
    assert "I didn't hear anything. Once more:" in out
    assert app.store.checkin_status(DAY, "evening") == "no_speech"


def test_engine_second_checkin_while_one_runs_is_refused(app, two_goals):
    with checkin_lock(app.paths), pytest.raises(BusyError, match="already running"):
        run(app, "evening", "yes\n")


def test_engine_goal_not_scheduled_today_is_not_asked(app):
    app.goals.add("Weekend walk", None, None, "sat,sun", DAY)
    _, out = run(app, "evening", "\n\n\n")
    assert "Weekend walk" not in out


def test_engine_milestone_spoken_and_recorded_once(app, two_goals):
    for n in range(3):
        day = date(2026, 11, 18 + n)
        run(app, "evening", "yes\nyes\n\n\n\n", day=day)
    keys = app.store.milestone_keys()
    assert {f"streak:{two_goals[0].id}:3", f"streak:{two_goals[1].id}:3"} <= keys
    _, out = run(app, "evening", "yes\nyes\n\n\n\n", day=date(2026, 11, 21))
    assert "Milestone" not in out


class UnsureListener(TerminalListener):
    """Fault injection: typed answers reported with a poor recognition confidence."""

    def listen(self, request):
        heard = super().listen(request)
        heard.confidence = 0.3
        return heard


def test_engine_low_confidence_answer_is_confirmed(app, two_goals):
    app.__dict__["config"] = app.config.model_copy(
        update={"speech": app.config.speech.model_copy(update={"confirm_below_confidence": 0.5})}
    )
    a, b = two_goals
    out = io.StringIO()
    answers = io.StringIO("yes\nno\npartly\nyes\nno\nyes\n\n\n\n")
    result = run_checkin(
        app, "evening", TerminalSpeaker(out), UnsureListener(answers, out), day=DAY
    )
    text = out.getvalue()
    assert "I heard: yes. Is that right?" in text
    # goal a: "yes" denied ("no"), asked again: "partly" confirmed; goal b: "no" confirmed.
    assert outcomes(app) == {a.id: "partly", b.id: "missed"}
    assert result.status == "done"


def test_engine_level_up_successor_streak_starts_fresh(app, two_goals):
    from microalign.app.progress import goal_progress

    a, _ = two_goals
    for n in range(2):
        run(app, "evening", "yes\nyes\n\n\n\n", day=date(2026, 11, 18 + n))
    new = app.goals.level_up(a.id, "Ask two questions", date(2026, 11, 20)).goal
    run(app, "evening", "yes\nyes\n\n\n\n", day=date(2026, 11, 20))
    by_id = {p.goal.id: p for p in goal_progress(app, date(2026, 11, 20))}
    assert by_id[a.id].summary.best == 2 and by_id[a.id].goal.state == "mastered"
    assert by_id[new.id].summary.current == 1
    assert f"levelled_up:{a.id}:1" in app.store.milestone_keys()


class RecordingListener:
    """Answers in order and keeps every request (what a voice listener would build)."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []

    def listen(self, request):
        from microalign.ports.speech import Heard

        self.requests.append(request)
        return Heard(text=self.answers.pop(0), confidence=1.0, model="scripted")

    def close(self):
        pass


def test_engine_weekly_focus_request_is_value_grammar_with_required_values(app):
    listener = RecordingListener(["I want more courage", "one question a day"])
    result, out = run(app, "weekly", "", day=DAY, listener=listener)
    assert result.status == "done"
    focus = listener.requests[0]
    values = tuple(app.config.general.values)
    assert focus.vocabulary[: len(values)] == values and "repeat" in focus.vocabulary
    assert focus.required == values
    assert focus.hint.startswith("1 honesty / 2 respect")
    assert listener.requests[1].vocabulary == ()  # carry forward: free speech
    assert "Noted: courage." in out
    week = DAY.fromordinal(DAY.toordinal() - DAY.weekday() + 7)
    found = app.store.week_focus(week)
    assert (found.value, found.carry) == ("courage", "one question a day")


def test_engine_weekly_skip_focus_and_carry_stores_nothing(app):
    result, _ = run(app, "weekly", "skip\nskip\n")
    assert result.status == "done"
    assert app.store.rows("SELECT * FROM weekly_focus") == []


def test_engine_input_closed_at_reason_question_resume_asks_reason_first(app, two_goals):
    a, b = two_goals
    result, _ = run(app, "evening", "skip\n")  # the input ends at the reason question
    assert result.status == "stopped"
    assert outcomes(app) == {a.id: "rest"}
    result2, out = run(app, "evening", "I was ill\nyes\n\n\n\n")
    assert result2.checkin_id == result.checkin_id and result2.status == "done"
    question = "Did you ask one question in the meeting today?"
    assert out.count(question) == 1  # inside the reason question only: the skip stands
    assert f"Earlier you said skip to: {question} Any reason" in out
    rows = {r.step: r for r in app.store.day_answers(DAY)}
    assert rows[f"goal:{a.id}"].reason == "I was ill"
    assert rows[f"goal:{a.id}"].awaiting is None
    assert outcomes(app) == {a.id: "rest", b.id: "kept"}


class FailingAfter(TerminalListener):
    """Fault injection: the microphone fails from the `n`th answer on."""

    def __init__(self, answers: str, out, n: int) -> None:
        super().__init__(io.StringIO(answers), out)
        self.left = n

    def listen(self, request):
        self.left -= 1
        if self.left < 0:
            raise SpeechError("the microphone is gone")
        return super().listen(request)


def test_engine_speech_error_at_reason_question_keeps_skip_and_reason_pending(app, two_goals):
    a, _ = two_goals
    out = io.StringIO()
    with pytest.raises(SpeechError):
        run(app, "evening", "", listener=FailingAfter("skip\n", out, 1))
    assert outcomes(app) == {a.id: "rest"}
    assert app.store.checkin_status(DAY, "evening") == "interrupted"
    (checkin,) = app.store.rows("SELECT id FROM checkins")
    assert app.store.reasons_pending(checkin["id"]) == {f"goal:{a.id}": 1}


def test_engine_korean_later_says_the_time_the_korean_way(app, home, test_clock):
    config = home / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[general]\nlanguage = "ko"\n')
    test_clock.set(datetime(2026, 11, 18, 21, 0), "Europe/Berlin")
    app.goals.add("회의에서 질문 하나 하기", "용기", None, None, DAY)
    result, out = run(app, "evening", "이십 분 후에\n")
    assert result.status == "snoozed"
    assert "알겠어요, 오후 9시 20분에 다시 물어볼게요." in out, out
