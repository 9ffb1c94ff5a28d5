"""Milestones celebrate only what happened: never a span longer than the goals' history,
never a check-in counted twice."""

from __future__ import annotations

import io
from datetime import date, timedelta

from microalign.adapters.speech.terminal import TerminalListener, TerminalSpeaker
from microalign.app.checkin import run_checkin

SUNDAY = date(2026, 12, 6)
WEDNESDAY = date(2026, 11, 18)


def evening(app, answers: str, day: date, again: bool = False):
    out = io.StringIO()
    listener = TerminalListener(io.StringIO(answers), out)
    settled = () if again else ("done",)
    result = run_checkin(app, "evening", TerminalSpeaker(out), listener, day=day, settled=settled)
    return result, out.getvalue()


def test_checkin_goal_added_on_sunday_kept_that_evening_no_perfect_week(app):
    app.goals.add("Drink water", None, None, None, SUNDAY)
    result, out = evening(app, "yes\n\n\n\n", SUNDAY)
    assert result.status == "done"
    assert "perfect week" not in out.lower(), out
    assert not any(key.startswith("perfect_week") for key in app.store.milestone_keys())


def test_checkin_whole_week_kept_from_its_monday_is_a_perfect_week(app):
    monday = date(2026, 11, 30)
    app.goals.add("Drink water", None, None, None, monday)
    for n in range(7):
        _, out = evening(app, "yes\n\n\n\n", monday + timedelta(days=n))
    assert "Milestone: A perfect week" in out, out


def test_checkin_answered_again_counts_as_one_checkin(app):
    app.__dict__["config"] = app.config.model_copy(
        update={"milestones": app.config.milestones.model_copy(update={"total_checkins": [2]})}
    )
    app.goals.add("Drink water", None, None, None, WEDNESDAY)
    for _ in range(3):
        evening(app, "yes\n\n\n\n", WEDNESDAY, again=True)
    assert app.store.completed_checkin_days() == [WEDNESDAY]
    assert "checkins:-:2" not in app.store.milestone_keys()
