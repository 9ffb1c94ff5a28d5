"""End-of-speech detection on synthetic frames (pure logic, no audio device)."""

from __future__ import annotations

import math
from array import array

import pytest

from microalign.adapters.speech import audio
from microalign.adapters.speech.endpoint import (
    Decision,
    Endpointer,
    EndpointSettings,
    frame_rms,
    tone_share,
)
from microalign.adapters.speech.listener import CHIME_SHARE

NOTES = tuple(freq for freq, _ in audio.CHIME_NOTES)
FRAME_BYTES = 2 * audio.CHUNK_FRAMES

FRAME = 0.05
LOUD = 3000.0
QUIET = 20.0


def _run(endpointer: Endpointer, frames: list[tuple[float, str | None]]) -> tuple[Decision, float]:
    for rms, partial in frames:
        decision = endpointer.feed(FRAME, rms, partial)
        if decision is not Decision.CONTINUE:
            return decision, endpointer.elapsed
    return Decision.CONTINUE, endpointer.elapsed


def _frames(
    seconds: float, rms: float, partial: str | None = None
) -> list[tuple[float, str | None]]:
    return [(rms, partial)] * round(seconds / FRAME)


def test_frame_rms_sine_matches_amplitude_over_root_two():
    samples = array(
        "h", (int(10000 * math.sin(2 * math.pi * 440 * i / 16000)) for i in range(1600))
    )
    assert frame_rms(samples.tobytes()) == pytest.approx(10000 / math.sqrt(2), rel=0.01)


def test_frame_rms_empty_or_odd_bytes_zero_or_truncated():
    assert frame_rms(b"") == 0.0
    assert frame_rms(b"\x10") == 0.0


def _frames_of(pcm: bytes) -> list[bytes]:
    return [pcm[i : i + FRAME_BYTES] for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES)]


def test_tone_share_chime_frames_above_threshold():
    shares = [tone_share(f, NOTES, audio.RATE) for f in _frames_of(audio.chime_pcm())]
    assert shares and min(shares) >= 1.8 * CHIME_SHARE, shares


@pytest.mark.parametrize("said", ["아니요", "네", "다시 말해 주세요", "안녕하세요"])
def test_tone_share_speech_frames_below_threshold(speech_wav, said):
    with audio.open_wav(speech_wav(said)) as wav:
        pcm = wav.readframes(wav.getnframes())
    shares = [tone_share(f, NOTES, audio.RATE) for f in _frames_of(pcm)]
    assert max(shares) < CHIME_SHARE, max(shares)


def test_tone_share_silence_zero_other_tone_low():
    other = array("h", (int(9000 * math.sin(2 * math.pi * 440 * i / 16000)) for i in range(800)))
    assert tone_share(bytes(FRAME_BYTES), NOTES, audio.RATE) == 0.0
    assert tone_share(other.tobytes(), NOTES, audio.RATE) < 0.05


def test_endpointer_speech_then_silence_ends_after_silence_seconds():
    ep = Endpointer(EndpointSettings(silence_seconds=1.0))
    frames = _frames(0.5, QUIET) + _frames(1.0, LOUD) + _frames(3.0, QUIET)
    decision, at = _run(ep, frames)
    assert decision is Decision.END_OF_SPEECH
    assert at == pytest.approx(2.5, abs=FRAME)
    assert ep.speech_started_at == pytest.approx(0.5, abs=FRAME)


def test_endpointer_short_pause_inside_answer_continues():
    ep = Endpointer(EndpointSettings(silence_seconds=1.0))
    frames = _frames(0.5, LOUD) + _frames(0.6, QUIET) + _frames(0.5, LOUD) + _frames(2, QUIET)
    decision, at = _run(ep, frames)
    assert decision is Decision.END_OF_SPEECH
    assert at == pytest.approx(2.6, abs=FRAME)


def test_endpointer_only_silence_gives_no_speech_at_timeout():
    ep = Endpointer(EndpointSettings(no_speech_timeout_seconds=3.0))
    decision, at = _run(ep, _frames(10, 0.0))
    assert decision is Decision.NO_SPEECH
    assert at == pytest.approx(3.0, abs=FRAME)
    assert not ep.heard_speech


def test_endpointer_single_click_is_not_speech():
    ep = Endpointer(EndpointSettings(no_speech_timeout_seconds=2.0))
    decision, _ = _run(ep, [*_frames(1, QUIET), (LOUD, None), *_frames(5, QUIET)])
    assert decision is Decision.NO_SPEECH


def test_endpointer_endless_speech_capped_at_max_answer_seconds():
    ep = Endpointer(EndpointSettings(max_answer_seconds=4.0))
    decision, at = _run(ep, _frames(1, QUIET) + [(LOUD, "a"), (LOUD, "ab")] * 200)
    assert decision is Decision.MAX_LENGTH
    assert at == pytest.approx(5.0, abs=FRAME)


def test_endpointer_noisy_room_stable_partial_ends_answer():
    # The energy never drops (fan noise louder than the floor) but the words stopped.
    settings = EndpointSettings(silence_seconds=1.0, stable_partial_seconds=2.0)
    ep = Endpointer(settings)
    frames = _frames(1.0, LOUD, "네") + _frames(10, LOUD, "네")
    decision, at = _run(ep, [(LOUD, ""), *frames])
    assert decision is Decision.END_OF_SPEECH
    assert at == pytest.approx(2.05, abs=FRAME)


def test_endpointer_changing_partial_keeps_listening_in_noise():
    ep = Endpointer(EndpointSettings(stable_partial_seconds=2.0, max_answer_seconds=30))
    frames = [(LOUD, "w" * (i // 10 + 1)) for i in range(100)]
    decision, _ = _run(ep, frames)
    assert decision is Decision.CONTINUE


def test_endpointer_threshold_follows_background_noise():
    ep = Endpointer(EndpointSettings(no_speech_timeout_seconds=3.0))
    # Steady noise at 400 is above the floor at first, but it never changes: it must be
    # learnt as noise once quieter frames set the floor; speech at 3x stands out.
    _run(ep, _frames(1.0, 150.0))
    assert ep.threshold() == pytest.approx(450.0)
    decision, _ = _run(ep, _frames(0.5, 300.0))
    assert not ep.heard_speech and decision is Decision.CONTINUE
    _run(ep, _frames(0.3, 2000.0))
    assert ep.heard_speech


def test_endpoint_settings_from_config_uses_speech_section():
    from microalign.config import Speech

    s = EndpointSettings.from_config(Speech(silence_seconds=0.7, max_answer_seconds=12))
    assert (s.silence_seconds, s.max_answer_seconds, s.no_speech_timeout_seconds) == (0.7, 12, 8)


def _silence_until_end(settings: EndpointSettings) -> float:
    """Seconds of silence after one second of speech before the answer ends."""
    ep = Endpointer(settings)
    decision, at = _run(ep, _frames(0.5, QUIET) + _frames(1.0, LOUD) + _frames(5.0, QUIET))
    assert decision is Decision.END_OF_SPEECH
    return round(at - 1.5, 2)


def test_endpoint_settings_config_choice_and_free_windows_end_answers(tmp_path):
    from microalign import config

    path = tmp_path / "microalign.toml"
    path.write_text("[speech]\nsilence_seconds = 1.5\nchoice_silence_seconds = 0.4\n")
    settings = EndpointSettings.from_config(config.load(path).speech)
    assert _silence_until_end(settings) == 1.5
    assert _silence_until_end(settings.for_choice()) == 0.4
    assert settings.for_choice().max_answer_seconds == settings.max_answer_seconds


def test_endpoint_settings_default_choice_window_at_most_half_a_second():
    from microalign.config import Speech

    settings = EndpointSettings.from_config(Speech())
    assert _silence_until_end(settings.for_choice()) <= 0.5
    assert _silence_until_end(settings) == Speech().silence_seconds


def test_endpointer_chime_seconds_neither_speech_nor_noise():
    ep = Endpointer(EndpointSettings(silence_seconds=0.5, no_speech_timeout_seconds=2), 0.4)
    decision, _ = _run(ep, _frames(0.4, LOUD) + _frames(3.0, QUIET))
    assert decision is Decision.NO_SPEECH
    ep = Endpointer(EndpointSettings(silence_seconds=0.5), 0.4)
    _run(ep, _frames(0.4, LOUD))
    assert ep.threshold() < LOUD / 3  # the chime did not raise the noise floor
    decision, _ = _run(ep, _frames(0.5, LOUD) + _frames(2.0, QUIET))
    assert decision is Decision.END_OF_SPEECH
    assert ep.speech_started_at == pytest.approx(0.4, abs=FRAME)


def test_endpointer_default_partial_lagging_in_fluent_speech_continues():
    # Vosk's partial can stand still ~2 s while someone keeps talking: not an end.
    from microalign.config import Speech

    ep = Endpointer(EndpointSettings.from_config(Speech()))
    frames = _frames(0.5, LOUD, "오늘") + _frames(3.0, LOUD, "오늘 산책") + _frames(1, LOUD, "더")
    decision, _ = _run(ep, frames)
    assert decision is Decision.CONTINUE
