"""`status` and `stats` figures through the store's progress cache (migration m005).

Replaying ten years of answers day by day for every goal takes longer than the rest of a
command. The figures depend only on the stored rows, the day and the forgiveness rules, so
they are computed once (by app/progress.py, the one source of truth) and kept per goal with
that day, those rules and the store's revision; any write bumps the revision.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from microalign.app.progress import ALL_STATES, GoalFigures, GoalProgress, goal_progress, rules_of
from microalign.core.outcomes import DayState, GoalSchedule, Rules
from microalign.core.streaks import StreakSummary
from microalign.ports.records import Goal

LETTER = {
    DayState.KEPT: "K",
    DayState.PARTLY: "P",
    DayState.MISSED: "M",
    DayState.FROZEN: "F",
    DayState.REST: "R",
    DayState.PENDING: "?",
}
STATE = {letter: state for state, letter in LETTER.items()}


def rules_key(rules: Rules) -> str:
    return f"partly={int(rules.partly_counts_as_kept)};freeze={rules.freeze_days_per_week}"


def goal_figures(
    app: Any, today: date, states: tuple[str, ...] = ALL_STATES, since: date | None = None
) -> list[GoalFigures]:
    """Figures of the goals in `states`; `days` holds only the days from `since` on."""
    store = app.store
    key, day = rules_key(rules_of(app.settings)), today.isoformat()
    revision = store.progress_revision()
    cached = store.cached_progress(day, key, revision)
    goals = app.goals.list(ALL_STATES)
    if any(g.id not in cached for g in goals):
        cached = {p.goal.id: _entry(p) for p in goal_progress(app, today)}
        store.save_progress(day, key, revision, cached)
    return [_figures(g, cached[g.id], since) for g in goals if g.state in states]


def _entry(p: GoalProgress) -> dict[str, Any]:
    s = p.summary
    last = s.last_kept.isoformat() if s.last_kept else None
    return {
        "summary": [s.current, s.best, s.kept_days, s.scheduled_days, s.frozen_days, last],
        "strength": p.strength,
        "start": p.days[0][0].isoformat() if p.days else None,
        "states": "".join(LETTER[state] for _, state in p.days),
    }


def _figures(goal: Goal, entry: dict[str, Any], since: date | None) -> GoalFigures:
    current, best, kept, scheduled, frozen, last = entry["summary"]
    summary = StreakSummary(
        current, best, kept, scheduled, frozen, date.fromisoformat(last) if last else None
    )
    days: list[tuple[date, DayState]] = []
    letters: str = entry["states"]
    if entry["start"] and letters:
        start = date.fromisoformat(entry["start"])
        skip = max((since - start).days, 0) if since else 0
        day = start + timedelta(days=skip)
        for letter in letters[skip:]:
            days.append((day, STATE[letter]))
            day += timedelta(days=1)
    return GoalFigures(goal, summary, entry["strength"], days)


def drawn_states(
    days: list[tuple[date, DayState]], schedule: GoalSchedule, since: date
) -> dict[date, str]:
    """Each day's state from `since` on as calendars draw it: a day the goal was not due (a
    weekday off, a pause) is "none", apart from a rest day the user took ("rest")."""
    return {
        day: "none" if state == DayState.REST and not schedule.is_scheduled(day) else str(state)
        for day, state in days
        if day >= since
    }
