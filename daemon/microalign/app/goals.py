"""Goal management: the lifecycle rules of `domain.goals` applied to the stored goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from microalign.app.values import Values, value_name
from microalign.core.safetext import clean as clean_text
from microalign.errors import NotFoundError, UsageError
from microalign.i18n import Keyed

# The English short names are the canonical ones (also the config's): importing them from
# microalign.config would load pydantic for every goal command.
from microalign.i18n.en import WEEKDAYS_SHORT as WEEKDAYS
from microalign.ports.records import Goal

if TYPE_CHECKING:
    from microalign.i18n import LanguagePack
    from microalign.ports.store import GoalRecords

MAX_GOAL_TEXT = 200
MAX_QUESTION = 200


@dataclass
class Change:
    goal: Goal
    warning: str | None = None


def parse_weekdays(spec: str | None) -> str:
    """ "mon,wed,fri" / "weekdays" / "daily" -> "024"; the stored form lists weekday numbers."""
    if not spec or spec.strip().lower() in ("daily", "all", "every day"):
        return "0123456"
    named = {"weekdays": "01234", "weekends": "56"}
    key = spec.strip().lower()
    if key in named:
        return named[key]
    days: set[int] = set()
    for part in key.replace(" ", "").split(","):
        if part[:3] not in WEEKDAYS:
            raise UsageError.keyed("unknown_weekday", part=part, spec=spec)
        days.add(WEEKDAYS.index(part[:3]))
    return "".join(str(d) for d in sorted(days))


def weekday_names(stored: str, lang: LanguagePack | None = None) -> str:
    """ "daily" or "mon,wed,fri" (in `lang`'s words when given)."""
    if stored == "0123456":
        return lang.t("days.daily") if lang else "daily"
    names = lang.weekdays_short if lang else WEEKDAYS
    return ",".join(names[int(d)] for d in stored)


def _one_line(text: str, what: str, limit: int) -> str:
    clean = " ".join(clean_text(text).split())
    if not clean:
        raise UsageError.keyed(f"{what}_empty")
    if len(clean) > limit:
        raise UsageError.keyed(f"{what}_long", length=len(clean), limit=limit)
    return clean


def check_text(text: str) -> str:
    return _one_line(text, "goal_text", MAX_GOAL_TEXT)


def check_question(question: str) -> str:
    """A goal's own evening question ("Did you stretch today?"): one clean line."""
    return _one_line(question, "question", MAX_QUESTION)


Rows = list[Goal]  # `Goals.list` hides the builtin inside the class
Names = list[str]
Pauses = list[tuple[date, date | None]]


class Goals:
    def __init__(
        self,
        store: GoalRecords,
        soft_limit: int,
        pack: LanguagePack | None = None,
        values: Values | None = None,
    ) -> None:
        self.store = store
        self.soft_limit = soft_limit
        self.values = values or Values(store, pack)

    # -- reading ------------------------------------------------------------------------

    def get(self, goal_id: int) -> Goal:
        goal = self.store.goal(goal_id)
        if goal is None:
            raise NotFoundError.keyed("no_goal", goal_id=goal_id)
        return goal

    def list(self, states: tuple[str, ...] = ("active", "paused")) -> Rows:
        return self.store.goals_in(states)

    def active(self) -> Rows:
        return self.list(("active",))

    def chain(self, goal_id: int) -> Rows:
        """The level-up chain ending at `goal_id`, easiest first."""
        chain = [self.get(goal_id)]
        while (parent_id := chain[0].parent_id) is not None:
            chain.insert(0, self.get(parent_id))
        return chain

    def pauses(self) -> dict[int, Pauses]:
        result: dict[int, Pauses] = {}
        for p in self.store.goal_pauses():
            result.setdefault(p.goal_id, []).append((p.start, p.end))
        return result

    # -- changing -----------------------------------------------------------------------

    def add(
        self,
        text: str,
        value: str | None,
        area: str | None,
        days: str | None,
        today: date,
        parent_id: int | None = None,
        question: str | None = None,
        since: date | None = None,
    ) -> Change:
        """Add an active goal; its history starts on `since` (default `today`), so days
        before it are not scheduled, never missed."""
        from microalign.core.goals import check_active_limit, check_distinct

        record = self._record(text, value, area, days, today, parent_id, question, since)
        check_distinct(record["text"], self.list())
        warning = check_active_limit(len(self.active()) + 1, self.soft_limit)
        goal_id = self.store.add_goal(record)
        return Change(self.get(goal_id), warning)

    def _record(
        self,
        text: str,
        value: str | None,
        area: str | None,
        days: str | None,
        today: date,
        parent_id: int | None,
        question: str | None,
        since: date | None,
    ) -> dict[str, Any]:
        """A new goal's row, every field checked."""
        return {
            "text": check_text(text),
            "question": check_question(question) if question is not None else None,
            "value": self.values.known(value),
            "area": value_name(area or "") or None,
            "weekdays": parse_weekdays(days),
            "state": "active",
            "parent_id": parent_id,
            "created_on": _start(since, today).isoformat(),
        }

    def edit(
        self,
        goal_id: int,
        text: str | None = None,
        value: str | None = None,
        area: str | None = None,
        days: str | None = None,
        question: str | None = None,
        since: date | None = None,
        today: date | None = None,
    ) -> Change:
        """Change the given fields; an empty `question` goes back to the default one.
        `since` moves the start of the goal's history (not past a day already answered)."""
        from microalign.core.goals import GoalState, check_distinct, check_transition

        goal = self.get(goal_id)
        check_transition(GoalState(goal.state), "edit", goal_id)
        changes: dict[str, Any] = {}
        if text is not None:
            changes["text"] = check_text(text)
            check_distinct(changes["text"], (g for g in self.list() if g.id != goal_id))
        if value is not None:
            changes["value"] = self.values.known(value) if value else None
        if area is not None:
            changes["area"] = value_name(area) or None
        if days is not None:
            changes["weekdays"] = parse_weekdays(days)
        if question is not None:
            changes["question"] = check_question(question) if question.strip() else None
        if since is not None:
            changes["created_on"] = self._new_start(goal_id, since, today or since).isoformat()
        if not changes:
            raise UsageError.keyed("nothing_to_change")
        self.store.update_goal(goal_id, changes)
        return Change(self.get(goal_id))

    def _new_start(self, goal_id: int, since: date, today: date) -> date:
        """`since` as the goal's new start: a start after a recorded answer would hide it."""
        first = self.store.first_outcome_day(goal_id)
        if first is not None and since > first:
            raise UsageError.keyed("start_after_answers", goal_id=goal_id, day=since, first=first)
        return _start(since, today)

    def transition(self, goal_id: int, action: str, today: date) -> Change:
        """pause / resume / retire / master."""
        from microalign.core.goals import (
            GoalState,
            check_active_limit,
            check_distinct,
            check_transition,
        )

        goal = self.get(goal_id)
        new_state = check_transition(GoalState(goal.state), action, goal_id)  # type: ignore[arg-type]
        warning = None
        if action == "resume":
            check_distinct(goal.text, self.active())
            warning = check_active_limit(len(self.active()) + 1, self.soft_limit)
        changes: dict[str, Any] = {"state": str(new_state)}
        if new_state in (GoalState.RETIRED, GoalState.MASTERED):
            changes["ended_on"] = today.isoformat()
        if action == "pause":
            # A day already answered stays as answered: the pause then starts tomorrow.
            answered = goal_id in self.store.day_outcomes(today)
            self.store.start_pause(goal_id, today + timedelta(days=1) if answered else today)
            warning = Keyed("warning.pause_tomorrow") if answered else None
        if goal.state == "paused" and action != "pause":
            # A pause ends on the day before: the day it is lifted counts again (and a
            # pause lifted before it began leaves no paused day at all).
            self.store.end_pause(goal_id, today - timedelta(days=1))
        self.store.update_goal(goal_id, changes)
        return Change(self.get(goal_id), warning)

    def level_up(self, goal_id: int, text: str, today: date) -> Change:
        """End `goal_id` as mastered and start its harder successor with the same value and
        days. Everything is checked before the old goal ends, so a refusal changes nothing."""
        from microalign.core.goals import (
            GoalState,
            check_active_limit,
            check_distinct,
            check_level_up_text,
            check_transition,
        )

        old = self.get(goal_id)
        check_transition(GoalState(old.state), "level_up", goal_id)
        days = weekday_names(old.weekdays)
        record = self._record(text, old.value, old.area, days, today, goal_id, None, None)
        check_level_up_text(goal_id, old.text, record["text"])
        check_distinct(record["text"], (g for g in self.list() if g.id != goal_id))
        warning = check_active_limit(len(self.active()), self.soft_limit)
        self.store.update_goal(goal_id, {"state": "mastered", "ended_on": today.isoformat()})
        return Change(self.get(self.store.add_goal(record)), warning)


def _start(since: date | None, today: date) -> date:
    """A goal's first day: `since`, which cannot lie in the future, or today."""
    if since is None:
        return today
    if since > today:
        raise UsageError.keyed("future_date", option="--since", day=since)
    return since
