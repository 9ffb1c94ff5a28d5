"""The `Notifier` role: post a notification, maybe with actions, and say if it arrived."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

# Action keys; the daemon maps them to what they say.
START_NOW = "start-now"
SNOOZE = "snooze"
SKIP_TODAY = "skip-today"
LEVEL_UP = "level-up"


@dataclass(frozen=True)
class Action:
    key: str
    label: str


@dataclass(frozen=True)
class Note:
    title: str
    body: str
    actions: tuple[Action, ...] = ()
    # Called with the action's key when the user picks one, inside the event loop.
    on_action: Callable[[str], object] | None = None
    # Where buttons cannot be clicked (the terminal/journal): the command that does it.
    command: str = ""


class Notifier(Protocol):
    async def notify(self, note: Note) -> bool:
        """Post `note`; True once a notification server confirmed it, False otherwise."""

    async def close(self) -> None:
        """Release the bus connection."""
