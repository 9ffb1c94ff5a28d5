"""A data folder on a disk that is full, or on a read-only file system: commands that write
say which it is (exit 12) and change nothing; commands that only read work as usual.

Real disks: a small tmpfs mounted for each test (tests/harness/disks.py), filled up or
remounted read-only.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.disks import SmallDisk

FILE_ERROR = 12
GOAL = "Smile at one person"
FEELING = "calm and clear"


@pytest.fixture
def disk(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch):
    """The data folder on a small disk of its own (config, cache, lock stay elsewhere)."""
    small = SmallDisk(tmp_path / "disk")
    small.mount()
    monkeypatch.setenv("MICROALIGN_DATA_DIR", str(small.root / "data"))
    try:
        yield small
    finally:
        small.unmount()


@pytest.fixture
def used(cli_process, disk: SmallDisk) -> SmallDisk:
    """A user with a goal (a value) and one evening answered."""
    assert cli_process("goals", "add", GOAL, "--value", "courage").code == 0
    done = cli_process("checkin", "evening", "--text", stdin=f"yes\n{FEELING}\n\n\n")
    assert done.code == 0, done.err
    return disk


def database_bytes(disk: SmallDisk) -> bytes:
    return (disk.root / "data" / "microalign.db").read_bytes()


# Each command that only reads, and what its output must show of the stored data.
READING = {
    "status": (["status"], GOAL),
    "stats": (["stats"], GOAL),
    "history": (["history"], FEELING),
    "values": (["values"], "courage"),
    "export": (["export", "--format", "json"], FEELING),
    "goals list": (["goals", "list"], GOAL),
}


def _read(cli_process, name: str) -> str:
    args, expected = READING[name]
    result = cli_process(*args)
    assert result.code == 0, result.err
    assert expected in result.out
    return result.out


# --- a full disk ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["checkin", "morning", "--text"],
        ["checkin", "evening", "--text", "--again"],
        ["goals", "add", "Drink water"],
    ],
    ids=["checkin", "checkin-again", "goals-add"],
)
def test_writing_command_disk_full_exits_12_naming_folder_and_free_space(cli_process, used, args):
    used.fill()
    before = database_bytes(used)
    result = cli_process(*args, stdin="be kind\nyes\nfine\n\n\n")
    assert result.code == FILE_ERROR, result.err
    folder = used.root / "data"
    assert f"The disk holding {folder} is full (0 MB free)." in result.err, result.err
    assert "disk I/O error" not in result.err and "0700" not in result.err
    assert ">" not in result.out  # not a single question asked
    assert database_bytes(used) == before


@pytest.mark.parametrize("name", sorted(READING))
def test_reading_command_disk_full_shows_stored_data(cli_process, used, name):
    used.fill()
    before = database_bytes(used)
    _read(cli_process, name)
    assert database_bytes(used) == before


def test_report_disk_full_writes_report_elsewhere(cli_process, used, tmp_path):
    used.fill()
    out = tmp_path / "report.html"
    result = cli_process("report", "-o", str(out))
    assert result.code == 0, result.err
    assert GOAL in out.read_text()


def test_status_disk_full_reads_answers_a_running_process_holds(cli_process, used):
    """A process that has the database open (the daemon) keeps its latest changes in the
    write-ahead log until it closes; a reader must see them."""
    holder = _hold_database(used, f"UPDATE goals SET text = '{GOAL} (held)'")
    try:
        used.fill()
        assert _goal_text(cli_process) == f"{GOAL} (held)"
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


# --- a read-only file system ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["checkin", "morning", "--text"], ["goals", "add", "Drink water"]],
    ids=["checkin", "goals-add"],
)
def test_writing_command_read_only_fs_exits_12_naming_folder(cli_process, used, args):
    used.read_only()
    result = cli_process(*args, stdin="be kind\n")
    assert result.code == FILE_ERROR, result.err
    folder = used.root / "data"
    assert f"{folder} is on a read-only file system." in result.err, result.err
    assert "0700" not in result.err and "permission" not in result.err.lower()
    assert ">" not in result.out


@pytest.mark.parametrize("name", sorted(READING))
def test_reading_command_read_only_fs_shows_stored_data(cli_process, used, name):
    used.read_only()
    _read(cli_process, name)


def test_status_read_only_fs_reads_answers_left_in_write_ahead_log(cli_process, used):
    """A writer killed before it closed the database (a crash, a power cut before the
    medium was remounted) leaves its last changes in the write-ahead log."""
    holder = _hold_database(used, f"UPDATE goals SET text = '{GOAL} (crashed)'")
    holder.kill()
    holder.wait(timeout=30)
    assert Path(f"{used.root / 'data' / 'microalign.db'}-wal").stat().st_size > 0
    used.read_only()
    assert _goal_text(cli_process) == f"{GOAL} (crashed)"


def test_status_json_read_only_fs_is_the_same_as_before(cli_process, used):
    before = json.loads(cli_process("status", "--json").out)
    used.read_only()
    assert json.loads(cli_process("status", "--json").out) == before


def _goal_text(cli_process) -> str:
    result = cli_process("status", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)["goals"][0]["text"]


def _hold_database(disk: SmallDisk, sql: str) -> subprocess.Popen:
    """A process that changes the database and keeps it open (no checkpoint) until its
    standard input closes."""
    code = (
        "import sqlite3, sys\n"
        f"conn = sqlite3.connect({str(disk.root / 'data' / 'microalign.db')!r})\n"
        "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        f"conn.execute({sql!r})\n"
        "conn.commit()\n"
        "print('ready', flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_status_disk_full_with_cache_on_it_reads_without_writing_cache(
    cli_process, used, home, monkeypatch
):
    """The cache folder on the full disk too: a config changed since it was cached is
    validated again, and its new cache is simply not written."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(used.root / "cache"))
    assert cli_process("status").code == 0  # the config's cache, on the small disk
    config = home / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[general]\nlanguage = "ko"\n')
    os.utime(config, (1_700_000_000, 1_700_000_000))  # changed, and not just now
    used.fill()
    assert re.search("[가-힣]", _read(cli_process, "status"))  # the new config's language
    cached = json.loads(
        (used.root / "cache" / "microalign" / "config" / "settings.json").read_text()
    )
    assert cached["settings"]["general"]["language"] == "en"  # the old cache, not rewritten


def test_checkin_disk_full_korean_says_so_in_korean(cli_process, used, home):
    config = home / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[general]\nlanguage = "ko"\n')
    used.fill()
    result = cli_process("checkin", "morning", "--text", stdin="친절하게\n")
    assert result.code == FILE_ERROR, result.err
    folder = used.root / "data"
    assert f"{folder}가 있는 디스크가 가득 찼어요 (남은 공간 0 MB)." in result.err
