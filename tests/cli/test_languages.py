"""The CLI speaks the configured language (general.language), and goals ask their own
question in the evening (goals add --ask)."""

import json
import re

HANGUL = re.compile("[가-힣]")


def korean(home) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[general]\nlanguage = "ko"\n')


def test_languages_korean_status_history_summary_in_korean(cli_process, home):
    korean(home)
    added = cli_process("goals", "add", "Drink water", "--value", "commitment")
    assert added.code == 0 and HANGUL.search(added.out), added
    review = cli_process("checkin", "evening", "--text", stdin="네\n좋았어요\n\n\n")
    assert review.code == 0, review.err
    assert "Drink water: 1일 연속입니다." in review.out  # the spoken summary
    assert "days in a row" not in review.out and "Thank you" not in review.out
    assert HANGUL.search(review.err) and "Saved" not in review.err
    status = cli_process("status")
    assert status.code == 0 and HANGUL.search(status.out)
    for english in ("evening", "morning", "not yet", "streak", "strength", "active", "goal"):
        assert english not in status.out, (english, status.out)
    history = cli_process("history")
    assert history.code == 0 and "저녁" in history.out
    assert "evening" not in history.out
    stats = cli_process("stats")
    assert "연속 1일" in stats.out and "streak" not in stats.out


def test_languages_korean_errors_in_korean_english_without_config(cli_process, home):
    missing = cli_process("goals", "pause", "9")
    assert missing.code == 5 and "There is no goal 9." in missing.err
    korean(home)
    missing = cli_process("goals", "pause", "9")
    assert missing.code == 5 and "9번 목표가 없어요." in missing.err
    assert "There is no goal" not in missing.err
    bad_date = cli_process("checkin", "evening", "--text", "--date", "someday")
    assert bad_date.code == 2 and HANGUL.search(bad_date.err) and "not a date" not in bad_date.err


def test_languages_broken_config_errors_stay_english(cli_process, home):
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[general]\nlanguage = "ko"\nsoft_goal_limit = "many"\n')
    result = cli_process("status")
    assert result.code == 3 and "Invalid configuration" in result.err


def test_languages_english_summary_plural_one_day_then_two_days(cli, app):
    from datetime import date

    app.goals.add("Drink water", None, None, None, date.fromisoformat(_days_ago(1)))
    app.close()
    first = cli("checkin", "evening", "--text", "--date", _days_ago(1), stdin="yes\n\n\n\n")
    assert "Drink water: 1 day in a row." in first.out
    second = cli("checkin", "evening", "--text", stdin="yes\n\n\n\n")
    assert "Drink water: 2 days in a row." in second.out


def _days_ago(n: int) -> str:
    from datetime import date, timedelta

    return (date.today() - timedelta(days=n)).isoformat()


def test_languages_goal_ask_question_asked_in_evening_listed_and_exported(cli_process):
    added = cli_process(
        "goals", "add", "I will call mum", "--ask", "Did you call mum\x1b[2J today?\n"
    )
    assert added.code == 0, added.err
    review = cli_process("checkin", "evening", "--text", stdin="yes\n\n\n\n")
    assert "Did you call mum today?" in review.out
    assert "Did you I will call mum" not in review.out
    listed = json.loads(cli_process("goals", "list", "--json").out)
    assert listed[0]["question"] == "Did you call mum today?"  # cleaned: one plain line
    exported = json.loads(cli_process("export", "--format", "json").out)
    assert {r["goal_question"] for r in exported if r["step"] == "goal:1"} == {
        "Did you call mum today?"
    }


def test_languages_goal_edit_ask_changes_and_empty_restores_default(cli):
    cli("goals", "add", "Stretch")
    assert cli("goals", "edit", "1", "--ask", "Did you stretch for a minute?").code == 0
    asked = cli("checkin", "evening", "--text", stdin="stop\n")
    assert "Did you stretch for a minute?" in asked.out
    assert cli("goals", "edit", "1", "--ask", "").code == 0
    again = cli("checkin", "evening", "--text", stdin="stop\n")
    assert "Did you stretch today?" in again.out


def test_languages_goal_ask_empty_on_add_is_refused(cli):
    result = cli("goals", "add", "Stretch", "--ask", "  \n ")
    assert result.code == 2 and "The question is empty." in result.err
