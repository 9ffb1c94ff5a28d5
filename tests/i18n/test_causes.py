"""Raw library and system errors reach a user as a category in their language; the raw
words go to the log only."""

import errno
import logging
import re
import sqlite3

import pytest

from microalign.adapters.speech.audio import _device_error
from microalign.app import notes
from microalign.i18n import EN, KO
from microalign.i18n.causes import category

sounddevice = pytest.importorskip("sounddevice")

# Latin words a Korean text may hold: names and commands.
NAMES = {"microalign", "checkin", "evening", "text", "PortAudio", "D", "Bus", "SQLite"}


def latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text)) - NAMES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (sounddevice.PortAudioError("Error querying device -1"), "no_device"),
        (
            sounddevice.PortAudioError("Error opening InputStream: Device unavailable", -9985),
            "device_busy",
        ),
        (
            sounddevice.PortAudioError(
                "Error opening InputStream: Invalid number of channels", -9998
            ),
            "device_format",
        ),
        (sounddevice.PortAudioError("Unanticipated host error", -9999), "audio_server"),
        (OSError("PortAudio library not found"), "no_portaudio"),
        (Exception("Failed to create a model"), "model_broken"),
        (
            Exception("org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable"),
            "dbus",
        ),
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
        (sqlite3.OperationalError("database or disk is full"), "disk_full"),
        (OSError(errno.EROFS, "Read-only file system"), "read_only"),
        (OSError(errno.EACCES, "Permission denied"), "permission"),
        (sqlite3.DatabaseError("file is not a database"), "damaged"),
        (RuntimeError("something nobody foresaw"), "other"),
    ],
)
def test_causes_raw_error_maps_to_a_category_with_korean_text(raw, expected):
    assert category(raw) == expected
    assert re.search("[가-힣]", KO.t(f"cause.{expected}"))


def test_causes_every_category_korean_text_has_no_english_word():
    keys = [key for key in KO.texts if key.startswith("cause.")]
    assert len(keys) >= 15 and all(EN.has(key) for key in keys)
    for key in keys:
        assert not latin_words(KO.t(key)), key


def test_causes_portaudio_error_notification_korean_without_raw_text(caplog):
    raw = sounddevice.PortAudioError("Error querying device -1")
    with caplog.at_level(logging.INFO, logger="microalign"):
        error = _device_error("input", None, raw)
    note = notes.checkin_typed(KO, "evening", error.message_in(KO))
    assert note.body == (
        "기본 입력 장치를 열 수 없어요: 그런 장치를 찾지 못했어요. "
        "대신 글로 답하세요: microalign checkin evening --text"
    )
    assert "Error querying device -1" in caplog.text  # the raw words: in the log only
    assert not latin_words(note.body) and "을(를)" not in note.body


def test_causes_our_own_keyed_error_inside_a_text_keeps_its_message():
    from microalign.errors import StoreError
    from microalign.i18n import Keyed

    inner = StoreError.keyed("store_locked", path="/x/m.db")
    shown = Keyed("doctor.database.unreadable", path="/x/m.db", error=inner)
    assert "another program" in str(shown).lower() or "locked" in str(shown).lower()
    assert "다른 프로그램이 잠그고 있어요" in KO.render(shown)


def test_causes_timeout_is_no_answer_in_time_not_the_network():
    assert category(TimeoutError()) == "timeout"
    assert category(TimeoutError("it delivers no audio")) == "device_silent"
