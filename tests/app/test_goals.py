from datetime import date, timedelta

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
    app.goals.transition(goal.id, "pause", date(2026, 11, 5))
    assert app.goals.get(goal.id).state == "paused"
    app.goals.transition(goal.id, "resume", date(2026, 11, 9))
    # The resume day counts again: the pause ends the day before.
    assert app.goals.pauses() == {goal.id: [(date(2026, 11, 5), date(2026, 11, 8))]}


def test_goals_retired_cannot_resume(app):
    goal = app.goals.add("Compliment someone", None, None, None, DAY).goal
    app.goals.transition(goal.id, "retire", DAY)
    with pytest.raises(GoalLimitError, match="retired"):
        app.goals.transition(goal.id, "resume", DAY)


def test_goals_level_up_keeps_chain_value_and_days(app):
    first = app.goals.add("Eye contact with one person", "courage", "social", "mon,wed", DAY).goal
    second = app.goals.level_up(first.id, "Eye contact with three people", date(2026, 12, 1))
    third = app.goals.level_up(second.goal.id, "Start a conversation", date(2027, 1, 1))
    chain = app.goals.chain(third.goal.id)
    assert [g.text for g in chain] == [
        "Eye contact with one person",
        "Eye contact with three people",
        "Start a conversation",
    ]
    assert [g.state for g in chain] == ["mastered", "mastered", "active"]
    assert third.goal.value == "courage" and third.goal.weekdays == "02"


def test_goals_level_up_with_empty_text_changes_nothing(app):
    goal = app.goals.add("Ask one question", None, None, None, DAY).goal
    with pytest.raises(UsageError, match="empty"):
        app.goals.level_up(goal.id, "   ", DAY)
    assert app.goals.get(goal.id).state == "active"


def test_goals_edit_without_changes_is_refused(app):
    goal = app.goals.add("Ask one question", None, None, None, DAY).goal
    with pytest.raises(UsageError, match="Nothing to change"):
        app.goals.edit(goal.id)


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
        app.values.remove("honesty")
    assert "honesty" in app.values.ordered()


@pytest.mark.parametrize(
    "again",
    ["Drink water", "drink WATER", "  Drink   water ", "Ｄｒｉｎｋ\u3000water"],
    ids=["same", "case", "spaces", "full-width"],
)
def test_goals_add_same_text_as_an_active_goal_is_refused_naming_it(app, again):
    first = app.goals.add("Drink water", None, None, None, DAY).goal
    with pytest.raises(GoalLimitError, match=rf"(?is)goal {first.id}\b.*edit {first.id}"):
        app.goals.add(again, None, None, None, DAY)
    assert len(app.goals.active()) == 1


def test_goals_add_text_of_a_paused_goal_is_refused_suggesting_resume(app):
    goal = app.goals.add("Drink water", None, None, None, DAY).goal
    app.goals.transition(goal.id, "pause", DAY)
    with pytest.raises(GoalLimitError, match=rf"goals resume {goal.id}"):
        app.goals.add("drink water", None, None, None, DAY)


def test_goals_add_text_of_a_retired_goal_is_allowed(app):
    goal = app.goals.add("Drink water", None, None, None, DAY).goal
    app.goals.transition(goal.id, "retire", DAY)
    assert app.goals.add("Drink water", None, None, None, DAY).goal.state == "active"


def test_goals_edit_text_to_another_goals_text_is_refused(app):
    app.goals.add("Drink water", None, None, None, DAY)
    walk = app.goals.add("Walk", None, None, None, DAY).goal
    with pytest.raises(GoalLimitError, match=r"(?i)goal 1"):
        app.goals.edit(walk.id, text="DRINK  water")
    assert app.goals.get(walk.id).text == "Walk"


def test_goals_edit_own_text_in_other_case_is_allowed(app):
    goal = app.goals.add("drink water", None, None, None, DAY).goal
    assert app.goals.edit(goal.id, text="Drink water").goal.text == "Drink water"


def test_goals_level_up_to_the_same_text_is_refused_and_changes_nothing(app):
    goal = app.goals.add("Ask one question", None, None, None, DAY).goal
    with pytest.raises(GoalLimitError, match=r"(?s)same.*harder"):
        app.goals.level_up(goal.id, "ask one  question", DAY)
    assert app.goals.get(goal.id).state == "active"
    assert len(app.goals.list(("active", "paused", "mastered", "retired"))) == 1


def test_goals_level_up_to_another_goals_text_changes_nothing(app):
    goal = app.goals.add("Ask one question", None, None, None, DAY).goal
    app.goals.add("Ask two questions", None, None, None, DAY)
    with pytest.raises(GoalLimitError, match=r"(?i)goal 2"):
        app.goals.level_up(goal.id, "Ask two questions", DAY)
    assert app.goals.get(goal.id).state == "active"


def test_goals_resume_beside_an_active_goal_of_the_same_text_is_refused(app):
    # Two goals of one text from before the rule: resuming the paused one is refused.
    goal = app.goals.add("Drink water", None, None, None, DAY).goal
    app.goals.transition(goal.id, "pause", DAY)
    app.store.add_goal(app.goals.get(goal.id).to_row() | {"id": None, "state": "active"})
    with pytest.raises(GoalLimitError, match=r"(?i)goal 2"):
        app.goals.transition(goal.id, "resume", DAY)
    assert app.goals.get(goal.id).state == "paused"


def kept_days(app, goal_id: int, days: list[date]) -> None:
    """Answer "yes" for the goal on each day, as typed evening check-ins do."""
    import io

    from microalign.adapters.speech.terminal import TerminalListener, TerminalSpeaker
    from microalign.app.checkin import run_checkin

    for day in days:
        out = io.StringIO()
        listener = TerminalListener(io.StringIO("yes\n\n\n\n"), out)
        assert run_checkin(app, "evening", TerminalSpeaker(out), listener, day=day).status == "done"


def figures(app, goal_id: int, today: date):
    from microalign.app.progress import goal_progress

    found = {p.goal.id: p for p in goal_progress(app, today)}[goal_id]
    return found.summary, found.strength


def test_goals_pause_after_todays_answer_keeps_every_recorded_day(app):
    goal = app.goals.add("Drink water", None, None, None, DAY).goal
    days = [DAY + timedelta(days=n) for n in range(3)]
    kept_days(app, goal.id, days)
    before = figures(app, goal.id, days[-1])
    assert (before[0].current, before[0].best, before[0].kept_days) == (3, 3, 3)
    paused = app.goals.transition(goal.id, "pause", days[-1])
    assert "the pause starts tomorrow" in paused.warning
    assert figures(app, goal.id, days[-1]) == before
    # Resumed the next day: still nothing recorded has changed, and no day was paused.
    app.goals.transition(goal.id, "resume", days[-1] + timedelta(days=1))
    assert figures(app, goal.id, days[-1]) == before
    assert app.goals.pauses() == {}


def test_goals_pause_before_todays_answer_makes_today_a_rest_day(app):
    goal = app.goals.add("Drink water", None, None, None, DAY).goal
    kept_days(app, goal.id, [DAY])
    tomorrow = DAY + timedelta(days=1)
    app.goals.transition(goal.id, "pause", tomorrow)
    summary, _ = figures(app, goal.id, tomorrow + timedelta(days=1))
    assert (summary.current, summary.scheduled_days) == (1, 1)  # no missed day while paused


def test_goals_add_since_starts_the_history_then(app):
    since = DAY - timedelta(days=3)
    goal = app.goals.add("Drink water", None, None, None, DAY, since=since).goal
    assert goal.created_on == since
    kept_days(app, goal.id, [since + timedelta(days=n) for n in range(4)])
    summary, _ = figures(app, goal.id, DAY)
    assert (summary.current, summary.scheduled_days) == (4, 4)


def test_goals_add_since_in_the_future_is_refused(app):
    with pytest.raises(UsageError, match="future"):
        app.goals.add("Drink water", None, None, None, DAY, since=DAY + timedelta(days=1))
    assert app.goals.list() == []


def test_goals_edit_since_earlier_makes_earlier_days_answerable(app):
    goal = app.goals.add("Drink water", None, None, None, DAY).goal
    since = DAY - timedelta(days=7)
    assert app.goals.edit(goal.id, since=since, today=DAY).goal.created_on == since
    kept_days(app, goal.id, [since])
    summary, _ = figures(app, goal.id, since)
    assert (summary.current, summary.kept_days) == (1, 1)


def test_goals_edit_since_after_a_recorded_answer_is_refused(app):
    goal = app.goals.add("Drink water", None, None, None, DAY).goal
    kept_days(app, goal.id, [DAY])
    later = DAY + timedelta(days=1)
    with pytest.raises(UsageError, match=f"answers from {DAY}"):
        app.goals.edit(goal.id, since=later, today=later)
    assert app.goals.get(goal.id).created_on == DAY
