"""`backup` and `restore` of 10 years x 5 goals plus 1 GB of audio, side by side with
`cp -r` of the same data folder (target: at most 1.5x its time).

Run: .venv/bin/python -m pytest tests/bench/test_bench_data.py -m bench -s
MICROALIGN_BENCH_AUDIO_MB sets the audio's size (default 1024). Runs alternate between the
tools (cp first, then microalign, RUNS times) and the medians are printed; no timing
assertions (machines are shared and noisy). Both read a warm page cache. `backup` and
`restore` fsync what they write (cp -r does not): `cp -r` + `sync` is printed too.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from tests.bench.test_bench_cli import fill

RUNS = 3
FILE_BYTES = 1 << 20


def _audio(data: Path, megabytes: int) -> None:
    block = os.urandom(FILE_BYTES)
    for n in range(megabytes):
        folder = data / "audio" / f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        # Each file its own bytes (a header of its number), without paying for 1 GB of
        # random numbers.
        (folder / f"evening-{n}.wav").write_bytes(n.to_bytes(8, "big") + block[8:])


def _seconds(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def test_bench_backup_and_restore_vs_cp(tmp_path):
    megabytes = int(os.environ.get("MICROALIGN_BENCH_AUDIO_MB", "1024"))
    data = tmp_path / "data"
    data.mkdir()
    answers = fill(data, date(2026, 11, 11))
    _audio(data, megabytes)
    env = os.environ.copy()
    mai = [sys.executable, "-m", "microalign", "--data-dir"]
    out = tmp_path / "store.backup"
    copy, fresh = tmp_path / "copy", tmp_path / "fresh"
    times: dict[str, list[float]] = {"cp": [], "cp+sync": [], "backup": [], "restore": []}
    subprocess.run([*mai, str(data), "status"], env=env, check=True, stdout=subprocess.DEVNULL)
    for _ in range(RUNS):
        times["cp"].append(_seconds(["cp", "-r", str(data), str(copy)], env))
        shutil.rmtree(copy)
        start = time.perf_counter()
        subprocess.run(["cp", "-r", str(data), str(copy)], check=True)
        subprocess.run(["sync"], check=True)
        times["cp+sync"].append(time.perf_counter() - start)
        shutil.rmtree(copy)
        times["backup"].append(_seconds([*mai, str(data), "backup", "-o", str(out)], env))
        times["restore"].append(_seconds([*mai, str(fresh), "restore", str(out)], env))
        shutil.rmtree(fresh)
        out.unlink()
    median = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"\n10 years x 5 goals ({answers} answers) + {megabytes} MB of audio in "
        f"{megabytes} files; medians of {RUNS} runs:\n"
        + "\n".join(f"  {name:8s} {seconds:7.2f} s" for name, seconds in median.items())
        + f"\n  backup / cp -r  = {median['backup'] / median['cp']:.2f}x"
        f"   (/ cp -r + sync = {median['backup'] / median['cp+sync']:.2f}x)"
        + f"\n  restore / cp -r = {median['restore'] / median['cp']:.2f}x"
        f"   (/ cp -r + sync = {median['restore'] / median['cp+sync']:.2f}x)"
    )
