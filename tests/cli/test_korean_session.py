"""A Korean user's first day, through real processes: init in Korean, goals with Korean
values, a typed evening, status, stats, values, and the daemon's notification through the
private D-Bus and dunst when the microphone cannot be opened. Every text is Korean: no
"을(를)"-style particle, no English word but names and commands."""

from __future__ import annotations

import re
import signal

import pytest

from microalign.adapters.paths import resolve
from tests.harness.daemon import checkins_toml, write_config
from tests.harness.process import DaemonProcess

MARKER = re.compile(r"\((을|를|이|가|은|는|와|과|으|이에요|예요|이나|나|이라고|라고)\)")
# What may be Latin in a Korean text: commands (with their options and arguments), paths,
# and names.
COMMAND = re.compile(
    r"`[^`]*`|microalign( [a-z][a-z-]*| --?[a-z-]+| [0-9]+)*|/[\w./~-]+"
    r"|'[^']*'|\b[a-z]+(?:\.[A-Za-z0-9_-]+)+\b"  # a value and a setting of the config
)
NAMES = {"PortAudio", "PulseAudio", "PipeWire", "D", "Bus", "Vosk", "pactl", "info", "apt"}
NAMES |= {"install", "dunst"}  # "apt install dunst": a command in the hint
NAMES |= {"TOML"}


def english_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", COMMAND.sub(" ", text))) - NAMES


def assert_korean(text: str) -> None:
    assert re.search("[가-힣]", text), text
    assert not MARKER.search(text), text
    assert not english_words(text), (english_words(text), text)


def test_korean_session_init_goals_evening_status_stats_values_all_korean(cli_process):
    said = []

    def run(*args: str, stdin: str = "") -> str:
        result = cli_process(*args, stdin=stdin)
        assert result.code == 0, result.err
        said.append(result.out + result.err)
        return result.out

    goal = "회의에서 질문 하나 하기"
    run("init", "--language", "ko", "--goal", goal, "--value", "용기")
    run("goals", "add", "한 사람에게 웃어 주기", "--value", "존중")
    assert "가치 “감사”를 추가했어요." in run("values", "add", "감사")
    run("goals", "add", "고마운 일 하나 적기", "--value", "감사", "--days", "weekdays")
    evening = run("checkin", "evening", "--text", stdin="네\n아니요\n좀\n뿌듯해요\n\n\n")
    assert "회의에서 질문 하나 하기: 1일 연속입니다." in evening
    status = run("status")
    assert re.search(r"회의에서 질문 하나 하기\s+용기\s+진행 중\s+네", status), status
    run("stats")
    values = run("values")
    assert re.search(r"용기\s+1\s+100%", values) and re.search(r"존중\s+1\s+0%", values)
    run("goals", "list")
    refused = cli_process("goals", "add", "걷기", "--value", "인내")
    assert refused.code == 5
    said.append(refused.err)
    assert (
        "가치 “인내”를 알 수 없어요. 있는 가치: 감사, 연민, 용기, 정직, 존중, 헌신." in refused.err
    )
    for text in said:
        assert_korean(text)


@pytest.mark.desktop
def test_korean_session_notification_microphone_error_in_korean(cli_process, desktop, tmp_path):
    """The microphone named in the config is not there: the daemon's note says so in
    Korean words (the raw PortAudio words stay in the log)."""
    cli_process("init", "--language", "ko", "--goal", "회의에서 질문 하나 하기", "--value", "용기")
    # The pinned clock says 15:00: the morning check-in's window is open.
    config = '[general]\nlanguage = "ko"\n[speech]\ninput_device = "no-such-mic"\n'
    write_config(resolve(), config + checkins_toml("14:30", None, grace=60))
    bus = {name: desktop.env[name] for name in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY")}
    daemon = DaemonProcess(tmp_path, bus)
    try:
        # After the check-in's own note ("체크인할 시간이에요…"), the one about the
        # microphone: waited for by the device's name, which it must show.
        desktop.wait_shown("'no-such-mic'", timeout=180)
    finally:  # stopped as systemd stops it: its children end with it
        daemon.proc.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=60) == 0
    notes = [(n["DUNST_SUMMARY"], n["DUNST_BODY"]) for n in desktop.received()]
    for title, body in notes:
        assert_korean(title)
        assert_korean(body)
    shown = " ".join(body for _, body in notes)
    assert "'no-such-mic'" in shown  # the device's name, as the config gives it
    assert "No input device matching" not in shown
    assert "No input device matching" in daemon.text(), daemon.text()  # in the log only


BROKEN_CONFIG = """[general]
language = "ko"
soft_goal_limit = "셋"
partly_counts_as_kept = "네"
colour = "blue"
[speech]
silence_seconds = 0
[checkins.evening]
time = "25:00"
days = ["월"]
[checkins.Lunch]
time = "12:30"
"""


def test_korean_config_problems_each_told_in_korean(cli_process):
    """Every problem of a Korean user's config is told in Korean, each naming its key;
    `doctor` lists them in Korean too."""
    path = resolve().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(BROKEN_CONFIG)
    refused = cli_process("status")
    assert refused.code == 3, refused.err
    assert_korean(refused.err)
    for key in (
        "general.soft_goal_limit",
        "general.partly_counts_as_kept",
        "general.colour",
        "speech.silence_seconds",
        "checkins.evening.time",
        "checkins.evening.days",
        "checkins.Lunch",
    ):
        assert key in refused.err, (key, refused.err)
    assert "'mon', 'tue', 'wed', 'thu', 'fri', 'sat' 또는 'sun' 중 하나여야 해요" in refused.err
    assert "speech.silence_seconds: 0.3 이상이어야 해요. 지금 값: 0" in refused.err
    doctor = cli_process("doctor")
    line = next(x for x in doctor.out.splitlines() if "general.colour" in x)
    assert_korean(line)
    assert "알 수 없는 키예요" in line
