"""Coaching a user can believe, as a user meets it on the command line: honest
milestones, distinct goals, start dates, and typed answers as people type them.

Each command runs as a real process at a named moment (libfaketime), so the outcome is the
same on any real day and hour."""

from __future__ import annotations

import json

import pytest

from tests.harness.faketime import cli_at

SUNDAY_NIGHT = "2026-12-06 23:30:00"
WEDNESDAY_EVENING = "2026-11-18 21:00:00"


def config(home, text: str) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.mark.parametrize(
    ("language", "yes", "streak", "perfect_week"),
    [("en", "yes", "1 day in a row", "A perfect week"), ("ko", "네", "1일 연속", "완벽한 한 주")],
    ids=["en", "ko"],
)
def test_checkin_goal_added_sunday_night_kept_no_perfect_week(
    home, language, yes, streak, perfect_week
):
    config(home, f'[general]\nlanguage = "{language}"\n')
    assert cli_at(SUNDAY_NIGHT, "goals", "add", "Drink water").code == 0
    review = cli_at(SUNDAY_NIGHT, "checkin", "evening", "--text", stdin=f"{yes}\n\n\n\n")
    assert review.code == 0, review.err
    assert streak in review.out, review.out  # the answer was understood
    assert perfect_week not in review.out, review.out


def test_goals_add_duplicate_exits_6_naming_the_existing_goal(home):
    assert cli_at(WEDNESDAY_EVENING, "goals", "add", "Drink water").code == 0
    again = cli_at(WEDNESDAY_EVENING, "goals", "add", "drink  WATER")
    assert again.code == 6, again
    assert "Goal 1 already says “Drink water”." in again.err, again.err
    assert "microalign goals edit 1" in again.err
    assert "drink" not in cli_at(WEDNESDAY_EVENING, "goals", "list").out.split("Drink water")[1]


def test_goals_level_up_to_its_own_text_is_refused_and_keeps_the_goal(home):
    assert cli_at(WEDNESDAY_EVENING, "goals", "add", "Drink water").code == 0
    same = cli_at(WEDNESDAY_EVENING, "goals", "level-up", "1", "Drink water")
    assert same.code == 6, same
    assert "same text as goal 1" in same.err
    listed = cli_at(WEDNESDAY_EVENING, "goals", "list", "--all", "--json").out
    assert '"state": "mastered"' not in listed and listed.count('"id"') == 1, listed


def test_checkin_date_before_every_goal_says_so_and_names_since(home):
    for text in ("Drink water", "Walk", "Read"):
        assert cli_at(WEDNESDAY_EVENING, "goals", "add", text).code == 0
    early = cli_at(
        WEDNESDAY_EVENING, "checkin", "evening", "--text", "--date", "2026-11-10", stdin="\n\n\n"
    )
    assert early.code == 0, early.err
    assert "no active micro-goals" not in early.out, early.out
    assert "On 2026-11-10 none of your micro-goals had started yet" in early.out
    assert "the first starts on 2026-11-18" in early.out
    assert "microalign goals edit 1 --since 2026-11-10" in early.out


def test_goals_since_brings_earlier_days_over(home):
    added = cli_at(WEDNESDAY_EVENING, "goals", "add", "Drink water", "--since", "2026-11-16")
    assert added.code == 0, added.err
    for day in ("2026-11-16", "2026-11-17"):
        answered = cli_at(
            WEDNESDAY_EVENING, "checkin", "evening", "--text", "--date", day, stdin="yes\n\n\n\n"
        )
        assert "Did you drink water today?" in answered.out, answered.out
    review = cli_at(WEDNESDAY_EVENING, "checkin", "evening", "--text", stdin="yes\n\n\n\n")
    assert "Drink water: 3 days in a row." in review.out, review.out
    edited = cli_at(WEDNESDAY_EVENING, "goals", "edit", "1", "--since", "2026-11-12")
    assert edited.code == 0, edited.err
    stats = cli_at(WEDNESDAY_EVENING, "stats", "--json").out
    assert '"scheduled_days": 7' in stats, stats  # 12th to 18th: the new days count


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("2026-11-19", "--since 2026-11-19 is in the future."),
        ("18.11.2026", "Use YYYY-MM-DD"),
        ("2026-02-30", "Use YYYY-MM-DD"),
        ("2024-11-18", "more than 365 days ago"),
    ],
    ids=["future", "format", "no-such-day", "too-old"],
)
def test_goals_since_bad_date_exits_2_with_the_expected_format(home, since, message):
    for args in (("add", "Drink water"), ("edit", "1")):
        ran = cli_at(WEDNESDAY_EVENING, "goals", *args, "--since", since)
        assert ran.code == 2, ran
        assert message in ran.err, ran.err


def test_checkin_typed_y_and_n_are_answers(home):
    for text in ("Drink water", "Walk"):
        assert cli_at(WEDNESDAY_EVENING, "goals", "add", text).code == 0
    review = cli_at(WEDNESDAY_EVENING, "checkin", "evening", "--text", stdin="Y\nn\n\n\n\n")
    assert review.code == 0, review.err
    assert "didn't" not in review.out, review.out
    history = cli_at(WEDNESDAY_EVENING, "history", "--json").out
    assert '"outcome": "kept"' in history and '"outcome": "missed"' in history, history


def test_checkin_goal_left_unanswered_is_named_and_resumed(home):
    assert cli_at(WEDNESDAY_EVENING, "goals", "add", "Drink water").code == 0
    review = cli_at(WEDNESDAY_EVENING, "checkin", "evening", "--text", stdin="a\nb\nc\n\n\n\n")
    assert review.code == 0, review.err
    assert review.out.count("Sorry, I didn't understand.") == 3, review.out
    assert "Drink water: no answer yet." in review.out
    assert "a micro-goal got no answer" in review.err, review.err
    status = json.loads(cli_at(WEDNESDAY_EVENING, "status", "--json").out)
    assert status["checkins"]["evening"] == "stopped"  # not done: one goal is still open
    assert status["goals"][0]["today"] is None
    again = cli_at(WEDNESDAY_EVENING, "checkin", "evening", "--text", stdin="yes\n")
    assert "Drink water: 1 day in a row." in again.out, again.out
    assert "Saved." in again.err
