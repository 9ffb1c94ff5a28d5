"""Start-up cost of read commands on 10 years x 5 goals of answers, as whole processes.

Run: .venv/bin/python -m pytest tests/bench/test_bench_cli.py -m bench -s
Compares `microalign status` and `microalign stats` with a bare `python -c pass` in the
same run; prints medians (no timing assertions: machines are shared and noisy).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from microalign.adapters.store import Store, now_iso

YEARS, GOALS, RUNS = 10, 5, 15


def fill(data_dir: Path, today: date) -> int:
    start = today - timedelta(days=365 * YEARS)
    store = Store.open(data_dir / "microalign.db", ["commitment", "courage"])
    conn = store.conn
    with conn:
        for g in range(GOALS):
            conn.execute(
                "INSERT INTO goals(text, value, weekdays, state, created_on, created_at) "
                "VALUES (?, ?, '0123456', 'active', ?, ?)",
                (
                    f"Micro-goal {g + 1}",
                    "commitment" if g % 2 else "courage",
                    start.isoformat(),
                    now_iso(),
                ),
            )
        answers = []
        day = start
        while day <= today:
            cur = conn.execute(
                "INSERT INTO checkins(slot, day, status, source, started_at, finished_at) "
                "VALUES ('evening', ?, 'done', 'text', ?, ?)",
                (day.isoformat(), now_iso(), now_iso()),
            )
            for g in range(GOALS):
                outcome = "missed" if (day.toordinal() + g) % 17 == 0 else "kept"
                answers.append(
                    (
                        cur.lastrowid,
                        f"goal:{g + 1}",
                        g + 1,
                        "choice",
                        "yes",
                        outcome,
                        "final",
                        now_iso(),
                    )
                )
            answers.append(
                (cur.lastrowid, "feeling", None, "free", "good", None, "final", now_iso())
            )
            day += timedelta(days=1)
        conn.executemany(
            "INSERT INTO answers(checkin_id, step, goal_id, kind, text, outcome, status, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            answers,
        )
    store.close()
    return len(answers)


def median_seconds(cmd: list[str], env: dict[str, str]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def test_bench_status_and_stats_on_ten_years(tmp_path):
    env = os.environ | {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
    }
    count = fill(tmp_path / "data" / "microalign", date.today())
    exe = shutil.which("microalign", path=str(Path(sys.executable).parent)) or "microalign"
    status = json.loads(
        subprocess.run(
            [exe, "status", "--json"], env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    assert len(status["goals"]) == GOALS and all(g["best_streak"] >= 16 for g in status["goals"])
    bare = median_seconds([sys.executable, "-c", "pass"], env)
    results = {
        "python -c pass": bare,
        "microalign status": median_seconds([exe, "status"], env),
        "microalign status --json": median_seconds([exe, "status", "--json"], env),
        "microalign stats": median_seconds([exe, "stats"], env),
    }
    print(f"\n{count} answers, {YEARS} years x {GOALS} goals; median of {RUNS} runs:")
    for name, seconds in results.items():
        print(f"  {name:<28} {seconds * 1000:7.1f} ms   ({seconds - bare:+.3f} s over bare python)")
