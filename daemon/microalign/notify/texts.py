"""Every notification text in one place (microalign/texts.py holds the terminal's and the
milestones'; spoken texts live in the language packs)."""

from __future__ import annotations

from microalign.notify.base import LEVEL_UP, SKIP_TODAY, SNOOZE, START_NOW, Action, Note
from microalign.safetext import clean

SLOT_TITLES = {
    "morning": "Morning reflection",
    "evening": "Evening review",
    "weekly": "Weekly review",
}


def _slot(slot: str, flow: str | None = None) -> str:
    """A check-in's title: the default ones by name, one the config adds by name and flow
    ("Lunch — evening review")."""
    if slot in SLOT_TITLES:
        return SLOT_TITLES[slot]
    name = clean(slot).replace("_", " ").replace("-", " ").capitalize()
    kind = SLOT_TITLES.get(flow or "")
    return f"{name} — {kind.lower()}" if kind else f"{name} check-in"


def missed_actions(snooze_minutes: int) -> tuple[Action, ...]:
    return (
        Action(START_NOW, "Start now"),
        Action(SNOOZE, f"Snooze {snooze_minutes} min"),
        Action(SKIP_TODAY, "Skip today"),
    )


def checkin_start(slot: str, flow: str | None = None) -> Note:
    return Note(_slot(slot, flow), "Time for your check-in. Listening after the chime.")


def checkin_waiting(slot: str, snooze_minutes: int, flow: str | None = None) -> Note:
    return Note(
        _slot(slot, flow),
        "Your check-in is ready and starts when you are back at the computer.",
        missed_actions(snooze_minutes),
        command=f"microalign checkin {slot}",
    )


def checkin_missed(slot: str, snooze_minutes: int, why: str = "", flow: str | None = None) -> Note:
    body = why or "The check-in did not happen. No problem — pick it up when it suits you."
    return Note(
        f"{_slot(slot, flow)} missed",
        body,
        missed_actions(snooze_minutes),
        command=f"microalign checkin {slot}",
    )


def checkin_typed(slot: str, problem: str, flow: str | None = None) -> Note:
    return Note(
        _slot(slot, flow),
        f"{problem} Type it instead: microalign checkin {slot} --text",
    )


def snoozed(slot: str, at: str, flow: str | None = None) -> Note:
    return Note(_slot(slot, flow), f"Snoozed. I'll ask again at {at}.")


def skipped(slot: str, flow: str | None = None) -> Note:
    return Note(_slot(slot, flow), "Skipped for today. See you next time.")


def busy(slot: str, flow: str | None = None) -> Note:
    return Note(_slot(slot, flow), "Another check-in is running; this one waits until it is done.")


def milestone(title: str, body: str, can_level_up: bool) -> Note:
    actions = (Action(LEVEL_UP, "Level up"),) if can_level_up else ()
    return Note(title, body, actions)


def level_up_suggestion(title: str, body: str) -> Note:
    """With texts.LEVEL_UP_SUGGESTION."""
    return Note(
        title,
        body,
        (Action(LEVEL_UP, "Level up"),),
        command="microalign goals level-up",
    )


def level_up_how(goal_id: object) -> Note:
    return Note(
        "Level up",
        f'Describe the harder version: microalign goals level-up {goal_id} "new goal text"',
    )


# Spoken during a Level up started from a notification (English only so far).
def level_up_question(goal: str) -> str:
    return (
        f"Let's level up “{clean(goal)}”. What is the slightly harder version? "
        "Say it after the chime."
    )


def level_up_done(goal: str) -> str:
    return f"New goal: {clean(goal)}. The old one is kept in its history."


FAILED_WHY = "It stopped because of an error; every answer given so far is saved."
