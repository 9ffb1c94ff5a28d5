"""A spoken evening review on an encrypted store: every answer's audio is sealed as it is
recorded (the real PulseAudio microphone, the real Korean model), and no file of the data
folder holds a plain WAV or SQLite header."""

from __future__ import annotations

import pytest

from microalign.adapters.crypto import audiofile, keys
from microalign.adapters.speech.audio import read_speech_wav
from microalign.app.checkin import run_checkin
from microalign.i18n import KO
from microalign.service.compose import make_listener
from tests.app.test_evening_voice import AnsweringSpeaker, ko_app  # noqa: F401 - a fixture
from tests.harness.audio import PROMPT_RATE

pytestmark = pytest.mark.audio


@pytest.fixture
def encrypted_app(ko_app, monkeypatch):  # noqa: F811 - the fixture imported above
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "voice passphrase")
    ko_app.paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    keys.create(ko_app.paths.data_dir, keys.PASSPHRASE)
    yield ko_app
    audiofile.use_key(None)


def test_evening_by_voice_on_encrypted_store_seals_every_recording(
    mic_answers, speech_wav, encrypted_app
):
    app = encrypted_app
    assert app.store.encrypted
    goal = app.goals.add("물 마시기", None, None, None, app.today()).goal
    script = {
        KO.goal_phrase(goal.text): ["네"],
        KO.t("say.feeling_prompt"): ["좋아요"],
        KO.extra_prompts[0]: ["안녕하세요"],
        KO.extra_prompts[1]: ["감사합니다"],
    }
    script |= {KO.t("say.confirm", text=w): ["네"] for w in ("네", "좋아요")}
    speaker = AnsweringSpeaker(mic_answers, speech_wav, script, KO.voice, PROMPT_RATE)
    listener = make_listener("voice", app.config, app.pack, app.paths)
    try:
        result = run_checkin(app, "evening", speaker, listener, source="voice")
    finally:
        listener.close()
        speaker.close()
    assert result.status == "done"
    rows = {r.step: r for r in app.store.day_answers(app.today(), "evening")}
    assert rows[f"goal:{goal.id}"].outcome == "kept"
    recordings = [app.paths.data_dir / r.audio_path for r in rows.values() if r.audio_path]
    assert recordings
    for path in recordings:
        assert path.read_bytes().startswith(audiofile.MAGIC)
        assert len(read_speech_wav(path)) > 16000  # half a second and more, read back
    app.close()
    for path in app.paths.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"RIFF" not in data[:4] and b"SQLite format 3" not in data, path
