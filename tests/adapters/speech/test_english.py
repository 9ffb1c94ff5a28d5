"""English recognition: only where an English Vosk model is installed (SPEC §7).

No registry here ships one, so on these machines the test skips and says how to enable it.
"""

import pytest

from microalign.adapters.speech.models import load_catalogue, locate
from microalign.core.dialogue.answers import parse_choice
from microalign.errors import ModelError
from microalign.i18n import EN
from microalign.ports.speech import AnswerKind


@pytest.fixture(scope="module")
def en_model(tmp_path_factory):
    import os
    from pathlib import Path

    from microalign.adapters.speech.stt import LoadedModel

    data = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local/share")) / "microalign"
    try:
        found = locate("", "en", data / "models", load_catalogue())
    except ModelError as exc:
        pytest.skip(f"no English Vosk model installed ({exc.hint})")
    return LoadedModel(found.path, found.name)


@pytest.mark.parametrize("word", ["yes", "no", "partly", "skip", "repeat", "stop"])
def test_english_grammar_answer_recognised(en_model, speech_wav, word):
    from microalign.adapters.speech.stt import transcribe_wav

    heard = transcribe_wav(
        en_model, speech_wav(word, voice="en-us"), AnswerKind.CHOICE, EN.vocabulary()
    )
    parsed = parse_choice(heard.text, EN)
    assert parsed is not None and word in (parsed.value, heard.text)


def test_english_missing_model_error_says_what_to_run(tmp_path):
    with pytest.raises(ModelError) as info:
        locate("", "en", tmp_path, load_catalogue())
    assert "microalign models fetch vosk-model-small-en-us-0.15" in info.value.hint
