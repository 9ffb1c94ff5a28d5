"""Answer WAV files, the generated chime and device settings (no audio server needed)."""

from __future__ import annotations

import errno
import os
import stat
import wave

import pytest

from microalign.adapters.speech import audio
from microalign.adapters.speech.endpoint import frame_rms
from microalign.errors import AudioFileError


def test_wav_writer_private_16k_mono_and_decodable(tmp_path):
    writer = audio.WavWriter(tmp_path / "new" / "a.wav")
    for _ in range(10):
        writer.write(audio.chime_pcm()[:1600])
    path = writer.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth(), w.getnframes()) == (
            16000,
            1,
            2,
            8000,
        )
    assert audio.read_speech_wav(path) == audio.chime_pcm()[:1600] * 10


def test_wav_writer_disk_full_raises_audio_file_error(tmp_path, monkeypatch):
    writer = audio.WavWriter(tmp_path / "a.wav")
    writer.write(bytes(3200))

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(AudioFileError) as info:
        writer.close()
    assert "No space left on device" in str(info.value) and "Free some disk space" in str(
        info.value
    )


def test_wav_writer_discard_removes_file(tmp_path):
    writer = audio.WavWriter(tmp_path / "a.wav")
    writer.write(bytes(3200))
    writer.discard()
    assert not (tmp_path / "a.wav").exists()


def test_chime_pcm_short_and_audible():
    pcm = audio.chime_pcm()
    seconds = len(pcm) / 2 / audio.RATE
    assert 0.1 < seconds < 0.5
    assert frame_rms(pcm) > 2000
    assert pcm[:2] == b"\x00\x00"  # starts from silence: no click


@pytest.mark.parametrize(
    ("setting", "device"), [("", None), ("  ", None), ("3", 3), ("pulse", "pulse")]
)
def test_device_arg_config_value_to_sounddevice(setting, device):
    assert audio.device_arg(setting) == device
