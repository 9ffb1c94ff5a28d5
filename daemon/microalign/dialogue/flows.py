"""The check-in flows (morning, evening, weekly) as plain data: a list of steps the engine
walks through.

Texts from the config and the database are cleaned here (safetext.clean): they are spoken,
shown, and stored as the answers' prompts, and rows of older versions may be unclean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from microalign.config import Prompts
from microalign.safetext import clean
from microalign.speech.languages import LanguagePack

SAY, CHOICE, FREE, PICK = "say", "choice", "free", "pick"
FLOWS = ("morning", "evening", "weekly")


@dataclass(frozen=True)
class Step:
    kind: str  # say | choice | free | pick
    text: str
    key: str = ""  # how the answer is stored; resumed check-ins skip keys already answered
    goal_id: int | None = None
    ask_reason: bool = False  # a goal question: a skip asks for a reason
    read_back: bool = False  # a free answer is read back ("Noted: ...")
    options: tuple[str, ...] = ()  # a pick: the answers it accepts (the user's values)


@dataclass(frozen=True)
class Focus:
    """What the weekly review chose for the week: a value and what to carry forward."""

    value: str | None
    carry: str | None


@dataclass(frozen=True)
class WeekFigures:
    """What the weekly review reads out: per value (value, aligned days, scheduled days)
    and the longest running streaks (goal text, days)."""

    rates: list[tuple[str, int, int]]
    streaks: list[tuple[str, int]]


def pick(prompts: tuple[str, ...] | list[str], day: date) -> str:
    """A different prompt each day, the same all day long (so a resumed check-in matches)."""
    return prompts[day.toordinal() % len(prompts)]


def morning(
    pack: LanguagePack,
    prompts: Prompts,
    goals: list[dict[str, Any]],
    day: date,
    focus: Focus | None = None,
) -> list[Step]:
    steps = [Step(SAY, pack.greeting_morning)]
    if focus is not None and focus.value:
        steps.append(Step(SAY, pack.weekly.focus_morning.format(value=clean(focus.value))))
    if focus is not None and focus.carry:
        steps.append(Step(SAY, pack.weekly.carry_morning.format(text=clean(focus.carry))))
    steps += [
        Step(
            FREE,
            clean(pick(prompts.intention or pack.intention_prompts, day)),
            key="intention",
            read_back=True,
        ),
    ]
    if goals:
        steps.append(Step(SAY, pack.reminders_intro))
        steps += [Step(SAY, clean(goal["text"])) for goal in goals]
    else:
        steps.append(Step(SAY, pack.no_goals))
    return steps


def evening(
    pack: LanguagePack, prompts: Prompts, goals: list[dict[str, Any]], intention: str | None
) -> list[Step]:
    steps = [Step(SAY, pack.greeting_evening)]
    if intention and prompts.ask_intention_kept:
        steps.append(
            Step(
                CHOICE,
                pack.intention_check.format(intention=clean(intention)),
                key="intention_kept",
            )
        )
    for goal in goals:
        steps.append(
            Step(
                CHOICE,
                pack.goal_phrase(clean(goal["text"])),
                key=f"goal:{goal['id']}",
                goal_id=goal["id"],
                ask_reason=True,
            )
        )
    if not goals:
        steps.append(Step(SAY, pack.no_goals))
    if prompts.ask_feeling:
        steps.append(Step(FREE, pack.feeling_prompt, key="feeling"))
    if prompts.ask_extra:
        extra = prompts.extra or pack.extra_prompts
        steps += [Step(FREE, clean(text), key=f"extra:{n}") for n, text in enumerate(extra)]
    return steps


def weekly(pack: LanguagePack, figures: WeekFigures, values: list[str]) -> list[Step]:
    """The weekly review: the week's alignment per value and the best streaks, then the
    value to focus on next week and what to carry forward."""
    texts = pack.weekly
    steps = [Step(SAY, texts.greeting)]
    lines = [
        texts.value_line.format(value=clean(value), aligned=aligned, scheduled=scheduled)
        for value, aligned, scheduled in figures.rates
        if scheduled
    ]
    steps += [Step(SAY, line) for line in lines or [texts.no_values]]
    if figures.streaks:
        steps.append(Step(SAY, texts.streaks_intro))
        steps += [
            Step(SAY, texts.streak_line.format(goal=clean(goal), days=days))
            for goal, days in figures.streaks
        ]
    else:
        steps.append(Step(SAY, texts.no_streaks))
    options = tuple(dict.fromkeys(clean(v) for v in values if clean(v)))
    if options:
        steps.append(Step(PICK, texts.focus_prompt, key="focus", options=options, read_back=True))
    steps.append(Step(FREE, texts.carry_prompt, key="carry_forward", read_back=True))
    steps.append(Step(SAY, texts.goodbye))
    return steps
