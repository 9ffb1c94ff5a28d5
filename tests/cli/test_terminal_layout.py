"""What the terminal shows: columns aligned by display width (Korean takes two columns a
character), lines within the terminal's width, answers in the order asked, milestones that
name their goal, ended goals without a "today", and where a levelled-up goal came from."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from wcwidth import wcswidth

from tests.harness.faketime import cli_at

WEDNESDAY_EVENING = "2026-11-18 21:00:00"
KOREAN = "하루에 물 한 잔 마시기"
LONG = "Ask one question in every single team meeting of the week, even the long ones"


def config(home, text: str) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def database(home) -> sqlite3.Connection:
    return sqlite3.connect(home / "xdg_data_home" / "microalign" / "microalign.db")


def backdate(home, goal_id: int, days: int) -> None:
    with database(home) as conn:
        start = (date.today() - timedelta(days=days)).isoformat()
        conn.execute("UPDATE goals SET created_on = ? WHERE id = ?", (start, goal_id))
    conn.close()


def columns_of(line: str, cell: str) -> int:
    """The display column at which `cell` starts in `line`."""
    return wcswidth(line[: line.index(cell)])


@pytest.fixture
def goals(cli):
    for text, value in ((KOREAN, "commitment"), ("Walk", "courage"), ("물", "commitment")):
        assert cli("goals", "add", text, "--value", value).code == 0


def test_status_korean_goal_names_later_columns_start_at_same_display_column(
    cli, goals, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "200")
    out = cli("status").out.splitlines()
    header = next(line for line in out if line.startswith("id"))
    rows = [line for line in out if line[:1].isdigit() and "active" in line]
    assert len(rows) == 3
    value_column = columns_of(header, "value")
    state_column = columns_of(header, "state")
    for row in rows:
        value = "courage" if "Walk" in row else "commitment"
        assert columns_of(row, value) == value_column, out
        assert columns_of(row, "active") == state_column, out


@pytest.mark.parametrize("width", [60, 80, 200])
def test_status_long_and_korean_names_lines_within_columns(cli, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    for text in (LONG, KOREAN * 4):
        assert cli("goals", "add", text, "--value", "commitment").code == 0
    out = cli("status").out
    assert max(wcswidth(line) for line in out.splitlines()) <= width, out
    if width < 100:
        assert "…" in out and LONG not in out


@pytest.mark.parametrize("width", [60, 80, 200])
def test_stats_24_months_korean_lines_within_columns(cli, home, monkeypatch, width):
    config(home, '[general]\nlanguage = "ko"\n')
    assert cli("goals", "add", KOREAN * 6).code == 0
    assert cli("goals", "add", LONG).code == 0
    backdate(home, 1, 800)
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("stats", "--months", "24")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(wcswidth(line) for line in lines) <= width, result.out
    assert result.out.count("12월") >= 2  # both Decembers are shown
    assert ("…" in result.out) == (width < 200)


def test_stats_heatmap_wraps_into_rows_of_whole_months(cli, home, monkeypatch):
    assert cli("goals", "add", "Walk").code == 0
    backdate(home, 1, 730)
    monkeypatch.setenv("COLUMNS", "60")
    out = cli("stats", "--months", "24").out
    headers = [line for line in out.splitlines() if line.startswith("    ") and "Jan" in line]
    assert len(headers) == 2  # two Januaries, each in the header row of a block
    blocks = [line for line in out.splitlines() if line.startswith("Mon")]
    assert len(blocks) >= 4


def test_history_answers_in_the_order_they_were_asked(cli, goals):
    review = cli("checkin", "evening", "--text", stdin="yes\nno\npartly\ncalm\nwin\nrain\n")
    assert review.code == 0, review.err
    out = cli("history").out
    asked = [
        f"Did you {KOREAN} today?",
        "Did you walk today?",
        "Did you 물 today?",
        "How did it feel?",
        "What is one small win from today?",
        "What got in your way today?",
    ]
    positions = [out.index(prompt) for prompt in asked]
    assert positions == sorted(positions), out


def test_checkin_milestone_line_names_the_goal_once_exclaimed(home):
    # A Wednesday evening: only the streak milestone can be reached on a goal's first day.
    config(home, "[milestones]\nstreak_days = [1]\n")
    assert cli_at(WEDNESDAY_EVENING, "goals", "add", "Drink water").code == 0
    review = cli_at(WEDNESDAY_EVENING, "checkin", "evening", "--text", stdin="yes\n\n\n\n")
    assert review.code == 0, review.err
    line = next(line for line in review.out.splitlines() if line.startswith("Milestone"))
    assert line == "Milestone: “Drink water” — 1 day in a row!", review.out


def test_stats_mastered_and_retired_goals_no_pending_today_show_their_state(cli):
    for text in ("Walk", "Read", "Stretch"):
        assert cli("goals", "add", text).code == 0
    assert cli("goals", "master", "1").code == 0
    assert cli("goals", "retire", "2").code == 0
    out = cli("stats").out
    parts = out.split("\n3. ")
    ended, active = parts[0], parts[1]
    assert "?" not in ended and "today, not answered yet" not in ended, ended
    today = date.today().isoformat()
    assert f"mastered on {today}" in ended and f"retired on {today}" in ended
    assert "streak" not in ended
    assert "?" in active and "today, not answered yet" in active


def test_stats_levelled_up_goal_names_its_parent_days_and_chain(cli, home, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert cli("goals", "add", "Eye contact with one person").code == 0
    backdate(home, 1, 29)
    assert cli("goals", "level-up", "1", "Eye contact with three people").code == 0
    assert cli("goals", "level-up", "2", "Eye contact with everyone").code == 0
    out = cli("stats").out
    second = out.split("\n2. ")[1].split("\n3. ")[0]
    assert "levelled up from “Eye contact with one person” after 30 days" in second, out
    third = out.split("\n3. ")[1]
    assert "levelled up from “Eye contact with three people” after 1 day" in third, out
    chain = (
        "Eye contact with one person → Eye contact with three people → Eye contact with everyone"
    )
    assert f"chain: {chain}" in third


def test_stats_one_day_counts_use_the_singular(cli):
    assert cli("goals", "add", "Walk").code == 0
    assert cli("checkin", "evening", "--text", stdin="yes\n\n\n\n").code == 0
    out = cli("stats").out
    assert "kept 1 of 1 day\n" in out and "1 days" not in out
