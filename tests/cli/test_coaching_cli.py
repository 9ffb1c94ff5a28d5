"""Coaching a user can believe, as a user meets it on the command line: honest
milestones, distinct goals, start dates, and typed answers as people type them.

Each command runs as a real process at a named moment (libfaketime), so the outcome is the
same on any real day and hour."""

from __future__ import annotations

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
