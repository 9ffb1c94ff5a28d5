"""The weekly review's data: the figures it reads out, and the focus it chooses for the
week after it (stored per week, read out by that week's morning check-ins)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from microalign.core.dialogue.flows import Focus, WeekFigures

if TYPE_CHECKING:
    from microalign.app.context import App

FOCUS_STEP, CARRY_STEP = "focus", "carry_forward"
TOP_STREAKS = 3


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


def focus_options(app: App) -> list[str]:
    """The values a week can focus on, by their names: the user's values (`values add` ones
    too), those of the config first in its order, so a typed number means the same as in the
    config."""
    known = app.values.ordered()
    keys = [app.values.key_of(v) for v in app.config.general.values]
    configured = [key for key in dict.fromkeys(keys) if key in known]
    return [app.values.label(v) for v in configured + [v for v in known if v not in configured]]


def week_figures(app: App, day: date) -> WeekFigures:
    """Alignment per value in the week of `day` (up to `day`) and the longest running
    streaks of the active goals."""
    from microalign.app.progress import goal_progress, value_rates

    progress = goal_progress(app, day)
    rates = [
        (app.values.label(r.value), r.aligned_days, r.scheduled_days)
        for r in value_rates(app, progress, day, "week", periods=1)
    ]
    running = sorted(
        (p for p in progress if p.goal.state == "active" and p.summary.current > 0),
        key=lambda p: (-p.summary.current, p.goal.id),
    )
    streaks = [(p.goal.text, p.summary.current) for p in running[:TOP_STREAKS]]
    return WeekFigures(rates, streaks)


def save_focus(app: App, checkin_id: int, day: date) -> None:
    """Store what the weekly review of `day` chose, for the week after it."""
    answers = {
        a.step: a.text
        for a in app.store.day_answers(day)
        if a.checkin_id == checkin_id and a.step in (FOCUS_STEP, CARRY_STEP)
    }
    from microalign.core.dialogue.answers import parse_command

    values = set(focus_options(app))
    chosen = answers.get(FOCUS_STEP)
    value = app.values.key_of(chosen) if chosen in values else None  # stored by its key
    carry = (answers.get(CARRY_STEP) or "").strip() or None
    if carry is not None and parse_command(carry, app.pack) is not None:
        carry = None  # "skip": passed, nothing to carry
    if value is None and carry is None:
        return
    week = week_start(day) + timedelta(days=7)
    app.store.set_week_focus(week, value, carry, day, checkin_id)


def focus_for(app: App, day: date) -> Focus | None:
    """The focus chosen for the week of `day`, if a weekly review chose one."""
    found = app.store.week_focus(week_start(day))
    if found is None:
        return None
    value = app.values.label(found.value) if found.value else None
    return Focus(value, found.carry)
