"""What an import brings, whatever tool it comes from: goals with their start days, and
rows to add to check-ins (a goal's day with its outcome, a note, a journal entry).

The readers of other tools' files build a Plan; the store (ports.store.ImportRecords) adds
what it does not hold yet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

IMPORTED_CHECKIN = "imported"  # the check-in imported days and notes are filed under
NOTE_STEP = "note"


@dataclass
class GoalPlan:
    text: str
    created_on: date
    state: str = "active"
    value: str | None = None
    question: str | None = None
    ended_on: date | None = None
    wanted_id: int | None = None  # the id it had in the file (our own export)


@dataclass
class Row:
    """One answer to add. `goal` is the text of a goal of the plan (or None)."""

    day: date
    checkin: str  # the name of the check-in it is filed under
    step: str
    created_at: str
    goal: str | None = None
    kind: str = "free"
    prompt: str | None = None
    text: str | None = None
    outcome: str | None = None
    reason: str | None = None
    confidence: float | None = None
    audio_path: str | None = None
    model: str | None = None
    status: str = "final"


@dataclass
class Plan:
    goals: list[GoalPlan] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class GoalSummary:
    text: str
    start: date
    new: bool
    outcomes: Counter[str] = field(default_factory=Counter)


@dataclass
class Summary:
    """What an import added (or, in a dry run, would add)."""

    goals: list[GoalSummary] = field(default_factory=list)
    notes: int = 0

    @property
    def empty(self) -> bool:
        return self.notes == 0 and not any(g.new or g.outcomes for g in self.goals)
