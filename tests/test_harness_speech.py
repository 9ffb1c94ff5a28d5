"""The test harness's synthesised speech: the voice tests stand on it."""

from __future__ import annotations

from microalign.adapters.speech import audio
from tests.harness.audio import SpeechFiles


def test_speech_files_same_text_made_twice_same_samples(tmp_path):
    # A voice test's answer must be the same sound in every run: a clip near the model's
    # decision boundary heard differently from run to run makes the test flaky.
    clips = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        clips.append(audio.read_speech_wav(SpeechFiles(tmp_path / name)("오늘은 날씨가 좋네요")))
    assert clips[0] and clips[0] == clips[1]
