"""Encryption at rest, piece by piece, with the real libraries: sealed audio, the connection
factory (plain SQLite and SQLCipher), the key file and its passphrase sources."""

from __future__ import annotations

import json
import os
import wave
from pathlib import Path

import pytest

from microalign.adapters.crypto import audiofile, keys
from microalign.adapters.speech.audio import RATE, WavWriter, read_speech_wav
from microalign.adapters.store import SqliteStore
from microalign.adapters.store.connect import connect, is_plain
from microalign.errors import AudioFileError, StoreError

# Speech-like PCM with a recognisable pattern: it must not appear in a sealed file.
PATTERN = b"ANSWER-PCM-" * 300
KEY = bytes(range(32))


@pytest.fixture
def audio_key():
    audiofile.use_key(KEY)
    yield KEY
    audiofile.use_key(None)


def _sealed_recording(path: Path, chunks: list[bytes]) -> None:
    writer = WavWriter(path)
    for chunk in chunks:
        writer.write(chunk)
    writer.close()


def test_wavwriter_with_audio_key_seals_and_reads_back(tmp_path: Path, audio_key: bytes):
    path = tmp_path / "answer.wav"
    _sealed_recording(path, [PATTERN[:3200], PATTERN[3200:]])
    data = path.read_bytes()
    assert b"ANSWER-PCM" not in data and b"RIFF" not in data
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert read_speech_wav(path) == PATTERN


def test_sealed_recording_cut_in_last_chunk_keeps_the_chunks_before(
    tmp_path: Path, audio_key: bytes
):
    path = tmp_path / "cut.wav"
    with open(path, "wb") as handle:  # as a killed recorder leaves it: no final chunk
        writer = audiofile.SealedWriter(handle, KEY, RATE)
        writer.write(b"\x01\x00" * 800)
        writer.write(b"\x02\x00" * 800)
    whole = path.read_bytes()
    path.write_bytes(whole[:-10])  # the second chunk was being written
    audio = audiofile.open_sealed(path.read_bytes(), KEY)
    assert audio.pcm == b"\x01\x00" * 800 and not audio.complete
    assert read_speech_wav(path) == b"\x01\x00" * 800


def test_sealed_recording_with_changed_byte_is_refused(tmp_path: Path, audio_key: bytes):
    path = tmp_path / "changed.wav"
    _sealed_recording(path, [PATTERN])
    data = bytearray(path.read_bytes())
    data[40] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(AudioFileError) as caught:
        read_speech_wav(path)
    assert caught.value.exit_code == 10 and "chunk 0" in str(caught.value)


def test_sealed_recording_without_key_is_refused(tmp_path: Path, audio_key: bytes):
    path = tmp_path / "answer.wav"
    _sealed_recording(path, [PATTERN])
    audiofile.use_key(None)
    with pytest.raises(AudioFileError):
        read_speech_wav(path)


def test_seal_and_unseal_file_round_trip_a_plain_wav(tmp_path: Path):
    plain = tmp_path / "plain.wav"
    with wave.open(str(plain), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(PATTERN)
    audiofile.seal_file(plain, tmp_path / "sealed", KEY)
    assert b"ANSWER-PCM" not in (tmp_path / "sealed").read_bytes()
    audiofile.unseal_file(tmp_path / "sealed", tmp_path / "back.wav", KEY)
    assert (tmp_path / "back.wav").read_bytes() == plain.read_bytes()


def test_connect_with_key_creates_encrypted_store_sqlite_utils_works(tmp_path: Path):
    path = tmp_path / "microalign.db"
    store = SqliteStore.open(path, ["courage"], key=KEY, key_source="test")
    goal = store.insert("goals", {"text": "Walk", "created_on": "2026-11-11", "created_at": "x"})
    store.close()
    assert is_plain(path) is False
    assert b"SQLite format 3" not in path.read_bytes()
    again = SqliteStore.open(path, key=KEY)
    assert again.encrypted
    assert again.row("SELECT text FROM goals WHERE id = ?", (goal,)) == {"text": "Walk"}
    assert list(again.db.table("goal_values").rows_where(select="name")) == [{"name": "courage"}]
    again.close()


def test_connect_encrypted_store_wrong_or_no_key_exits_4_file_untouched(tmp_path: Path):
    path = tmp_path / "microalign.db"
    SqliteStore.open(path, key=KEY).close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as wrong:
        connect(path, bytes(32), source="MICROALIGN_PASSPHRASE")
    assert wrong.value.exit_code == 4 and "MICROALIGN_PASSPHRASE" in str(wrong.value)
    with pytest.raises(StoreError) as missing:
        SqliteStore.open(path)
    assert missing.value.exit_code == 4 and "key.json" in str(missing.value)
    assert path.read_bytes() == before


def test_connect_plain_store_opens_with_sqlite3_whatever_the_key(tmp_path: Path):
    import sqlite3

    path = tmp_path / "plain.db"
    SqliteStore.open(path).close()
    conn = connect(path, KEY)
    assert isinstance(conn, sqlite3.Connection)
    conn.close()


def test_keys_passphrase_wraps_and_unwraps_wrong_one_names_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "correct horse")
    made = keys.create(tmp_path, keys.PASSPHRASE)
    record = json.loads((tmp_path / "key.json").read_text())
    assert record["wrapped_by"] == "passphrase" and made.secret.hex() not in json.dumps(record)
    assert oct((tmp_path / "key.json").stat().st_mode & 0o777) == "0o600"
    assert keys.unlock(tmp_path) == keys.DataKey(made.secret, keys.PASSPHRASE_ENV)
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "wrong horse")
    with pytest.raises(StoreError) as caught:
        keys.unlock(tmp_path)
    assert caught.value.exit_code == 4 and "MICROALIGN_PASSPHRASE" in caught.value.message


def test_keys_passphrase_from_fd_wins_over_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "from the environment")
    made = keys.create(tmp_path, keys.PASSPHRASE)
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "not this one")
    read, write = os.pipe()
    os.write(write, b"from the environment\n")
    os.close(write)
    try:
        found = keys.unlock(tmp_path, keys.PassphraseSource(fd=read))
    finally:
        os.close(read)
    assert found is not None and found.secret == made.secret
    assert found.source == f"--passphrase-fd {read}"


def test_keys_no_passphrase_source_without_terminal_exits_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "secret")
    keys.create(tmp_path, keys.PASSPHRASE)
    monkeypatch.delenv(keys.PASSPHRASE_ENV)
    monkeypatch.setattr("sys.stdin", open(os.devnull))  # noqa: SIM115 - pytest closes it
    with pytest.raises(StoreError) as caught:
        keys.unlock(tmp_path)
    assert caught.value.key == "key_no_passphrase"
    assert "--passphrase-fd" in str(caught.value)


def test_keys_rewrap_keeps_the_data_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "old")
    made = keys.create(tmp_path, keys.PASSPHRASE)
    monkeypatch.setenv(keys.NEW_PASSPHRASE_ENV, "new")
    new = keys.PassphraseSource(env=keys.NEW_PASSPHRASE_ENV)
    keys.rewrap(tmp_path, made, keys.PASSPHRASE, new)
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "new")
    found = keys.unlock(tmp_path)
    assert found is not None and found.secret == made.secret
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "old")
    with pytest.raises(StoreError):
        keys.unlock(tmp_path)
