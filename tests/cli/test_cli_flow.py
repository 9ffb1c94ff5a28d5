"""The commands as a new user runs them, from init to exports."""

import csv
import hashlib
import io
import json
from datetime import date, timedelta

import pytest


def test_cli_acceptance_init_add_checkin_status_export(cli_process, home):
    assert cli_process("init").code == 0
    added = cli_process(
        "goals", "add", "Ask one question in the team meeting", "--value", "commitment"
    )
    assert added.code == 0, added.err
    review = cli_process("checkin", "evening", "--text", stdin="yes\nnervous but glad\n")
    assert review.code == 0, review.err
    status = json.loads(cli_process("status", "--json").out)
    goal = status["goals"][0]
    assert (goal["text"], goal["streak"], goal["today"]) == (
        "Ask one question in the team meeting",
        1,
        "kept",
    )
    exported = cli_process("export", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(exported)))
    answers = {r["step"]: r for r in rows}
    assert answers["goal:1"]["outcome"] == "kept" and answers["goal:1"]["text"] == "yes"
    assert answers["feeling"]["text"] == "nervous but glad"


def test_cli_first_use_needs_no_init(cli):
    result = cli("goals", "add", "Drink a glass of water", "--value", "commitment")
    assert result.code == 0, result.err
    assert "Added goal 1" in result.out


def database_digest(home):
    db = home / "xdg_data_home" / "microalign" / "microalign.db"
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[general]\nsoft_goal_limit = "many"\n', "general.soft_goal_limit"),
        ("[general]\nfavourite = 1\n", "general.favourite"),
        ('[schedule.evening]\ntime = "25:00"\n', "schedule.evening.time"),
    ],
)
def test_cli_invalid_config_exits_nonzero_naming_key_data_untouched(cli_process, home, toml, key):
    cli_process("goals", "add", "Smile at one person")
    before = database_digest(home)
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(toml)
    for args in (
        ["config", "check"],
        ["status"],
        ["checkin", "evening", "--text"],
        ["goals", "add", "x"],
    ):
        result = cli_process(*args, stdin="yes\n")
        assert result.code == 3, (args, result.err)
        assert key in result.err and "microalign.toml" in result.err
        assert "Traceback" not in result.err
    assert database_digest(home) == before


def test_cli_config_check_valid_and_json(cli):
    cli("init")
    assert "OK" in cli("config", "check").out
    assert json.loads(cli("config", "check", "--json").out)["valid"] is True


def test_cli_init_keeps_existing_config(cli, home):
    cli("init")
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.write_text("[general]\nlanguage = 'ko'\n")
    # The kept config speaks Korean, so init does too.
    assert "기존 설정" in cli("init").out
    assert path.read_text() == "[general]\nlanguage = 'ko'\n"


def test_cli_checkin_done_twice_needs_again(cli):
    cli("goals", "add", "Smile at one person")
    cli("checkin", "evening", "--text", stdin="yes\n\n\n\n")
    second = cli("checkin", "evening", "--text", stdin="no\n")
    assert "already done" in second.out and "--again" in second.out
    cli("checkin", "evening", "--text", "--again", stdin="no\n\n\n\n")
    status = json.loads(cli("status", "--json").out)
    assert status["goals"][0]["today"] == "missed"


def test_cli_checkin_backfills_earlier_day_streak_counts(cli):
    today = date.today()
    cli("goals", "add", "Smile at one person")
    # A goal counts from the day it was added: move it back so yesterday is scheduled.
    cli("goals", "edit", "1", "--days", "daily")
    result = cli("checkin", "evening", "--text", "--date", str(today + timedelta(days=1)))
    assert result.code == 2 and "future" in result.err
    bad = cli("checkin", "evening", "--text", "--date", "yesterday")
    assert bad.code == 2 and "YYYY-MM-DD" in bad.err


def test_cli_unknown_goal_and_bad_transition_exit_codes(cli):
    assert cli("goals", "pause", "42").code == 5
    cli("goals", "add", "Smile at one person")
    cli("goals", "retire", "1")
    result = cli("goals", "resume", "1")
    assert result.code == 6 and "retired" in result.err


def test_cli_goals_level_up_shows_chain(cli):
    cli("goals", "add", "Eye contact with one person", "--value", "courage")
    result = cli("goals", "level-up", "1", "Eye contact with three people")
    assert "Eye contact with one person → Eye contact with three people" in result.out
    listed = json.loads(cli("goals", "list", "--all", "--json").out)
    assert [(g["state"], g["parent_id"]) for g in listed] == [("mastered", None), ("active", 1)]


def test_cli_export_formats(cli, tmp_path):
    cli("goals", "add", "Smile at one person", "--value", "respect")
    cli("checkin", "morning", "--text", stdin="be kind\n")
    cli("checkin", "evening", "--text", stdin="yes\nskip, tired\nwarm\n\n\n")
    md = cli("export", "--format", "md").out
    assert "Did you keep it?** yes" in md
    assert "**Did you smile at one person today?** skip — tired" in md
    jrnl = cli("export", "--format", "jrnl").out
    assert f"[{date.today()} 07:30] Morning reflection." in jrnl
    assert "be kind\n" in jrnl and "Evening review." in jrnl
    data = json.loads(cli("export", "--format", "json").out)
    assert {"be kind", "warm"} <= {r["text"] for r in data}
    out = tmp_path / "journal.csv"
    result = cli("export", "--format", "csv", "-o", str(out))
    assert result.code == 0 and "Wrote" in result.err
    assert (out.stat().st_mode & 0o777) == 0o600
    assert "skip, tired" in out.read_text()


def test_cli_stats_shows_heatmap_and_history(cli):
    cli("goals", "add", "Smile at one person", "--value", "respect")
    cli("checkin", "evening", "--text", stdin="partly\n\n\n\n")
    stats = cli("stats")
    assert "streak 1 · best 1" in stats.out and "▪" in stats.out
    assert json.loads(cli("stats", "--json").out)[0]["kept_days"] == 1
    assert "Did you smile at one person today?" in cli("history").out
    values = json.loads(cli("values", "--json").out)
    assert {"value": "respect", "goals": 1, "week": 1.0, "month": 1.0} in values


def test_cli_values_add_and_remove(cli):
    assert "Added value 'patience'" in cli("values", "add", "Patience").out
    assert "patience" in cli("values").out
    assert cli("values", "remove", "patience").code == 0
    assert cli("values", "remove", "patience").code == 5


def test_cli_report_writes_private_html_with_charts(cli, tmp_path):
    cli("goals", "add", "Say <no> kindly", "--value", "honesty")
    cli(
        "checkin",
        "evening",
        "--text",
        "--date",
        str(date.today() - timedelta(days=0)),
        stdin="yes\n\n\n\n",
    )
    out = tmp_path / "r.html"
    result = cli("report", "-o", str(out))
    assert result.code == 0 and str(out) in result.err
    html = out.read_text()
    assert "Say &lt;no&gt; kindly" in html and "<no>" not in html
    assert 'aria-label="calendar"' in html and "honesty" in html
    assert (out.stat().st_mode & 0o777) == 0o600


def test_cli_export_answer_without_prompt_exports_every_format(cli, home):
    """A database written by an older or foreign tool may hold answers with no prompt."""
    import sqlite3

    from microalign.adapters.paths import resolve

    cli("checkin", "morning", "--text", stdin="be kind\n")
    with sqlite3.connect(resolve().database) as db:
        db.execute("UPDATE answers SET prompt = NULL")
    for fmt in ("jrnl", "md", "csv", "json"):
        result = cli("export", "--format", fmt)
        assert result.code == 0, (fmt, result.err)
        assert "be kind" in result.out and "None" not in result.out
