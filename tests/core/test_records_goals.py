"""Goal-side records: what the store's rows become, and the stored form they give back."""

from __future__ import annotations

from datetime import date

from microalign.ports.records import Goal, Pause, ReachedMilestone, WeekFocus

GOAL_ROW = {
    "id": 3,
    "text": "Drink water",
    "value": "health",
    "area": None,
    "weekdays": "024",
    "state": "mastered",
    "parent_id": 1,
    "created_on": "2026-11-02",
    "ended_on": "2026-12-01",
    "created_at": "2026-11-02T08:00:00+00:00",
    "updated_at": "2026-12-01T20:00:00+00:00",
    "question": None,
}


def test_goal_from_row_days_parsed_extra_columns_ignored():
    goal = Goal.from_row(GOAL_ROW | {"goal_text": "joined in"})
    assert goal.created_on == date(2026, 11, 2) and goal.ended_on == date(2026, 12, 1)
    assert (goal.id, goal.parent_id, goal.weekdays) == (3, 1, "024")


def test_goal_to_row_round_trip_keeps_the_table_column_order():
    row = Goal.from_row(GOAL_ROW).to_row()
    assert row == GOAL_ROW
    assert list(row) == list(GOAL_ROW)  # `goals list --json` keeps its key order


def test_pause_from_row_open_pause_has_no_end():
    pause = Pause.from_row({"goal_id": 2, "start": "2026-11-05", "end": None})
    assert pause == Pause(2, date(2026, 11, 5))
    assert pause.to_row() == {"goal_id": 2, "start": "2026-11-05", "end": None}


def test_reached_milestone_from_row_joined_goal_text_read():
    row = {"id": 1, "key": "streak:2:3", "kind": "streak", "goal_id": 2, "threshold": 3.0}
    found = ReachedMilestone.from_row(row | {"reached_on": "2026-11-20", "goal_text": "Walk"})
    assert (found.reached_on, found.goal_text, found.notified_at) == (
        date(2026, 11, 20),
        "Walk",
        None,
    )


def test_week_focus_from_row_days_parsed():
    row = {"week": "2026-11-23", "value": "courage", "carry": None, "reviewed_on": "2026-11-22"}
    focus = WeekFocus.from_row(row | {"checkin_id": 4, "updated_at": "x"})
    assert (focus.week, focus.reviewed_on) == (date(2026, 11, 23), date(2026, 11, 22))
    assert focus.to_row()["week"] == "2026-11-23"
