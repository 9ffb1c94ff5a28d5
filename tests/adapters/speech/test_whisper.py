"""The Whisper adapter's own rules: model files checked against the catalogue before first
use, a free transcript brought into a grammar's form, invented segments dropped, and the
engine chosen from speech.engine."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from microalign import config as configuration
from microalign.adapters.speech import models
from microalign.adapters.speech.audio import read_speech_wav
from microalign.adapters.speech.engines import WhisperListener, make_voice_listener
from microalign.adapters.speech.listener import VoskListener
from microalign.adapters.speech.whisper import (
    CHOICE_BEAM,
    FREE_BEAM,
    Guards,
    as_choice,
    verify_files,
)
from microalign.errors import ModelError
from microalign.i18n import EN
from microalign.ports.speech import AnswerKind
from tests.harness.audio import whisper_model_dir


@pytest.fixture(scope="module")
def entry() -> models.Entry:
    found = models.find_entry("whisper-tiny.en", models.load_catalogue())
    assert found is not None and found.engine == models.WHISPER and found.files
    return found


@pytest.fixture
def model_copy(tmp_path):
    """A copy of the installed model (its files are hard to damage in place)."""
    copy = tmp_path / "whisper-tiny.en"
    shutil.copytree(whisper_model_dir(), copy)
    return copy


def test_whisper_verify_installed_files_match_catalogue_remembered(entry, tmp_path):
    verify_files(whisper_model_dir(), entry, tmp_path / "stamps")
    assert len(list((tmp_path / "stamps" / "verified").iterdir())) == len(entry.files or {})


def test_whisper_verify_damaged_file_raises_naming_it(entry, model_copy, tmp_path):
    with open(model_copy / "vocabulary.txt", "ab") as f:
        f.write(b"x")
    with pytest.raises(ModelError) as info:
        verify_files(model_copy, entry, tmp_path / "stamps")
    assert info.value.key == "model_file_corrupt"
    assert "vocabulary.txt" in str(info.value) and "pip install" in str(info.value)


def test_whisper_verify_missing_file_raises(entry, model_copy):
    (model_copy / "tokenizer.json").unlink()
    with pytest.raises(ModelError) as info:
        verify_files(model_copy, entry, None)
    assert info.value.key == "model_file_missing"


def test_whisper_model_dir_recognised_as_whisper_engine(model_copy):
    assert models.engine_of_dir(model_copy) == models.WHISPER
    assert models.locate(str(model_copy), "en", model_copy.parent, []).engine == models.WHISPER


@pytest.mark.parametrize(
    ("text", "said", "unmatched", "checked"),
    [
        ("Yes.", "yes", 0, True),
        ("In 20 minutes.", "in twenty minutes", 0, True),
        ("Partly, yes!", "partly yes", 0, True),  # answer words only: the judge sees it whole
        ("Yes, please.", "yes please", 1, False),
        ("What time is it?", "what time is it", 4, False),
        ("", "", 0, False),
    ],
)
def test_whisper_choice_text_in_grammar_form(text, said, unmatched, checked):
    heard = as_choice(text, EN.vocabulary(), EN.snooze.numbers, 0.5, None, "whisper-tiny.en")
    assert (heard.text, heard.unmatched) == (said, unmatched)
    assert heard.check_text == (said if checked else None)


@pytest.mark.parametrize(
    ("no_speech", "logprob", "compression", "invented"),
    [
        (0.1, -0.3, 1.2, False),
        (0.9, -1.2, 1.2, True),  # Whisper's own silence rule
        (0.9, -0.4, 1.2, False),  # likely silence, but heard clearly
        (0.1, -1.8, 1.2, True),
        (0.1, -0.3, 3.0, True),  # "no, no, no, no, ..."
    ],
)
def test_whisper_guards_drop_invented_segments(no_speech, logprob, compression, invented):
    segment = SimpleNamespace(
        no_speech_prob=no_speech, avg_logprob=logprob, compression_ratio=compression
    )
    assert Guards().invented(segment) is invented


@pytest.mark.parametrize(
    ("engine", "kind"), [("auto", WhisperListener), ("whisper", WhisperListener), ("vosk", None)]
)
def test_voice_listener_engine_setting_picks_listener(app, engine, kind):
    cfg = configuration.Config.model_validate({"speech": {"engine": engine}})
    listener = make_voice_listener(cfg, EN, app.paths)
    try:
        if kind is None:  # no English Vosk model: the first answer says so
            assert type(listener) is VoskListener
            with pytest.raises(ModelError):
                listener.preload()
        else:
            assert type(listener) is kind
    finally:
        listener.close()


def test_whisper_free_text_beam_search_choice_greedy(en_whisper, speech_wav, monkeypatch):
    """Free text is searched with a beam (fewer word errors in noise at the same time per
    answer, tests/bench/test_bench_second_opinion.py); a choice, steered by its prompt,
    greedily."""
    seen: list[tuple[int, bool]] = []
    transcribe = en_whisper.model.transcribe

    def spy(samples, **kwargs):
        seen.append((kwargs["beam_size"], bool(kwargs["initial_prompt"])))
        return transcribe(samples, **kwargs)

    monkeypatch.setattr(en_whisper.model, "transcribe", spy)
    pcm = read_speech_wav(speech_wav("I went for a walk", voice=EN.voice))
    free = en_whisper.heard(pcm, AnswerKind.FREE, (), EN)
    choice = en_whisper.heard(pcm, AnswerKind.CHOICE, EN.vocabulary(), EN)
    assert seen == [(FREE_BEAM, False), (CHOICE_BEAM, True)]
    assert FREE_BEAM > 1 and CHOICE_BEAM == 1
    assert "walk" in free.text.lower() and choice.check_text is None
