"""A restore killed in the middle of its swap: the next command finishes it. Real processes;
the kill comes from the restore process itself, right after one chosen rename, so the
moment is exact (tests/stress/test_kill_data.py kills at random moments)."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.harness.cli import Result

PASSPHRASE = "a long and private passphrase"
# Runs microalign, killing itself (SIGKILL) right after the first os.replace/os.rename of
# a restore's staged file whose destination ends with KILL_AFTER.
KILLED = """
import os, signal, sys

def killing(real):
    def call(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        if str(dst).endswith(os.environ["KILL_AFTER"]) and os.environ["KILL_WHERE"] in str(
            src
        ):
            os.kill(os.getpid(), signal.SIGKILL)
    return call

os.replace, os.rename = killing(os.replace), killing(os.rename)
from microalign.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return dict(os.environ, MICROALIGN_PASSPHRASE=PASSPHRASE)


def run(env: dict[str, str], *args: str, stdin: str = "") -> Result:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "microalign", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def killed(env: dict[str, str], after: str, where: str, *args: str) -> int:
    import subprocess

    kill = dict(env, KILL_AFTER=after, KILL_WHERE=where)
    done = subprocess.run(
        [sys.executable, "-c", KILLED, *args], capture_output=True, text=True, timeout=60, env=kill
    )
    return done.returncode


def _store(env: dict[str, str], data: Path, goal: str, encrypt: bool) -> None:
    at = ("--data-dir", str(data))
    assert run(env, *at, "init", "--no-input", "--goal", goal).code == 0
    if encrypt:
        assert run(env, *at, "encrypt", "--with", "passphrase").code == 0
    typed = run(env, *at, "checkin", "evening", "--text", "--date", "2026-11-10", stdin="yes\n")
    assert typed.code == 0, typed.err
    folder = data / "audio" / "2026-11-10"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{goal}.wav").write_bytes(goal.encode() * 1000)


def _goals(env: dict[str, str], data: Path) -> list[str]:
    shown = run(env, "--data-dir", str(data), "goals", "list", "--json")
    assert shown.code == 0, shown.err
    return [g["text"] for g in json.loads(shown.out)]


@pytest.mark.parametrize(
    ("encrypt", "after", "where"),
    [
        (True, "key.json", ".restore-"),  # the backup's key in place, the old database too
        (False, "audio", "/audio"),  # the old recordings moved aside, nothing new in place
    ],
)
def test_restore_killed_mid_swap_next_command_finishes_it(env, tmp_path, encrypt, after, where):
    source, data = tmp_path / "source", tmp_path / "data"
    _store(env, source, "In the backup", encrypt)
    backup = tmp_path / "store.backup"
    assert run(env, "--data-dir", str(source), "backup", "-o", str(backup)).code == 0
    _store(env, data, "Replaced", encrypt)  # its own key: another random data key
    code = killed(env, after, where, "--data-dir", str(data), "restore", str(backup), "--force")
    assert code == -signal.SIGKILL
    assert (data / "restore.journal").exists()
    # The next command, whichever it is, finds the journal and finishes the swap.
    assert _goals(env, data) == ["In the backup"]
    assert not (data / "restore.journal").exists()
    assert [p.name for p in data.iterdir() if p.name.startswith(".restore-")] == []
    recording = data / "audio" / "2026-11-10" / "In the backup.wav"
    assert recording.read_bytes().startswith(b"In the backup")
    assert not (data / "audio" / "2026-11-10" / "Replaced.wav").exists()
    (aside,) = [p for p in data.iterdir() if p.name.startswith("replaced-")]
    assert _goals(env, aside) == ["Replaced"]  # the old store, whole, with its own key
    assert (aside / "audio" / "2026-11-10" / "Replaced.wav").is_file()
