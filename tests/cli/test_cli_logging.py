"""Log lines carry a timestamp, except when stderr is the systemd journal (it adds its own)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO microalign\.", re.MULTILINE)
PLAIN = re.compile(r"^INFO microalign\.", re.MULTILINE)


def _log_of_checkin(stderr: Path, journal_stream: str | None) -> str:
    """Run a typed check-in that logs (an answer it cannot use) with stderr in a file."""
    env = os.environ.copy()
    env.pop("JOURNAL_STREAM", None)
    subprocess.run(
        [sys.executable, "-m", "microalign", "goals", "add", "Smile at one person"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    with stderr.open("w") as err:
        if journal_stream == "this file":
            stat = os.fstat(err.fileno())
            journal_stream = f"{stat.st_dev}:{stat.st_ino}"
        if journal_stream is not None:
            env["JOURNAL_STREAM"] = journal_stream
        subprocess.run(
            [sys.executable, "-m", "microalign", "-v", "checkin", "evening", "--text"],
            input="banana\n" * 3,
            stdout=subprocess.DEVNULL,
            stderr=err,
            text=True,
            env=env,
            timeout=60,
        )
    return stderr.read_text()


@pytest.mark.usefixtures("home")
def test_log_format_stderr_not_journal_has_timestamps(tmp_path):
    log = _log_of_checkin(tmp_path / "stderr.log", None)
    assert STAMP.search(log), log


@pytest.mark.usefixtures("home")
def test_log_format_inherited_journal_stream_of_other_file_has_timestamps(tmp_path):
    other = os.stat(tmp_path)
    log = _log_of_checkin(tmp_path / "stderr.log", f"{other.st_dev}:{other.st_ino}")
    assert STAMP.search(log), log


@pytest.mark.usefixtures("home")
def test_log_format_stderr_is_journal_no_timestamps(tmp_path):
    log = _log_of_checkin(tmp_path / "stderr.log", "this file")
    assert PLAIN.search(log), log
    assert not STAMP.search(log), log
