"""Where the dialogue engine hands its answers: the check-in stores them as they come."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from microalign.core.dialogue.flows import Step
from microalign.ports.speech import Heard


class Recorder(Protocol):
    def audio_saved(self, step: Step, path: Path) -> int:
        """Store a pending answer for audio that is not transcribed yet; returns its id."""

    def answer(
        self,
        step: Step,
        heard: Heard,
        *,
        answer_id: int | None,
        outcome: str | None,
        reason: str | None,
        reason_pending: bool = False,
    ) -> int:
        """Store (or complete) the answer to `step`; with `reason_pending`, its reason
        question is still to be asked (a resumed check-in asks it first)."""

    def add_reason(self, answer_id: int, reason: str | None) -> None:
        """The reason question of a stored skip was asked: attach the reason (None: none
        was given)."""

    def set_aside(self, answer_id: int, heard: Heard) -> None:
        """Keep the audio of a command or unclear answer, but not as the step's answer."""
