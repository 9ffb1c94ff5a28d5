"""The morning and evening check-ins as plain data: a list of steps the engine walks through.

Texts from the config and the database are cleaned here (safetext.clean): they are spoken,
shown, and stored as the answers' prompts, and rows of older versions may be unclean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from microalign.config import Prompts
from microalign.core.safetext import clean
from microalign.i18n import LanguagePack

SAY, CHOICE, FREE = "say", "choice", "free"


@dataclass(frozen=True)
class Step:
    kind: str  # say | choice | free
    text: str
    key: str = ""  # how the answer is stored; resumed check-ins skip keys already answered
    goal_id: int | None = None
    ask_reason: bool = False  # a goal question: a skip asks for a reason
    read_back: bool = False  # a free answer is read back ("Noted: ...")


def pick(prompts: tuple[str, ...] | list[str], day: date) -> str:
    """A different prompt each day, the same all day long (so a resumed check-in matches)."""
    return prompts[day.toordinal() % len(prompts)]


def question(pack: LanguagePack, goal: dict[str, Any]) -> str:
    """The goal's own evening question, else the language's question made of its text."""
    own = clean(goal.get("question") or "")
    return own or pack.goal_phrase(clean(goal["text"]))


def morning(
    pack: LanguagePack, prompts: Prompts, goals: list[dict[str, Any]], day: date
) -> list[Step]:
    steps = [
        Step(SAY, pack.t("say.greeting_morning")),
        Step(
            FREE,
            clean(pick(prompts.intention or pack.intention_prompts, day)),
            key="intention",
            read_back=True,
        ),
    ]
    if goals:
        steps.append(Step(SAY, pack.t("say.reminders_intro")))
        steps += [Step(SAY, clean(goal["text"])) for goal in goals]
    else:
        steps.append(Step(SAY, pack.t("say.no_goals")))
    return steps


def evening(
    pack: LanguagePack, prompts: Prompts, goals: list[dict[str, Any]], intention: str | None
) -> list[Step]:
    steps = [Step(SAY, pack.t("say.greeting_evening"))]
    if intention and prompts.ask_intention_kept:
        steps.append(
            Step(
                CHOICE,
                pack.t("say.intention_check", intention=clean(intention)),
                key="intention_kept",
            )
        )
    for goal in goals:
        steps.append(
            Step(
                CHOICE,
                question(pack, goal),
                key=f"goal:{goal['id']}",
                goal_id=goal["id"],
                ask_reason=True,
            )
        )
    if not goals:
        steps.append(Step(SAY, pack.t("say.no_goals")))
    if prompts.ask_feeling:
        steps.append(Step(FREE, pack.t("say.feeling_prompt"), key="feeling"))
    if prompts.ask_extra:
        extra = prompts.extra or pack.extra_prompts
        steps += [Step(FREE, clean(text), key=f"extra:{n}") for n, text in enumerate(extra)]
    return steps
