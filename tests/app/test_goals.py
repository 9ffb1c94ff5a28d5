from datetime import date

import pytest

from microalign.app.goals import parse_weekdays
from microalign.errors import GoalLimitError, NotFoundError, UsageError

DAY = date(2026, 11, 2)


def test_goals_add_unknown_value_names_known_ones_and_fix(app):
    with pytest.raises(NotFoundError, match=r"(?s)Unknown value .bravery.*values add bravery"):
        app.goals.add("Speak up", "bravery", None, None, DAY)
    assert app.goals.list() == []


def test_goals_add_fourth_warns_sixth_is_refused(app):
    for n in range(3):
        assert app.goals.add(f"goal {n}", None, None, None, DAY).warning is None
    fourth = app.goals.add("goal 3", None, None, None, DAY)
    assert "3" in fourth.warning
    app.goals.add("goal 4", None, None, None, DAY)
    with pytest.raises(GoalLimitError, match=r"(?i)pause or retire"):
        app.goals.add("goal 5", None, None, None, DAY)
    assert len(app.goals.active()) == 5


def test_goals_pause_resume_records_interval(app):
    goal = app.goals.add("Stand up straight", None, "physical", "weekdays", DAY).goal
    app.goals.transition(goal["id"], "pause", date(2026, 11, 5))
    assert app.goals.get(goal["id"])["state"] == "paused"
    app.goals.transition(goal["id"], "resume", date(2026, 11, 9))
    # The resume day counts again: the pause ends the day before.
    assert app.goals.pauses() == {goal["id"]: [(date(2026, 11, 5), date(2026, 11, 8))]}


def test_goals_retired_cannot_resume(app):
    goal = app.goals.add("Compliment someone", None, None, None, DAY).goal
    app.goals.transition(goal["id"], "retire", DAY)
    with pytest.raises(GoalLimitError, match="retired"):
        app.goals.transition(goal["id"], "resume", DAY)


def test_goals_level_up_keeps_chain_value_and_days(app):
    first = app.goals.add("Eye contact with one person", "courage", "social", "mon,wed", DAY).goal
    second = app.goals.level_up(first["id"], "Eye contact with three people", date(2026, 12, 1))
    third = app.goals.level_up(second.goal["id"], "Start a conversation", date(2027, 1, 1))
    chain = app.goals.chain(third.goal["id"])
    assert [g["text"] for g in chain] == [
        "Eye contact with one person",
        "Eye contact with three people",
        "Start a conversation",
    ]
    assert [g["state"] for g in chain] == ["mastered", "mastered", "active"]
    assert third.goal["value"] == "courage" and third.goal["weekdays"] == "02"


def test_goals_level_up_with_empty_text_changes_nothing(app):
    goal = app.goals.add("Ask one question", None, None, None, DAY).goal
    with pytest.raises(UsageError, match="empty"):
        app.goals.level_up(goal["id"], "   ", DAY)
    assert app.goals.get(goal["id"])["state"] == "active"


def test_goals_edit_without_changes_is_refused(app):
    goal = app.goals.add("Ask one question", None, None, None, DAY).goal
    with pytest.raises(UsageError, match="Nothing to change"):
        app.goals.edit(goal["id"])


@pytest.mark.parametrize(
    ("spec", "stored"),
    [
        (None, "0123456"),
        ("daily", "0123456"),
        ("weekdays", "01234"),
        ("sun,Mon", "06"),
        ("weekends", "56"),
        ("tuesday, thursday", "13"),
    ],
)
def test_goals_parse_weekdays_accepts_names(spec, stored):
    assert parse_weekdays(spec) == stored


def test_goals_parse_weekdays_rejects_unknown_day():
    with pytest.raises(UsageError, match="funday"):
        parse_weekdays("mon,funday")


def test_goals_value_in_use_cannot_be_removed(app):
    app.goals.add("Return extra change", "honesty", None, None, DAY)
    with pytest.raises(UsageError, match="used by 1 goal"):
        app.goals.remove_value("honesty")
    assert "honesty" in app.goals.values()
