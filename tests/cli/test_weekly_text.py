"""What the weekly review says about the week's values is true of the data."""

from __future__ import annotations

NO_VALUES = "This week no micro-goal was linked to a value."
NO_ANSWERS = "Your values have no answered day this week yet."


def test_checkin_weekly_goal_with_value_unanswered_says_no_answers_yet(cli_process):
    """A goal linked to a value, added today and not answered yet (a new user's first
    Sunday): the week has no day to count, which is not that no goal has a value."""
    assert cli_process("goals", "add", "Ask one question", "--value", "courage").code == 0
    result = cli_process("checkin", "weekly", "--text", stdin="courage\n\n")
    assert result.code == 0, result.err
    assert NO_ANSWERS in result.out
    assert NO_VALUES not in result.out


def test_checkin_weekly_goal_without_value_says_none_linked(cli_process):
    assert cli_process("goals", "add", "Drink water").code == 0
    result = cli_process("checkin", "weekly", "--text", stdin="courage\n\n")
    assert result.code == 0, result.err
    assert NO_VALUES in result.out
    assert NO_ANSWERS not in result.out
