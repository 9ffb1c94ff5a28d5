"""English check-ins by voice: the engine and store, the voice Speaker, the Listener the
program picks for English (Whisper tiny.en: no English Vosk model is installed here), the
private PulseAudio's virtual microphone and espeak-ng's English voice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from microalign.adapters.speech.engines import WhisperListener
from microalign.app.checkin import run_checkin
from microalign.app.weekly import week_start
from microalign.i18n import EN
from microalign.service.compose import make_listener
from tests.app.test_evening_voice import AnsweringSpeaker
from tests.harness.audio import PROMPT_RATE

pytestmark = pytest.mark.audio

MODEL = "whisper-tiny.en"


def _confirms(*said: str) -> dict[str, list[str]]:
    """An answer heard in doubt is read back; the user confirms what they said."""
    return {EN.t("say.confirm", text=word): ["yes"] for word in said}


def _run(app, mic_answers, speech_wav, script: dict[str, list[str]], checkin: str = "evening"):
    def english(text: str):
        return speech_wav(text, voice=EN.voice)

    speaker = AnsweringSpeaker(
        mic_answers, english, script, EN.voice, PROMPT_RATE, readback=(EN, "no")
    )
    listener = make_listener("voice", app.config, app.pack, app.paths)
    assert isinstance(listener, WhisperListener)
    try:
        result = run_checkin(app, checkin, speaker, listener, source="voice")
    finally:
        listener.close()
        speaker.close()
    rows = {r.step: r for r in app.store.day_answers(app.today(), checkin)}
    print(result.status, speaker.asked, {k: (r.text, r.outcome) for k, r in rows.items()})
    return result, speaker.asked, rows


def _goals(app, *texts: str) -> list[dict]:
    return [app.goals.add(t, None, None, None, app.today()).goal for t in texts]


def test_english_evening_review_by_voice_stores_spoken_outcomes(mic_answers, speech_wav, app):
    goals = _goals(app, "Drink water", "Take a walk", "Read a book", "Meditate")
    q = [EN.goal_phrase(g.text) for g in goals]
    script = {
        q[0]: ["repeat", "yes"],  # repeat the question, then kept
        q[1]: ["no"],
        q[2]: ["skip"],  # rest ...
        EN.t("say.skip_reason"): ["next"],  # ... without a reason
        q[3]: ["partly"],
        EN.t("say.feeling_prompt"): ["I felt happy"],
        EN.extra_prompts[0]: ["I went for a walk"],
        EN.extra_prompts[1]: ["Nothing else"],
    } | _confirms("yes", "no", "skip", "partly", "repeat")
    result, asked, rows = _run(app, mic_answers, speech_wav, script)
    assert result.status == "done"
    assert asked[:2] == ["repeat", "yes"]  # the repeat was understood
    assert [rows[f"goal:{g.id}"].outcome for g in goals] == [
        "kept",
        "missed",
        "rest",
        "partly",
    ]
    assert all(rows[k].status == "final" and rows[k].model == MODEL for k in rows)
    # Free speech is heard as text. tiny.en hears these sentences right wherever they start
    # in the capture (80 of 80 in tests/bench/test_bench_free_phrases.py); it heard "It felt
    # good" and "Nothing really" right 75 and 15 times of 80 ("It's L-D-D.", "That didn't
    # really."), and this test failed about one run in ten.
    free = {"feeling": "happy", "extra:0": "walk", "extra:1": "nothing"}
    heard = {step: rows[step].text for step in free}
    assert all(word in heard[step].lower() for step, word in free.items()), heard
    assert app.store.answers_for_retranscribe(pending_only=True) == []


def test_english_evening_question_not_an_answer_rejected_and_reasked(mic_answers, speech_wav, app):
    (goal,) = _goals(app, "Drink water")
    question = EN.goal_phrase(goal.text)
    script = {
        question: ["what time is it", "yes"],
        EN.t("say.feeling_prompt"): ["next"],
        EN.extra_prompts[0]: ["next"],
        EN.extra_prompts[1]: ["next"],
    } | _confirms("yes")
    _, asked, rows = _run(app, mic_answers, speech_wav, script)
    # Asked again after the question; where Whisper, prompted with the answer words, heard
    # it as one ("well tie a bit"), it was read back, and the user said no.
    to_goal = asked[: asked.index("next")]
    assert to_goal[0] == "what time is it" and "yes" in to_goal[1:]
    assert set(to_goal[1:]) <= {"no", "yes"}  # read-backs denied or confirmed
    assert rows[f"goal:{goal.id}"].outcome == "kept"
    unused = rows[f"goal:{goal.id}#unused"]
    assert unused.outcome is None and unused.audio_path


def test_english_morning_intention_by_voice_stored(mic_answers, speech_wav, app):
    _goals(app, "Drink water")
    script = {prompt: ["Drink more water"] for prompt in EN.intention_prompts}
    result, _, rows = _run(app, mic_answers, speech_wav, script, checkin="morning")
    assert result.status == "done"
    intention = rows["intention"]
    assert intention.model == MODEL and intention.status == "final"
    assert "water" in intention.text.lower()


def test_english_snooze_by_voice_in_twenty_minutes(mic_answers, speech_wav, app):
    (goal,) = _goals(app, "Drink water")
    question = EN.goal_phrase(goal.text)
    script = {question: ["in twenty minutes"]} | _confirms("in twenty minutes")
    before = datetime.now(UTC)
    result, asked, _ = _run(app, mic_answers, speech_wav, script)
    assert result.status == "snoozed"
    # Heard as the snooze, at most read back; a mishearing is asked again, never taken.
    assert set(asked) <= {"in twenty minutes", "yes"} and "in twenty minutes" in asked, asked
    assert result.snooze_until is not None
    assert timedelta(minutes=20) <= result.snooze_until - before < timedelta(minutes=21)
    assert app.store.checkin_status(app.today(), "evening") == "snoozed"


def test_english_stop_by_voice_ends_review_keeping_answers(mic_answers, speech_wav, app):
    goals = _goals(app, "Drink water", "Take a walk")
    q = [EN.goal_phrase(g.text) for g in goals]
    script = {q[0]: ["yes"], q[1]: ["stop"]} | _confirms("yes", "stop")
    result, asked, rows = _run(app, mic_answers, speech_wav, script)
    assert result.status == "stopped"
    assert asked[:2] == ["yes", "stop"]
    assert rows[f"goal:{goals[0].id}"].outcome == "kept"
    assert f"goal:{goals[1].id}" not in rows


def test_english_weekly_review_by_voice_stores_spoken_focus(mic_answers, speech_wav, app):
    app.goals.add("Speak up in the meeting", "courage", None, None, app.today())
    script = {
        EN.t("say.weekly.focus_prompt"): ["courage"],
        EN.t("say.weekly.carry_prompt"): ["Drink more water"],
    } | _confirms("courage")
    result, asked, rows = _run(app, mic_answers, speech_wav, script, checkin="weekly")
    assert result.status == "done"
    assert set(asked) <= {"courage", "yes", "Drink more water"}, asked
    assert rows["focus"].model == MODEL and rows["focus"].status == "final"
    focus = app.store.week_focus(week_start(app.today()) + timedelta(days=7))
    assert focus is not None and focus.value == "courage", focus
    assert "water" in focus.carry.lower(), focus
