"""Notifications built from the texts of a language (microalign.i18n): the Note and Action
objects live here, the words in the language modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from microalign.core.safetext import clean
from microalign.i18n import LanguagePack
from microalign.ports.notify import LEVEL_UP, SKIP_TODAY, SNOOZE, START_NOW, Action, Note

if TYPE_CHECKING:
    from microalign.app.readiness import Gap


def missed_actions(lang: LanguagePack, snooze_minutes: int) -> tuple[Action, ...]:
    return (
        Action(START_NOW, lang.t("note.action.start_now")),
        Action(SNOOZE, lang.t("note.action.snooze", minutes=snooze_minutes)),
        Action(SKIP_TODAY, lang.t("note.action.skip_today")),
    )


def checkin_start(lang: LanguagePack, name: str, flow: str | None = None) -> Note:
    return Note(lang.checkin_title(name, flow), lang.t("note.checkin_start"))


def checkin_waiting(
    lang: LanguagePack, name: str, snooze_minutes: int, flow: str | None = None
) -> Note:
    return Note(
        lang.checkin_title(name, flow),
        lang.t("note.checkin_waiting"),
        missed_actions(lang, snooze_minutes),
        command=f"microalign checkin {name}",
    )


def checkin_missed(
    lang: LanguagePack,
    name: str,
    snooze_minutes: int,
    why: str = "",
    flow: str | None = None,
    problem: str | None = None,
) -> Note:
    """`why`: the text key of the reason ("note.no_answer", "note.failed"), else the usual;
    `problem`: the reason's own text (what to do about it included)."""
    return Note(
        lang.t("note.missed_title", checkin=lang.checkin_title(name, flow)),
        problem or lang.t(why or "note.checkin_missed"),
        missed_actions(lang, snooze_minutes),
        command=f"microalign checkin {name}",
    )


def checkin_typed(lang: LanguagePack, name: str, problem: str, flow: str | None = None) -> Note:
    # The problem is a sentence of its own, before the one that says what to do instead.
    problem = problem if problem.rstrip().endswith((".", "!", "?")) else f"{problem.rstrip()}."
    return Note(
        lang.checkin_title(name, flow), lang.t("note.checkin_typed", problem=problem, checkin=name)
    )


def checkin_typed_invite(
    lang: LanguagePack, name: str, problem: str, flow: str | None = None
) -> Note:
    """Speech cannot work (no model, speech off): the check-in is offered typed instead."""
    command = f"microalign checkin {name} --text"
    body = lang.t("note.checkin_typed_invite", problem=problem, checkin=name)
    return Note(lang.checkin_title(name, flow), body, command=command)


def missing(lang: LanguagePack, gaps: Sequence[Gap]) -> Note:
    """One notification for everything missing at start-up, each with its command."""
    lines = [lang.t("note.missing_line", problem=gap.problem, fix=gap.fix) for gap in gaps]
    return Note(lang.t("note.missing_title", count=len(gaps)), "\n".join(lines))


def busy(lang: LanguagePack, name: str, flow: str | None = None) -> Note:
    return Note(lang.checkin_title(name, flow), lang.t("note.busy"))


def milestone(lang: LanguagePack, title: str, body: str, can_level_up: bool) -> Note:
    actions = (Action(LEVEL_UP, lang.t("note.action.level_up")),) if can_level_up else ()
    return Note(title, body, actions)


def level_up_suggestion(lang: LanguagePack, goal: str, days: int) -> Note:
    return Note(
        lang.t("milestone.level_up_suggestion.title"),
        lang.t("milestone.level_up_suggestion.body", goal=clean(goal), count=days),
        (Action(LEVEL_UP, lang.t("note.action.level_up")),),
        command="microalign goals level-up",
    )


def level_up_how(lang: LanguagePack, goal_id: object) -> Note:
    return Note(lang.t("note.action.level_up"), lang.t("note.level_up_how", goal_id=goal_id))


def milestone_text(
    lang: LanguagePack, kind: str, threshold: float, goal: str | None
) -> tuple[str, str]:
    """A milestone's title and body; goal texts are cleaned (rows may be old)."""
    kind = kind if lang.has(f"milestone.{kind}.title") else "other"
    fields = {"count": int(threshold), "goal": clean(goal or ""), "percent": round(threshold * 100)}
    # Each milestone text uses only some of the fields; format() ignores the rest.
    return lang.t(f"milestone.{kind}.title", **fields), lang.t(f"milestone.{kind}.body", **fields)
