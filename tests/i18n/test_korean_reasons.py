"""A Korean user reads why a backup, a key file, a sealed recording or an import is refused
in Korean: every reason and every place in a file is a text by key, never English words
glued into a Korean sentence. The errors come from the real readers where that is cheap."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import sqlite3
import tarfile
import zipfile
from pathlib import Path

import pytest

from microalign.adapters import backup
from microalign.adapters.crypto import audiofile, keys
from microalign.app import import_journal, import_loop
from microalign.errors import AudioFileError, MicroalignError, StoreError
from microalign.i18n import EN, KO, Keyed

HANGUL = re.compile("[\uac00-\ud7a3]")
# The Latin words a Korean text may hold: names of programs, formats and fields of a file
# (what the user's file calls them).
NAMES = {"microalign", "JSON", "CSV", "UTF", "NUL", "jrnl", "Loop", "Habit", "Tracker"}
NAMES |= {"Habits", "csv", "zip", "WAV", "HH", "MM", "YYYY", "DD", "tar"}
FIELDS = {"entries", "title", "date", "day", "checkin", "outcome", "goal_text"}
FIELDS |= {"Date", "Value", "Name", "Question", "Target"}


def english_words(text):
    text = re.sub(r"`[^`]*`|https?://\S+|/\S+|'[^']*'|\"[^\"]*\"", " ", text)
    # a file's name ("microalign.db", "Checkmarks.csv") is a name, as a path is
    text = re.sub(r"[A-Za-z]+_[A-Za-z_]+", " ", text)  # a field's name ("goal_id")
    text = re.sub(r"[\w-]+\.(?:db|json|csv|wav|zip)(?![A-Za-z])", " ", text)
    return set(re.findall(r"[A-Za-z]+", text)) - NAMES - FIELDS


def assert_korean(error: MicroalignError) -> None:
    shown = error.render(KO)
    assert HANGUL.search(shown), shown
    assert not english_words(shown), shown


# -- every reason by key, with the fields its code gives it ----------------------------

SAMPLES = {
    "name": "microalign.db",
    "header": "{'app': 'other'}",
    "error": OSError(errno.EIO, "Input/output error"),
    "member": "Checkmarks.csv",
    "where": "Habits.csv",
    "field": "Value",
    "first": "Name",
    "second": "Question",
    "day": "'2026-13-45'",
    "time": "'07:10'",
    "value": "'maybe'",
}
GROUPS = ("backup.", "import.", "key.", "sealed.")
REASONS = sorted(key for key in EN.texts if key.startswith(GROUPS))


@pytest.mark.parametrize("key", REASONS)
def test_korean_reason_every_kind_in_korean(key):
    fields = {name: SAMPLES.get(name, 7) for name in re.findall(r"{(\w+)}", KO.texts[key])}
    reason = Keyed(key, **fields)
    error = StoreError.keyed("backup_damaged", path=Path("/tmp/x.backup"), reason=reason)
    assert_korean(error)
    assert EN.render(reason) == str(reason)  # English keeps its words


# -- backups ---------------------------------------------------------------------------


def _tar(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


HEAD = json.dumps({"app": "microalign", "format": backup.FORMAT}).encode()
BACKUPS = {
    "garbage": None,
    "no header": {"x": b"1"},
    "unknown header": {backup.HEAD: b'{"app": "other"}'},
    "header not JSON": {backup.HEAD: b"{oops"},
    "header no object": {backup.HEAD: b"[]"},
    "no listing": {backup.HEAD: HEAD},
    "listing unreadable": {backup.HEAD: HEAD, backup.END: b"{}"},
    "bad entry": {backup.HEAD: HEAD, backup.END: b'{"files": {"x": 1}}'},
    "no database": {backup.HEAD: HEAD, backup.END: b'{"files": {}}'},
    "missing": {backup.HEAD: HEAD, backup.END: b'{"files": {"microalign.db": [1, null]}}'},
    "mismatch": {
        backup.HEAD: HEAD,
        backup.DATABASE: b"12",
        backup.END: b'{"files": {"microalign.db": [1, null]}}',
    },
}


@pytest.mark.parametrize("kind", BACKUPS)
def test_korean_reason_backup_refused_in_korean(tmp_path, kind):
    path = tmp_path / "x.backup"
    members = BACKUPS[kind]
    if members is None:
        path.write_bytes(b"no tar at all" * 100)
    else:
        _tar(path, members)
    with pytest.raises(StoreError) as caught:
        backup.read_listing(path)
    assert_korean(caught.value)


def test_korean_reason_backup_cut_short_in_korean(tmp_path):
    path = _tar(tmp_path / "x.backup", {backup.HEAD: HEAD, backup.DATABASE: b"1" * 5000})
    path.write_bytes(path.read_bytes()[:1500])
    with pytest.raises(StoreError) as caught:
        backup.read_listing(path)
    assert_korean(caught.value)


def test_korean_reason_backup_database_checks_in_korean(tmp_path):
    plain = tmp_path / "plain.db"
    with contextlib.closing(sqlite3.connect(plain)) as made:
        made.execute("CREATE TABLE t (x)")
    key = keys.DataKey(b"k" * 32, keys.PASSPHRASE)
    with pytest.raises(StoreError) as caught:
        backup.check_database(plain, tmp_path / "x.backup", 99, key=key)
    assert_korean(caught.value)
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 300)
    with pytest.raises(StoreError) as caught:
        backup.check_database(broken, tmp_path / "x.backup", 99)
    assert_korean(caught.value)


# -- the key file and a passphrase's descriptor ----------------------------------------


@pytest.mark.parametrize(
    "text", ["{oops", '{"format": "other"}', '{"format": "microalign-key", "key_id": "xyz!"}']
)
def test_korean_reason_key_file_broken_in_korean(tmp_path, text):
    (tmp_path / keys.KEY_FILE).write_text(text)
    with pytest.raises(StoreError) as caught:
        keys.unlock(tmp_path, keys.PassphraseSource(env="MICROALIGN_TEST_NO_SUCH"))
    assert_korean(caught.value)


def test_korean_reason_key_file_without_its_fields_in_korean(tmp_path, monkeypatch):
    monkeypatch.setenv("MICROALIGN_TEST_PASSPHRASE", "secret")
    source = keys.PassphraseSource(env="MICROALIGN_TEST_PASSPHRASE")
    kdfs = (
        {"kdf": {"salt": "AAAA"}},
        {},
        {"kdf": {"salt": "AAAA", "n": "x", "r": 1, "p": 1}},
        {"kdf": {"salt": 5, "n": 2, "r": 1, "p": 1}},  # not text: no traceback either
    )
    for record in kdfs:
        whole = {"format": keys.FORMAT, "key_id": "ab12", "wrapped_by": "passphrase", **record}
        with pytest.raises(StoreError) as caught:
            keys.unlock_record(whole, tmp_path / keys.KEY_FILE, source)
        assert_korean(caught.value)


def test_korean_reason_empty_passphrase_descriptor_in_korean():
    read, write = os.pipe()
    os.close(write)
    try:
        with pytest.raises(StoreError) as caught:
            keys.PassphraseSource(fd=read).read()
    finally:
        os.close(read)
    assert_korean(caught.value)


def test_korean_reason_bad_descriptor_in_korean():
    read, write = os.pipe()
    os.close(read)
    os.close(write)
    with pytest.raises(StoreError) as caught:
        keys.PassphraseSource(fd=read).read()
    assert_korean(caught.value)


# -- sealed recordings -----------------------------------------------------------------


@pytest.mark.parametrize("data", [b"short", b"NOTMAGIC" + bytes(40)])
def test_korean_reason_sealed_recording_in_korean(tmp_path, data):
    with pytest.raises(audiofile.SealError) as caught:
        audiofile.open_sealed(data, b"k" * 32)
    error = AudioFileError.keyed(
        "audio_sealed", path=tmp_path / "1.wav", reason=caught.value.reason
    )
    assert_korean(error)
    assert "(" + str(caught.value) + ")" in error.message


# -- imports ---------------------------------------------------------------------------

JOURNALS = {
    "not utf-8": b"[2026-10-05 07:10] Fine.\n\xff\xfe",
    "nul": b"[2026-10-05 07:10] Fine.\x00",
    "no entry": b"just words\n",
    "broken json": b'{"entries": [\n  {"title": "x",\n  oops}\n]}\n',
    "no entries": b'{"tags": {}}',
    "entry no object": b'{"entries": [3]}',
    "bad date": b'{"entries": [{"title": "x", "date": "2026-13-45", "time": "07:10"}]}',
    "title no text": b'{"entries": [{"title": 3, "date": "2026-10-05"}]}',
}


@pytest.mark.parametrize("kind", JOURNALS)
def test_korean_reason_jrnl_refused_in_korean(tmp_path, kind):
    path = tmp_path / "journal.txt"
    path.write_bytes(JOURNALS[kind])
    with pytest.raises(MicroalignError) as caught:
        import_journal.read_jrnl(path)
    assert_korean(caught.value)


def test_korean_reason_too_large_file_in_korean(tmp_path, monkeypatch):
    monkeypatch.setattr(import_journal, "MAX_FILE", 4)
    path = tmp_path / "journal.txt"
    path.write_text("[2026-10-05 07:10] Fine.")
    with pytest.raises(MicroalignError) as caught:
        import_journal.read_jrnl(path)
    assert_korean(caught.value)


def _answer(**changed):
    answer = dict.fromkeys(import_journal.FIELDS)
    answer.update({"day": "2026-11-01", "checkin": "evening", "step": "feeling", **changed})
    return answer


OWN = {
    "no list": {"a": 1},
    "no object": [3],
    "missing field": [{"day": "2026-11-01"}],
    "bad day": [_answer(day="someday")],
    "bad check-in": [_answer(checkin="Not A Name")],
    "bad outcome": [_answer(outcome="maybe")],
    "bad goal": [_answer(goal_id=1, goal_text="   ")],
    "too deep": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("kind", OWN)
def test_korean_reason_own_export_refused_in_korean(tmp_path, kind):
    path = tmp_path / "mine.json"
    data = OWN[kind]
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    with pytest.raises(MicroalignError) as caught:
        import_journal.read_own(path)
    assert_korean(caught.value)


HABITS = "Position,Name,Type,Question,Target Type,Target Value\n"
LOOPS = {
    "no habits": {"other.csv": "x"},
    "not utf-8": {"Habits.csv": b"\xff\xfe"},
    "nul": {"Habits.csv": HABITS + "001,Walk\x00,YES_NO,,,\n"},
    "bad csv": {"Habits.csv": 'Position,Name\n"001,Walk\n'},
    "bad name": {"Habits.csv": HABITS + "001,   ,YES_NO,,,\n"},
    "bad target": {"Habits.csv": HABITS + "001,걷기,NUMERICAL,,AT_LEAST,lots\n"},
    "bad date": {
        "Habits.csv": HABITS + "001,걷기,YES_NO,,,\n",
        "001 걷기/Checkmarks.csv": "Date,Value\nsomeday,YES_MANUAL\n",
    },
    "bad value": {
        "Habits.csv": HABITS + "001,걷기,YES_NO,,,\n",
        "001 걷기/Checkmarks.csv": "Date,Value\n2026-11-01,MAYBE\n",
    },
    "bad number": {
        "Habits.csv": HABITS + "001,걷기,YES_NO,,,\n",
        "Checkmarks.csv": "Date,걷기\n2026-11-01,7\n",
    },
}


@pytest.mark.parametrize("kind", LOOPS)
def test_korean_reason_loop_export_refused_in_korean(tmp_path, kind):
    path = tmp_path / "loop.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in LOOPS[kind].items():
            archive.writestr(name, data)
    with pytest.raises(MicroalignError) as caught:
        import_loop.read(path)
    assert_korean(caught.value)


def test_korean_reason_loop_not_a_zip_in_korean(tmp_path):
    path = tmp_path / "loop.zip"
    path.write_text("no zip")
    with pytest.raises(MicroalignError) as caught:
        import_loop.read(path)
    assert_korean(caught.value)


def test_korean_reason_loop_member_too_large_in_korean(tmp_path, monkeypatch):
    monkeypatch.setattr(import_loop, "MAX_MEMBER", 4)
    path = tmp_path / "loop.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Habits.csv", HABITS)
    with pytest.raises(MicroalignError) as caught:
        import_loop.read(path)
    assert_korean(caught.value)


def test_korean_reason_english_places_read_as_before(tmp_path):
    """The English texts keep their words: a place as "item 1, field goal_id"."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{"day": "2026-11-01"}]))
    with pytest.raises(MicroalignError) as caught:
        import_journal.read_own(path)
    assert "item 1, field checkin: missing or of the wrong type." in caught.value.message
