"""A model's vocabulary is read once per model and remembered, in the process and on disk."""

from __future__ import annotations

import os

import pytest

from microalign.adapters.speech import stt, vocabcache
from microalign.adapters.speech.vocabcache import VocabularyCache


@pytest.fixture
def scans(monkeypatch) -> list[set[str]]:
    """The words each real read of a word list looked for."""
    seen: list[set[str]] = []
    scan = stt.scan_vocabulary

    def counted(path, wanted):
        seen.append(set(wanted))
        return scan(path, wanted)

    monkeypatch.setattr(stt, "scan_vocabulary", counted)
    monkeypatch.setattr(vocabcache, "_TABLES", {})  # a fresh process
    return seen


def _model(tmp_path, words: str):
    model = tmp_path / "model"
    (model / "graph").mkdir(parents=True, exist_ok=True)
    (model / "graph" / "words.txt").write_text(words)
    return model


def test_known_words_second_time_in_process_not_scanned(tmp_path, scans):
    model = _model(tmp_path, "<eps> 0\nyes 1\nno 2\n")
    cache = VocabularyCache()
    assert stt.known_words(model, {"yes", "maybe"}, cache) == frozenset({"yes"})
    assert stt.known_words(model, {"yes", "maybe"}, VocabularyCache()) == frozenset({"yes"})
    assert stt.known_words(model, {"no"}, cache) == frozenset({"yes", "no"})
    assert scans == [{"yes", "maybe"}, {"no"}]  # only the word never asked is read again


def test_known_words_new_process_reads_disk_cache_not_model(tmp_path, scans, monkeypatch):
    model = _model(tmp_path, "<eps> 0\nyes 1\nno 2\n")
    stt.known_words(model, {"yes", "maybe"}, VocabularyCache(tmp_path / "cache"))
    monkeypatch.setattr(vocabcache, "_TABLES", {})  # the next check-in process
    known = stt.known_words(model, {"yes", "maybe"}, VocabularyCache(tmp_path / "cache"))
    assert known == frozenset({"yes"})
    assert len(scans) == 1
    (cached,) = (tmp_path / "cache" / "vocabulary").iterdir()
    assert oct(cached.stat().st_mode & 0o777) == "0o600"


def test_known_words_cache_folders_made_owner_only(tmp_path, scans):
    model = _model(tmp_path, "<eps> 0\nyes 1\n")
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    old = os.umask(0o022)
    try:
        stt.known_words(model, {"yes"}, VocabularyCache(data / "cache"))
    finally:
        os.umask(old)
    for folder in (data / "cache", data / "cache" / "vocabulary"):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder


def test_known_words_model_changed_scanned_again(tmp_path, scans, monkeypatch):
    model = _model(tmp_path, "<eps> 0\nyes 1\n")
    assert stt.known_words(model, {"yes", "no"}, VocabularyCache(tmp_path / "c")) == {"yes"}
    _model(tmp_path, "<eps> 0\nyes 1\nno 2\n")  # an updated model
    words = model / "graph" / "words.txt"
    os.utime(words, ns=(words.stat().st_atime_ns, words.stat().st_mtime_ns + 10**9))
    assert stt.known_words(model, {"yes", "no"}, VocabularyCache(tmp_path / "c")) == {
        "yes",
        "no",
    }
    monkeypatch.setattr(vocabcache, "_TABLES", {})  # and in a new process
    assert stt.known_words(model, {"yes", "no"}, VocabularyCache(tmp_path / "c")) == {
        "yes",
        "no",
    }
    assert len(scans) == 2


def test_known_words_unreadable_cache_file_scans_model(tmp_path, scans):
    model = _model(tmp_path, "<eps> 0\nyes 1\n")
    stt.known_words(model, {"yes"}, VocabularyCache(tmp_path / "c"))
    for cached in (tmp_path / "c" / "vocabulary").iterdir():
        cached.write_text("{not json")
    vocabcache._TABLES.clear()
    assert stt.known_words(model, {"yes"}, VocabularyCache(tmp_path / "c")) == {"yes"}
    assert len(scans) == 2


def test_known_words_ko_model_fst_read_once_per_model(ko_model_dir, tmp_path, scans):
    """The real Korean model (its word list is the symbol table of graph/Gr.fst)."""
    words = {"네", "아니요", "[unk]", "없는말없는말"}
    first = stt.known_words(ko_model_dir, words, VocabularyCache(tmp_path / "c"))
    vocabcache._TABLES.clear()
    again = stt.known_words(ko_model_dir, words, VocabularyCache(tmp_path / "c"))
    assert first == again and {"네", "아니요"} <= first and "없는말없는말" not in first
    assert len(scans) == 1
