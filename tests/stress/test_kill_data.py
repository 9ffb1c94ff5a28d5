"""SIGKILL `backup`, `restore` and `import` at random moments. Afterwards, every time: the
store opens, SQLite's integrity check is ok, and nothing is lost (a backup file is whole
or absent; a restore leaves the old or the new store in place and the old one whole, in
place or set aside; an import is all there or not at all)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from tests.cli.test_import import loop_zip
from tests.harness.cli import run_microalign

AUDIO_FILES, AUDIO_BYTES = 24, 256 * 1024


def _seed(data: Path, goal: str, salt: int) -> None:
    assert run_microalign("--data-dir", str(data), "goals", "add", goal).code == 0
    for day in ("2026-11-09", "2026-11-10"):
        done = run_microalign(
            "--data-dir",
            str(data),
            "checkin",
            "evening",
            "--text",
            "--date",
            day,
            stdin=f"yes\ncalm {salt}\nwin\nrain\n",
        )
        assert done.code == 0, done.err
    rng = random.Random(salt)
    for n in range(AUDIO_FILES):
        folder = data / "audio" / f"2026-11-{1 + n % 9:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"evening-{n}.wav").write_bytes(rng.randbytes(AUDIO_BYTES))


def _export(data: Path) -> str:
    result = run_microalign("--data-dir", str(data), "export", "--format", "json")
    assert result.code == 0, result.err
    return result.out


def _intact(data: Path) -> None:
    with sqlite3.connect(data / "microalign.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def _audio(data: Path) -> dict[str, bytes]:
    root = data / "audio"
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.wav")}


def cli_backup(data: Path, out: Path):
    return run_microalign("--data-dir", str(data), "backup", "-o", str(out))


def _timed(*args: str) -> float:
    start = time.monotonic()
    result = run_microalign(*args)
    assert result.code == 0, result.err
    return time.monotonic() - start


def _killed(rng: random.Random, longest: float, *args: str) -> int | None:
    """Run `microalign ARGS`, SIGKILL it after a random time up to `longest`; its exit
    code when it ended first."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "microalign", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    time.sleep(rng.uniform(0, longest))
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=60)


def test_stress_backup_killed_at_random_leaves_store_whole_and_file_whole_or_absent(
    home, tmp_path, kills
):
    data = tmp_path / "data"
    _seed(data, "Walk 10 minutes", 1)
    before, out = _export(data), tmp_path / "out.backup"
    longest = _timed("--data-dir", str(data), "backup", "-o", str(out)) * 1.2
    out.unlink()
    rng = random.Random(int(os.environ.get("MICROALIGN_STRESS_SEED", "7")))
    whole = 0
    for _ in range(kills["backup"]):
        code = _killed(rng, longest, "--data-dir", str(data), "backup", "-o", str(out))
        _intact(data)
        if out.exists():  # whole: it restores into an empty folder
            whole += 1
            target = tmp_path / f"check-{whole}"
            restored = run_microalign("--data-dir", str(target), "restore", str(out))
            assert restored.code == 0, (code, restored.err)
            assert _export(target) == before
            out.unlink()
    assert _export(data) == before
    # A finished backup removes what killed ones left beside it.
    assert cli_backup(data, out).code == 0
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []
    print(f"\nbackup: {kills['backup']} kills, {whole} files finished before the kill, all whole")


def test_stress_restore_killed_at_random_keeps_old_or_new_store_whole(home, tmp_path, kills):
    first, second = tmp_path / "first", tmp_path / "second"
    _seed(first, "Walk 10 minutes", 1)
    _seed(second, "Drink water", 2)
    states = {}
    for name, folder in (("first", first), ("second", second)):
        backup = tmp_path / f"{name}.backup"
        assert run_microalign("--data-dir", str(folder), "backup", "-o", str(backup)).code == 0
        states[name] = (_export(folder), _audio(folder), backup)
    data = tmp_path / "data"
    assert run_microalign("--data-dir", str(data), "restore", str(states["first"][2])).code == 0
    longest = _timed("--data-dir", str(data), "restore", str(states["second"][2]), "--force")
    longest *= 1.2
    current = "second"
    rng = random.Random(int(os.environ.get("MICROALIGN_STRESS_SEED", "7")))
    swapped = 0
    for _ in range(kills["restore"]):
        target = "first" if current == "second" else "second"
        args = ("--data-dir", str(data), "restore", str(states[target][2]), "--force")
        _killed(rng, longest, *args)
        _intact(data)
        now = _export(data)
        assert now in (states["first"][0], states["second"][0])
        if now == states[target][0]:
            swapped += 1
        # Nothing lost: the store it replaced is in place or in the newest folder aside.
        aside = sorted(data.glob("replaced-*"), key=lambda p: p.stat().st_mtime)
        places = [data, *aside[-1:]]
        assert any(_export(p) == states[current][0] for p in places)
        assert any((p / "audio").exists() and _audio(p) == states[current][1] for p in places)
        # Finish it, as the user would: the store is then exactly the backup.
        assert run_microalign(*args).code == 0
        assert _export(data) == states[target][0] and _audio(data) == states[target][1]
        current = target
    print(f"\nrestore: {kills['restore']} kills, {swapped} after the swap; nothing lost")


def _long_history() -> dict[str, dict[date, tuple[str, str]]]:
    """Two habits over eight years: the import's transaction takes a good part of its run,
    so kills land inside it too."""
    values: dict[str, dict[date, tuple[str, str]]] = {"Meditate": {}, "Wake up early": {}}
    for i in range(8 * 365):
        day = date(2026, 11, 10) - timedelta(days=i)
        values["Meditate"][day] = ("YES_MANUAL" if i % 3 else "NO", "")
        values["Wake up early"][day] = ("YES_MANUAL" if i % 2 else "SKIP", f"day {i}")
    return values


def test_stress_import_killed_at_random_adds_all_or_nothing(home, tmp_path, kills):
    export = tmp_path / "loop.zip"
    loop_zip(export, _long_history())
    data = tmp_path / "data"
    assert run_microalign("--data-dir", str(data), "goals", "add", "Read a page").code == 0
    empty = _export(data)
    reference = tmp_path / "reference"
    assert run_microalign("--data-dir", str(reference), "goals", "add", "Read a page").code == 0
    longest = _timed("--data-dir", str(reference), "import", "loop", str(export)) * 1.2
    full = _export(reference)
    rng = random.Random(int(os.environ.get("MICROALIGN_STRESS_SEED", "7")))
    imported = 0
    for _ in range(kills["import"]):
        _killed(rng, longest, "--data-dir", str(data), "import", "loop", str(export))
        _intact(data)
        now = _export(data)
        assert now in (empty, full)
        if now == full:  # done before the kill: undo it for the next round
            imported += 1
            (data / "microalign.db").unlink()
            for suffix in ("-wal", "-shm"):
                Path(f"{data / 'microalign.db'}{suffix}").unlink(missing_ok=True)
            assert run_microalign("--data-dir", str(data), "goals", "add", "Read a page").code == 0
    assert run_microalign("--data-dir", str(data), "import", "loop", str(export)).code == 0
    assert _export(data) == full
    print(f"\nimport: {kills['import']} kills, {imported} finished first; all or nothing")
