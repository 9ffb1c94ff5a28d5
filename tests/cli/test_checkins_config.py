"""Check-ins are data: [checkins.NAME] in the config, `checkin NAME`, the weekly review."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from datetime import date, timedelta

import pytest

FOCUS_ANSWERS = "5\nkeep asking questions\n"  # 5: courage, the fifth default value


def _config(home, text: str) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _focus_rows(home) -> list[tuple]:
    db = home / "xdg_data_home" / "microalign" / "microalign.db"
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT week, value, carry, reviewed_on FROM weekly_focus").fetchall()


def _sunday_before_last_week() -> date:
    """A Sunday whose following Monday is not in the future (so --date accepts it)."""
    today = date.today()
    return today - timedelta(days=today.weekday() + 8)


def test_checkin_weekly_fresh_install_typed_exit_0(cli_process, home):
    result = cli_process("checkin", "weekly", "--text", stdin="courage\nsmall steps\n")
    assert result.code == 0, result.err
    assert "Which value do you want to focus on next week?" in result.out
    assert "1 honesty / 2 respect / 3 compassion / 4 commitment / 5 courage" in result.out
    assert "Noted: courage." in result.out
    assert "What do you want to carry forward?" in result.out
    assert "This week no micro-goal was linked to a value." in result.out
    week = date.today() - timedelta(days=date.today().weekday()) + timedelta(days=7)
    assert _focus_rows(home) == [(str(week), "courage", "small steps", str(date.today()))]


def test_checkin_weekly_reads_value_alignment_and_streaks(cli_process, home):
    from microalign.adapters.paths import resolve
    from microalign.app.context import App

    sunday = _sunday_before_last_week()
    monday = sunday - timedelta(days=6)
    app = App(resolve())
    try:
        app.goals.add("Ask one question", "courage", None, None, monday)
    finally:
        app.close()
    for offset in range(7):
        day = monday + timedelta(days=offset)
        answer = "no\n\n\n\n" if offset == 2 else "yes\n\n\n\n"
        done = cli_process("checkin", "evening", "--text", "--date", str(day), stdin=answer)
        assert done.code == 0, done.err
    review = cli_process("checkin", "weekly", "--text", "--date", str(sunday), stdin="1\n\n")
    assert review.code == 0, review.err
    assert "courage: aligned on 6 of 7 days." in review.out
    assert "Your best streaks:" in review.out
    assert "Ask one question: 6 days in a row." in review.out  # the miss is a freeze day


def test_checkin_weekly_focus_said_in_next_week_morning(cli_process, home):
    sunday = _sunday_before_last_week()
    review = cli_process("checkin", "weekly", "--text", "--date", str(sunday), stdin=FOCUS_ANSWERS)
    assert review.code == 0, review.err
    assert _focus_rows(home) == [
        (str(sunday + timedelta(days=1)), "courage", "keep asking questions", str(sunday))
    ]
    same_week = cli_process("checkin", "morning", "--text", "--date", str(sunday), stdin="x\n")
    assert same_week.code == 0, same_week.err
    assert "This week's focus" not in same_week.out
    for day in (sunday + timedelta(days=1), sunday + timedelta(days=7)):
        morning = cli_process("checkin", "morning", "--text", "--date", str(day), stdin="y\n")
        assert morning.code == 0, morning.err
        assert "This week's focus: courage." in morning.out
        assert "You wanted to carry forward: keep asking questions." in morning.out


def test_checkin_weekly_unclear_focus_asked_again_then_name_in_sentence(cli_process, home):
    answers = "purple\nI choose respect\nfine\n"
    result = cli_process("checkin", "weekly", "--text", stdin=answers)
    assert result.code == 0, result.err
    assert "Please name one of: honesty / respect / compassion" in result.out
    assert [r[1] for r in _focus_rows(home)] == ["respect"]


def test_checkin_unknown_name_exit_2_lists_configured(cli_process, home):
    _config(home, '[checkins.lunch]\nflow = "evening"\ntime = "12:30"\n')
    result = cli_process("checkin", "noon", "--text", stdin="yes\n")
    assert result.code == 2, result.err
    assert "no check-in named 'noon'" in result.err
    assert "Configured check-ins: morning, evening, weekly, lunch." in result.err


def test_checkin_help_explains_names(cli_process):
    result = cli_process("checkin", "--help")
    assert result.code == 0
    assert "NAME" in result.out and "[checkins.NAME]" in result.out
    assert "weekly" in result.out


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('[checkins.Lunch]\nflow = "evening"\ntime = "12:30"\n', "checkins.Lunch: check-in name"),
        ('[checkins.lunch]\nflow = "dinner"\ntime = "12:30"\n', "checkins.lunch.flow:"),
        ('[checkins.lunch]\ntime = "12:30"\n', 'give flow = "morning", "evening" or "weekly"'),
        ('[checkins.lunch]\nflow = "evening"\n', "checkins.lunch.time: required key"),
        ('[checkins.weekly]\ndays = ["sunday"]\n', "checkins.weekly.days.0:"),
        (
            '[schedule.morning]\ntime = "08:00"\n[checkins.morning]\ntime = "08:00"\n',
            "keep only [checkins.morning]",
        ),
    ],
)
def test_config_bad_checkin_exit_3_names_key(cli_process, home, toml, needle):
    _config(home, toml)
    for args in (["config", "check"], ["checkin", "morning", "--text"], ["status"]):
        result = cli_process(*args, stdin="x\n")
        assert result.code == 3, (args, result.err)
        assert needle in result.err and "microalign.toml" in result.err


def test_custom_checkin_history_export_status_show_name(cli_process, home):
    _config(home, '[checkins.lunch]\nflow = "evening"\ntime = "12:30"\n')
    cli_process("goals", "add", "Take a walk", "--value", "compassion")
    done = cli_process("checkin", "lunch", "--text", stdin="partly\nrushed\n\n\n")
    assert done.code == 0, done.err
    assert "Good evening. Let's look back at your day." in done.out
    history = cli_process("history").out
    assert f"{date.today()} lunch" in history
    markdown = cli_process("export", "--format", "md").out
    assert f"## {date.today()} — Lunch check-in" in markdown
    jrnl = cli_process("export", "--format", "jrnl").out
    assert "Lunch check-in." in jrnl
    rows = list(csv.DictReader(io.StringIO(cli_process("export", "--format", "csv").out)))
    assert {r["checkin"] for r in rows} == {"lunch"}
    status = json.loads(cli_process("status", "--json").out)
    assert status["checkins"]["lunch"] == "done"
    assert status["goals"][0]["today"] == "partly"


def test_disabled_default_checkin_still_runs_by_hand(cli_process, home):
    _config(home, "[checkins.weekly]\nenabled = false\n")
    result = cli_process("checkin", "weekly", "--text", stdin="2\n\n")
    assert result.code == 0, result.err
    assert [r[1] for r in _focus_rows(home)] == ["respect"]


def test_checkin_weekly_value_added_later_offered_after_config_values(cli_process, home):
    assert cli_process("values", "add", "patience").code == 0
    result = cli_process("checkin", "weekly", "--text", stdin="6\n\n")
    assert result.code == 0, result.err
    assert "5 courage / 6 patience" in result.out
    assert [r[1] for r in _focus_rows(home)] == ["patience"]


def test_checkin_custom_name_busy_message_names_it(cli_process, home):
    from microalign.adapters import owner
    from microalign.adapters.paths import resolve
    from microalign.adapters.store import SqliteStore

    _config(home, '[checkins.lunch]\nflow = "evening"\ntime = "12:30"\n')
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with SqliteStore.open(resolve().database) as store:
            store.claim_checkin("lunch", date.today(), "text", owner=owner.owner_of(sleeper.pid))
        result = cli_process("checkin", "lunch", "--text", stdin="\n")
    finally:
        sleeper.kill()
        sleeper.wait()
    assert result.code == 7, result.err
    assert "The lunch check-in of" in result.err and "Ref(" not in result.err
