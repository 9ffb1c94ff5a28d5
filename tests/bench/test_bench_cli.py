"""Start-up cost of read commands on 10 years x 5 goals of answers, as whole processes.

Run: .venv/bin/python -m pytest tests/bench/test_bench_cli.py -m bench -s
Compares the read commands (status, stats, history, export, report) and `jrnl -n 1` on the
same journal (jrnl installed from PyPI into a temporary venv) with a bare `python -c pass` in the
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

from microalign.adapters.store import SqliteStore, now_iso

YEARS, GOALS, RUNS = 10, 5, 15


def fill(data_dir: Path, today: date) -> int:
    start = today - timedelta(days=365 * YEARS)
    store = SqliteStore.open(data_dir / "microalign.db", ["commitment", "courage"])
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
                "INSERT INTO checkins(name, day, status, source, started_at, finished_at) "
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
                        f"Did you do micro-goal {g + 1} today?",
                        "choice",
                        "yes",
                        outcome,
                        "final",
                        now_iso(),
                    )
                )
            answers.append(
                (
                    cur.lastrowid,
                    "feeling",
                    None,
                    "How did it feel?",
                    "free",
                    "good",
                    None,
                    "final",
                    now_iso(),
                )
            )
            day += timedelta(days=1)
        conn.executemany(
            "INSERT INTO answers(checkin_id, step, goal_id, prompt, kind, text, outcome, status, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            answers,
        )
    store.close()
    return len(answers)


def median_seconds(cmd: list[str], env: dict[str, str]) -> float:
    times = []
    # One untimed run first: it writes the bytecode an installed program already has and
    # warms the page cache, so every tool is timed as a user runs it on the second day.
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(
            cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def jrnl_command(tmp_path: Path, env: dict[str, str], journal: str) -> list[str] | None:
    """jrnl from PyPI in a fresh venv, reading `journal` (None when it cannot be installed)."""
    venv = tmp_path / "jrnl-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "jrnl"],
        capture_output=True,
        text=True,
    )
    if pip.returncode != 0:
        print(f"\njrnl not installed: {pip.stderr.strip()[-300:]}")
        return None
    path = tmp_path / "journal.txt"
    path.write_text(journal, encoding="utf-8")
    config = Path(env["XDG_CONFIG_HOME"]) / "jrnl" / "jrnl.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals: {{default: {{journal: {path}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.2\n",
        encoding="utf-8",
    )
    return [str(venv / "bin" / "jrnl"), "-n", "1"]


def test_bench_read_commands_on_ten_years(tmp_path):
    # pip compiles an installed package's bytecode; a machine-wide PYTHONDONTWRITEBYTECODE
    # would make every run compile every module from source instead (about 25 ms for status).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    count = fill(tmp_path / "data" / "microalign", date.today())
    exe = shutil.which("microalign", path=str(Path(sys.executable).parent)) or "microalign"
    status = json.loads(
        subprocess.run(
            [exe, "status", "--json"], env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    assert len(status["goals"]) == GOALS and all(g["best_streak"] >= 16 for g in status["goals"])
    journal = subprocess.run(
        [exe, "export", "--format", "jrnl"], env=env, check=True, capture_output=True, text=True
    ).stdout
    entries = journal.count("\n[") + 1
    jrnl = jrnl_command(tmp_path, env, journal)
    report = str(tmp_path / "report.html")
    bare = median_seconds([sys.executable, "-c", "pass"], env)
    commands = {
        "microalign status": [exe, "status"],
        "microalign status --json": [exe, "status", "--json"],
        "microalign stats": [exe, "stats"],
        "microalign history --days 30": [exe, "history", "--days", "30"],
        "microalign export --format json": [exe, "export", "--format", "json"],
        "microalign report": [exe, "report", "-o", report],
    }
    if jrnl is not None:
        shown = subprocess.run(jrnl, env=env, check=True, capture_output=True, text=True).stdout
        assert shown.strip(), "jrnl showed no entry"
        commands[f"jrnl -n 1 ({entries} entries)"] = jrnl
    results = {"python -c pass": bare}
    results |= {name: median_seconds(cmd, env) for name, cmd in commands.items()}
    print(f"\n{count} answers, {YEARS} years x {GOALS} goals; median of {RUNS} runs:")
    for name, seconds in results.items():
        print(f"  {name:<34} {seconds * 1000:7.1f} ms   ({seconds - bare:+.3f} s over bare python)")
