"""The check-in flows (morning, evening, weekly) as plain data: a list of steps the engine
walks through.

Texts from the config and the database are cleaned here (safetext.clean): they are spoken,
shown, and stored as the answers' prompts, and rows of older versions may be unclean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from microalign.core.safetext import clean
from microalign.i18n import LanguagePack
from microalign.ports.records import Goal

SAY, CHOICE, FREE, PICK = "say", "choice", "free", "pick"


class Prompts(Protocol):
    """The prompt settings a flow reads (the config's [prompts] section has them)."""

    @property
    def intention(self) -> list[str]: ...
    @property
    def extra(self) -> list[str]: ...
    @property
    def ask_intention_kept(self) -> bool: ...
    @property
    def ask_feeling(self) -> bool: ...
    @property
    def ask_extra(self) -> bool: ...


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


def question(pack: LanguagePack, goal: Goal) -> str:
    """The goal's own evening question, else the language's question made of its text."""
    own = clean(goal.question or "")
    return own or pack.goal_phrase(clean(goal.text))


def morning(
    pack: LanguagePack,
    prompts: Prompts,
    goals: list[Goal],
    day: date,
    focus: Focus | None = None,
    idle: str | None = None,
) -> list[Step]:
    """`idle`: what to say when no goal is due (why not), instead of "no goals yet"."""
    steps = [Step(SAY, pack.t("say.greeting_morning"))]
    if focus is not None and focus.value:
        steps.append(Step(SAY, pack.t("say.weekly.focus_morning", value=clean(focus.value))))
    if focus is not None and focus.carry:
        steps.append(Step(SAY, pack.t("say.weekly.carry_morning", text=clean(focus.carry))))
    steps += [
        Step(
            FREE,
            clean(pick(prompts.intention or pack.intention_prompts, day)),
            key="intention",
            read_back=True,
        ),
    ]
    if goals:
        steps.append(Step(SAY, pack.t("say.reminders_intro")))
        steps += [Step(SAY, clean(goal.text)) for goal in goals]
    else:
        steps.append(Step(SAY, idle or pack.t("say.no_goals")))
    return steps


def evening(
    pack: LanguagePack,
    prompts: Prompts,
    goals: list[Goal],
    intention: str | None,
    idle: str | None = None,
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
                key=f"goal:{goal.id}",
                goal_id=goal.id,
                ask_reason=True,
            )
        )
    if not goals:
        steps.append(Step(SAY, idle or pack.t("say.no_goals")))
    if prompts.ask_feeling:
        steps.append(Step(FREE, pack.t("say.feeling_prompt"), key="feeling"))
    if prompts.ask_extra:
        extra = prompts.extra or pack.extra_prompts
        steps += [Step(FREE, clean(text), key=f"extra:{n}") for n, text in enumerate(extra)]
    return steps


def weekly(pack: LanguagePack, figures: WeekFigures, values: list[str]) -> list[Step]:
    """The weekly review: the week's alignment per value and the best streaks, then the
    value to focus on next week and what to carry forward."""
    steps = [Step(SAY, pack.t("say.weekly.greeting"))]
    lines = [
        pack.t("say.weekly.value_line", value=clean(value), aligned=aligned, count=scheduled)
        for value, aligned, scheduled in figures.rates
        if scheduled
    ]
    # Goals linked to values whose days are not answered yet (added this week, the day
    # still open) leave nothing to count: that is not the same as no value at all.
    none = "say.weekly.no_answers" if figures.rates else "say.weekly.no_values"
    steps += [Step(SAY, line) for line in lines or [pack.t(none)]]
    if figures.streaks:
        steps.append(Step(SAY, pack.t("say.weekly.streaks_intro")))
        steps += [
            Step(SAY, pack.t("say.summary_streak", goal=clean(goal), count=days))
            for goal, days in figures.streaks
        ]
    else:
        steps.append(Step(SAY, pack.t("say.weekly.no_streaks")))
    options = tuple(dict.fromkeys(clean(v) for v in values if clean(v)))
    if options:
        prompt = pack.t("say.weekly.focus_prompt")
        steps.append(Step(PICK, prompt, key="focus", options=options, read_back=True))
    steps.append(Step(FREE, pack.t("say.weekly.carry_prompt"), key="carry_forward", read_back=True))
    steps.append(Step(SAY, pack.t("say.weekly.goodbye")))
    return steps
