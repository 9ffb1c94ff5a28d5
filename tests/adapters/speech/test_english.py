"""English recognition: through whichever engine the program picks for English (SPEC §7):
a Vosk model where one is installed, else Whisper tiny.en (the microalign[whisper] extra,
which the test setup installs)."""

import pytest

from microalign.adapters.speech import models
from microalign.adapters.speech.models import load_catalogue, locate
from microalign.core.dialogue.answers import parse_choice
from microalign.errors import ModelError
from microalign.i18n import EN
from microalign.ports.speech import AnswerKind


@pytest.fixture(scope="module")
def en_transcribe():
    import os
    from pathlib import Path

    from microalign.adapters.speech import stt, whisper

    data = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local/share")) / "microalign"
    found = locate("", "en", data / "models", load_catalogue())
    if found.engine == models.WHISPER:
        whisper.verify_files(found.path, found.entry, None)
        model = whisper.WhisperModel(found.path, found.name, "en")
        return lambda wav: whisper.transcribe_wav(model, wav, AnswerKind.CHOICE, EN)
    vosk = stt.LoadedModel(found.path, found.name)
    return lambda wav: stt.transcribe_wav(vosk, wav, AnswerKind.CHOICE, EN.vocabulary())


@pytest.mark.parametrize("word", ["yes", "no", "partly", "skip", "repeat", "stop"])
def test_english_grammar_answer_recognised(en_transcribe, speech_wav, word):
    heard = en_transcribe(speech_wav(word, voice="en-us"))
    parsed = parse_choice(heard.text, EN)
    assert parsed is not None and word in (parsed.value, heard.text)


def test_english_missing_model_error_says_what_to_run(tmp_path):
    vosk_only = [e for e in load_catalogue() if e.engine == models.VOSK]
    with pytest.raises(ModelError) as info:
        locate("", "en", tmp_path, vosk_only)
    assert "microalign models fetch vosk-model-small-en-us-0.15" in info.value.hint


def test_english_auto_engine_whisper_when_no_vosk_model(tmp_path):
    found = locate("", "en", tmp_path, load_catalogue(), models.AUTO)
    assert (found.name, found.engine) == ("whisper-tiny.en", models.WHISPER)


def test_english_forced_vosk_engine_without_vosk_model_raises(tmp_path):
    with pytest.raises(ModelError) as info:
        locate("", "en", tmp_path, load_catalogue(), models.VOSK)
    assert "vosk-model-small-en-us-0.15" in info.value.hint


def test_english_auto_engine_vosk_model_first(tmp_path):
    installed = tmp_path / "vosk-model-small-en-us-0.15"
    (installed / "am").mkdir(parents=True)
    (installed / "conf").mkdir()
    found = locate("", "en", tmp_path, load_catalogue(), models.AUTO)
    assert (found.name, found.engine) == ("vosk-model-small-en-us-0.15", models.VOSK)
    forced = locate("", "en", tmp_path, load_catalogue(), models.WHISPER)
    assert forced.engine == models.WHISPER
