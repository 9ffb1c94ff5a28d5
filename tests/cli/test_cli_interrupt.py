"""Ctrl-C in a real typed check-in keeps every answer given so far."""

import json
import os
import signal
import subprocess
import sys


def test_cli_ctrl_c_mid_checkin_keeps_answers_and_resumes(cli_process, home):
    cli_process("goals", "add", "Smile at one person")
    cli_process("goals", "add", "Drink water before coffee")
    proc = subprocess.Popen(
        [sys.executable, "-m", "microalign", "checkin", "evening", "--text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    proc.stdin.write("yes\n")
    proc.stdin.flush()
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if "Did you drink water" in line:
            break
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "every answer given so far is saved" in err
    status = json.loads(cli_process("status", "--json").out)
    assert [g["today"] for g in status["goals"]] == ["kept", None]
    assert status["checkins"]["evening"] == "stopped"
    resumed = cli_process("checkin", "evening", "--text", stdin="no\n\n\n\n")
    assert "smile" not in resumed.out and "Did you drink water" in resumed.out
    status = json.loads(cli_process("status", "--json").out)
    assert [g["today"] for g in status["goals"]] == ["kept", "missed"]
