"""Speech that is no answer, through the real model and the virtual microphone: rejected
and asked again, its audio set aside, never stored as the goal's answer."""

from __future__ import annotations

import pytest

from microalign import config as configuration
from microalign.app.checkin import run_checkin
from microalign.i18n import KO
from microalign.service.compose import make_listener
from tests.app.test_evening_voice import AnsweringSpeaker
from tests.harness.audio import PROMPT_RATE

pytestmark = pytest.mark.audio

# A sentence espeak-ng's Korean voice says and the grammar hears as filler words
# (rejected in every voicing of the benchmark set); then a plain "yes".
NOT_AN_ANSWER = "오늘은 날씨가 좋네요"


@pytest.fixture
def korean_app(app):
    path = app.paths.config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = configuration.default_text().replace('language = "en"', 'language = "ko"')
    path.write_text(text.replace("silence_seconds = 1.0", "silence_seconds = 0.8"))
    return app


def test_evening_voice_sentence_not_an_answer_rejected_and_reasked(
    mic_answers, speech_wav, korean_app
):
    app = korean_app
    goal = app.goals.add("물 마시기", None, None, None, app.today()).goal
    question = KO.goal_phrase(goal.text)
    yes = KO.answers["yes"][0]
    script = {
        question: [NOT_AN_ANSWER, yes],
        KO.t("say.feeling_prompt"): ["넘겨"],
        KO.extra_prompts[0]: ["넘겨"],
        KO.extra_prompts[1]: ["넘겨"],
    }
    speaker = AnsweringSpeaker(mic_answers, speech_wav, script, KO.voice, PROMPT_RATE)
    listener = make_listener("voice", app.config, app.pack, app.paths)
    try:
        result = run_checkin(app, "evening", speaker, listener, source="voice")
    finally:
        listener.close()
        speaker.close()
    rows = {r.step: r for r in app.store.day_answers(app.today(), "evening")}
    print(result.status, speaker.asked, {k: (r.text, r.outcome) for k, r in rows.items()})
    assert speaker.asked[:2] == [NOT_AN_ANSWER, yes]  # asked again after the sentence
    assert rows[f"goal:{goal.id}"].outcome == "kept"
    unused = rows[f"goal:{goal.id}#unused"]
    assert unused.outcome is None and unused.audio_path
