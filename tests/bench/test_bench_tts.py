"""Lost and wrong-rate prompts: stock pyttsx3 vs Pyttsx3Speaker, in fresh processes.

Run: .venv/bin/python -m pytest tests/bench/test_bench_tts.py -m bench -s
MICROALIGN_BENCH_TTS=20x5 for a quick run (processes x prompts each; default 100x10).

Each process synthesises the Korean pack's prompts at its rate, once with plain pyttsx3 (a
fresh engine with voice and rate set, `save_to_file` + `runAndWait`) and once with
`Pyttsx3Speaker.synthesise`, alternately, on an idle CPU and with every core kept busy.
A prompt is lost when it raised or its WAV is missing or header-only; it has the wrong rate
when its length is off by more than TOLERANCE from espeak-ng's own rendering of the same
text at the same rate. Prints figures only (no assertions: the machine is shared).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import wave
from contextlib import contextmanager
from pathlib import Path

import pytest

from microalign.i18n import KO
from tests.harness import TTS_CHILD

pytestmark = pytest.mark.bench

CHILD = TTS_CHILD
TOLERANCE = 0.08
HOG_LIMIT = 3600  # seconds: a busy loop ends by itself even if the benchmark is killed
TEXTS = (
    KO.t("say.greeting_morning"),
    KO.t("say.greeting_evening"),
    KO.t("say.feeling_prompt"),
    KO.t("say.goodbye"),
    KO.t("say.skip_reason"),
    KO.t("say.no_goals"),
    KO.t("say.stopped"),
    KO.t("say.snoozed"),
    *KO.intention_prompts,
)


def size() -> tuple[int, int]:
    processes, _, prompts = os.environ.get("MICROALIGN_BENCH_TTS", "100x10").partition("x")
    return int(processes), int(prompts)


def espeak_frames(folder: Path, text: str, rate: int) -> int:
    out = folder / "ref.wav"
    subprocess.run(["espeak-ng", "-v", KO.voice, "-s", str(rate), "-w", str(out), text], check=True)
    with wave.open(str(out)) as w:
        return w.getnframes()


@contextmanager
def busy_cpu(busy: bool):
    loop = f"import time\nend = time.monotonic() + {HOG_LIMIT}\nwhile time.monotonic() < end: pass"
    hogs = [subprocess.Popen([sys.executable, "-c", loop]) for _ in range(os.cpu_count() or 1)]
    if not busy:
        for hog in hogs:
            hog.kill()
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def run_child(mode: str, texts: list[str]) -> dict:
    spec = {"mode": mode, "voice": KO.voice, "rate": KO.rate, "texts": texts, "fault": "none"}
    done = subprocess.run(
        [sys.executable, str(CHILD), json.dumps(spec)], capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:  # a crashed or hung process loses all its prompts
        n = len(texts)
        return {"frames": [-1] * n, "errors": [done.stderr[-300:]] * n, "seconds": [], "retries": 0}
    return json.loads(done.stdout.strip().splitlines()[-1])


class Tally:
    def __init__(self) -> None:
        self.prompts = self.lost = self.wrong = self.retries = 0
        self.processes_hit = 0
        self.ratios: list[float] = []
        self.wrong_ratios: list[float] = []
        self.seconds: list[float] = []

    def add(self, result: dict, texts: list[str], reference: dict[str, int]) -> None:
        hit = False
        for text, frames, error in zip(texts, result["frames"], result["errors"], strict=True):
            self.prompts += 1
            if error or frames <= 0:
                self.lost, hit = self.lost + 1, True
                continue
            ratio = frames / reference[text]
            if abs(ratio - 1) > TOLERANCE:
                self.wrong, hit = self.wrong + 1, True
                self.wrong_ratios.append(ratio)
            else:
                self.ratios.append(ratio)
        self.processes_hit += hit
        self.retries += result["retries"]
        self.seconds += result["seconds"]

    def row(self, label: str, processes: int) -> str:
        median = statistics.median(self.seconds) * 1000 if self.seconds else float("nan")
        return (
            f"  {label:<12} {self.lost:5d} lost  {self.wrong:5d} wrong-rate  of {self.prompts:5d}"
            f"   processes hit {self.processes_hit:3d}/{processes}   retries {self.retries:3d}"
            f"   median {median:5.0f} ms/prompt"
        )


def test_bench_tts_lost_and_wrong_rate_prompts_stock_vs_ours(tmp_path):
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (apt install espeak-ng)")
    processes, prompts = size()
    texts = [TEXTS[i % len(TEXTS)] for i in range(prompts)]
    reference = {t: espeak_frames(tmp_path, t, KO.rate) for t in set(texts)}
    off = {
        r: statistics.mean(espeak_frames(tmp_path, t, r) / reference[t] - 1 for t in set(texts))
        for r in (175, 200)
    }
    tallies: dict[tuple[str, str], Tally] = {}
    for load in ("idle", "busy"):
        with busy_cpu(load == "busy"):
            for _ in range(processes):
                for mode in ("stock", "ours"):
                    result = run_child(mode, texts)
                    tallies.setdefault((load, mode), Tally()).add(result, texts, reference)
    print(
        f"\n[bench] TTS, {processes} fresh processes x {prompts} Korean prompts at {KO.rate} wpm,"
        f" per mode and CPU load ({os.cpu_count()} busy loops when busy)."
        f"\n  wrong rate: length off by more than {TOLERANCE:.0%} from espeak-ng's rendering at"
        f" {KO.rate} wpm (175 wpm would be {off[175]:+.0%}, pyttsx3's default 200 wpm"
        f" {off[200]:+.0%})"
    )
    for (load, mode), tally in tallies.items():
        print(tally.row(f"{mode}/{load}", processes))
    for mode in ("stock", "ours"):
        both = [tallies[(load, mode)] for load in ("idle", "busy")]
        lost, wrong = sum(t.lost for t in both), sum(t.wrong for t in both)
        total = sum(t.prompts for t in both)
        print(f"  {mode + ' total':<12} {lost:5d} lost  {wrong:5d} wrong-rate  of {total:5d}")
    kept = [r for t in tallies.values() for r in t.ratios]
    wrong = [r for t in tallies.values() for r in t.wrong_ratios]
    print(f"  length/reference of right-rate prompts: {min(kept):.3f} .. {max(kept):.3f}")
    if wrong:
        print(f"  length/reference of wrong-rate prompts: {min(wrong):.3f} .. {max(wrong):.3f}")
