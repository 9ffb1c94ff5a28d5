"""Turn-taking on a private PulseAudio with the real Korean Vosk model: prompts without
espeak's silence, answers kept from the start of the chime, a window per answer kind."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import wave
from array import array
from pathlib import Path

import pytest

from microalign.adapters.speech import audio, listener, stt
from microalign.adapters.speech.endpoint import EndpointSettings
from microalign.adapters.speech.listener import VoskListener
from microalign.adapters.speech.tts import Pyttsx3Speaker
from microalign.core.dialogue.answers import parse_choice
from microalign.errors import NoSpeechError
from microalign.i18n import KO
from microalign.ports.speech import AnswerKind, ListenRequest
from tests.harness.audio import MIC_LEAD_SECONDS

SETTINGS = EndpointSettings(
    silence_seconds=0.9, choice_silence_seconds=0.4, no_speech_timeout_seconds=3
)
# Where an answer is played in, starting `paplay` may take seconds on a busy machine: the
# wait for speech to begin is not what those tests are about.
PATIENT = dataclasses.replace(SETTINGS, no_speech_timeout_seconds=30)
CHIME_SECONDS = 0.23  # the chime's two notes, before play_pcm's padding


def _peaks(pcm: bytes, rate: int) -> list[int]:
    """The peak of each 10 ms window."""
    samples = array("h")
    samples.frombytes(pcm)
    step = rate // 100
    return [max(abs(s) for s in samples[i : i + step]) for i in range(0, len(samples), step)]


def _silent_edges(pcm: bytes, rate: int) -> tuple[float, float]:
    """Seconds of silence (peak below the trim threshold) before and after the sound."""
    loud = [i for i, p in enumerate(_peaks(pcm, rate)) if p >= audio.TRIM_PEAK]
    return loud[0] * 0.01, (len(_peaks(pcm, rate)) - 1 - loud[-1]) * 0.01


def _loud_samples(pcm: bytes) -> list[int]:
    samples = array("h")
    samples.frombytes(pcm)
    return [s for s in samples if abs(s) >= audio.TRIM_PEAK]


@pytest.fixture(scope="module")
def speaker():
    voice = Pyttsx3Speaker(voice=KO.voice, rate=KO.rate)
    yield voice
    voice.close()


def test_trim_silence_espeak_prompt_keeps_speech_removes_silence(speaker):
    with audio.open_wav(speaker.synthesise(KO.t("say.feeling_prompt"))) as wav:
        rate, pcm = wav.getframerate(), wav.readframes(wav.getnframes())
    before = _silent_edges(pcm, rate)
    trimmed = audio.trim_silence(pcm, rate)
    assert before[1] > 0.2  # espeak-ng ends its WAVs with silence
    assert _loud_samples(trimmed) == _loud_samples(pcm)  # every sound kept, in order
    assert max(_silent_edges(trimmed, rate)) <= audio.TRIM_KEEP_SECONDS + 0.01


def test_trim_silence_only_silence_empty():
    assert audio.trim_silence(bytes(3200), 16000) == b""
    assert audio.trim_silence(array("h", [100, -200] * 800).tobytes(), 16000) == b""


def test_speaker_say_plays_prompt_without_espeak_silence(pulse, speaker, monkeypatch):
    played: list[tuple[bytes, int]] = []
    play = audio.Player.play

    def observed(player, pcm, rate, channels=1, hold=0.0):
        played.append((pcm, rate))
        play(player, pcm, rate, channels, hold)

    monkeypatch.setattr(audio.Player, "play", observed)
    speaker.say(KO.t("say.feeling_prompt"))
    speaker.chime()
    (pcm, rate), _chime = played
    assert max(_silent_edges(pcm, rate)) <= audio.TRIM_KEEP_SECONDS + 0.01


def _ready_listener(ko_model, settings: EndpointSettings = SETTINGS) -> VoskListener:
    def no_locate():
        raise AssertionError("the model is preloaded")

    lst = VoskListener(KO, no_locate, settings, model=ko_model)
    lst.warm_up()
    return lst


def _chime_wav(tmp_path: Path) -> Path:
    path = tmp_path / "chime.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(audio.RATE)
        w.writeframes(audio.chime_pcm())
    return path


def _turn(pulse, speaker, lst, answer: Path | None, path: Path, leak: Path | None = None):
    """The chime, then `answer` spoken into the microphone the moment the chime ends (and
    the chime itself heard by the microphone, as in a room, with `leak`)."""

    def user() -> None:
        if leak is not None:
            pulse.play_into_mic(leak)
        else:  # the answer's sound starts after the silence play_into_mic leads it with
            time.sleep(max(0.0, CHIME_SECONDS - MIC_LEAD_SECONDS))
        if answer is not None:
            pulse.play_into_mic(answer)

    feeder = threading.Thread(target=user)
    speaker.say(KO.t("say.feeling_prompt"))
    feeder.start()  # the chime follows the prompt at once
    try:
        speaker.chime()
        return lst.listen(ListenRequest(AnswerKind.CHOICE, KO.vocabulary(), path))
    finally:
        feeder.join()


# Answers the model hears the same whatever the sound server does to them: espeak-ng's
# 아니요, once through the virtual microphone, was heard as 주세요 in up to two of three
# variants of leading silence, with or without a chime before it; 네 and 다시 말해 주세요
# never were (six recordings each, twenty variants each).
ROBUST = ("네", "다시 말해 주세요")


@pytest.mark.parametrize("said", ROBUST)
def test_listener_answer_at_chime_end_recognised(
    pulse, speaker, speech_wav, ko_model, tmp_path, said
):
    lst = _ready_listener(ko_model, PATIENT)
    try:
        heard = _turn(pulse, speaker, lst, speech_wav(said), tmp_path / "a.wav")
    finally:
        lst.close()
    assert parse_choice(heard.text, KO) == parse_choice(said, KO)
    assert heard.text == said


def _streamed(ko_model, pcm: bytes, cue_seconds: float) -> tuple[bytes, str]:
    """What stream_answer passed on of `pcm` (fed in microphone-sized chunks), and the text."""
    step = 2 * audio.CHUNK_FRAMES
    chunks = iter([pcm[i : i + step] for i in range(0, len(pcm), step)])
    passed: list[bytes] = []
    rec = ko_model.recognizer(AnswerKind.CHOICE, KO.vocabulary())
    _, results = listener.stream_answer(
        lambda: next(chunks, b""), rec, passed.append, SETTINGS.for_choice(), cue_seconds
    )
    results.append(json.loads(rec.FinalResult()))
    return b"".join(passed), json.loads(stt.join_results(results))["text"]


def test_stream_answer_chime_heard_silenced_answer_passed_on(ko_model, speech_wav):
    chime = audio.chime_pcm()
    with audio.open_wav(speech_wav("아니요")) as wav:
        answer = wav.readframes(wav.getnframes())
    pcm = chime + answer + bytes(2 * audio.RATE)
    passed, text = _streamed(ko_model, pcm, cue_seconds=len(chime) / (2 * audio.RATE))
    whole = len(chime) // (2 * audio.CHUNK_FRAMES) * 2 * audio.CHUNK_FRAMES
    assert passed[:whole] == bytes(whole)  # the chime's frames: silence
    assert passed[len(chime) :] == pcm[len(chime) : len(passed)]  # the answer: untouched
    assert text == "아니요"


def test_stream_answer_no_chime_played_nothing_silenced(ko_model):
    pcm = audio.chime_pcm() + bytes(2 * audio.RATE)
    passed, _ = _streamed(ko_model, pcm, cue_seconds=0.0)
    assert passed == pcm[: len(passed)] and len(passed) > len(audio.chime_pcm())


def test_listener_chime_heard_by_microphone_is_no_answer(pulse, speaker, ko_model, tmp_path):
    lst = _ready_listener(ko_model)
    try:
        with pytest.raises(NoSpeechError):
            _turn(pulse, speaker, lst, None, tmp_path / "a.wav", leak=_chime_wav(tmp_path))
    finally:
        lst.close()


def test_listener_chime_heard_then_answer_recognised(
    pulse, speaker, speech_wav, ko_model, tmp_path
):
    lst = _ready_listener(ko_model, PATIENT)
    try:
        heard = _turn(
            pulse, speaker, lst, speech_wav(ROBUST[0]), tmp_path / "a.wav", _chime_wav(tmp_path)
        )
    finally:
        lst.close()
    assert heard.text == ROBUST[0]


def test_listener_choice_and_free_answers_use_their_windows(
    mic_answers, speech_wav, ko_model, tmp_path, monkeypatch
):
    windows: list[float] = []
    stream = listener.stream_answer

    def observed(read, rec, sink, settings, *args):
        windows.append(settings.silence_seconds)
        return stream(read, rec, sink, settings, *args)

    monkeypatch.setattr(listener, "stream_answer", observed)
    lst = _ready_listener(ko_model, PATIENT)
    try:
        for kind in (AnswerKind.CHOICE, AnswerKind.FREE):
            mic_answers.add(speech_wav("네"))
            lst.listen(ListenRequest(kind, KO.vocabulary(), tmp_path / f"{kind.value}.wav"))
    finally:
        lst.close()
    assert windows == [SETTINGS.choice_silence_seconds, SETTINGS.silence_seconds]
