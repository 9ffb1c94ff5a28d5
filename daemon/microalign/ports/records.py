"""What is stored, as typed and immutable records: the store builds them from its rows, so
no dict keyed by column names travels above the adapters.

Days are `date`s; instants stay the ISO text they are stored as (only shown or exported).
A record keeps the stored names of its fields, so exports and the JSON history keep theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, ClassVar, Self

# A record class -> its field names in their order, and as a set.
_NAMES: dict[type, tuple[tuple[str, ...], frozenset[str]]] = {}


def _names(cls: type) -> tuple[tuple[str, ...], frozenset[str]]:
    """A record's field names: looked up once per class, as an export reads one record
    per answer."""
    found = _NAMES.get(cls)
    if found is None:
        names = tuple(f.name for f in fields(cls))
        found = _NAMES[cls] = (names, frozenset(names))
    return found


class Record:
    """`from_row` reads the fields a row has (extra columns are ignored); `to_row` gives
    the stored form back (days as ISO text)."""

    __slots__ = ()
    _DAYS: ClassVar[tuple[str, ...]] = ()
    _INSTANTS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Self:
        names, known = _names(cls)
        if known.issuperset(row):  # the usual row: no column the record lacks
            values = dict(row)
        else:
            values = {name: row[name] for name in names if name in row}
        for name in cls._DAYS:
            if isinstance(values.get(name), str):
                values[name] = date.fromisoformat(values[name])
        for name in cls._INSTANTS:
            if isinstance(values.get(name), str):
                values[name] = datetime.fromisoformat(values[name])
        return cls(**values)

    def to_row(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in _names(type(self))[0]}
        for name in (*self._DAYS, *self._INSTANTS):
            if row.get(name) is not None:
                row[name] = row[name].isoformat()
        return row


@dataclass(frozen=True, slots=True)
class Goal(Record):
    # In the table's column order, so `to_row` keeps the order `goals --json` always had.
    id: int
    text: str
    value: str | None = None  # the key of its value (goal_values.name)
    area: str | None = None
    weekdays: str = "0123456"  # the weekday numbers it is scheduled on, Monday = 0
    state: str = "active"
    parent_id: int | None = None  # the easier goal it levelled up from
    created_on: date = field(kw_only=True)  # its first scheduled day (never NULL)
    ended_on: date | None = None
    created_at: str | None = None
    updated_at: str | None = None
    question: str | None = None  # its own evening question; None: the language's default

    _DAYS: ClassVar[tuple[str, ...]] = ("created_on", "ended_on")


@dataclass(frozen=True, slots=True)
class Pause(Record):
    goal_id: int
    start: date
    end: date | None = None  # its last paused day; None: still paused

    _DAYS: ClassVar[tuple[str, ...]] = ("start", "end")


@dataclass(frozen=True, slots=True)
class ReachedMilestone(Record):
    id: int
    key: str
    kind: str
    reached_on: date
    goal_id: int | None = None
    threshold: float = 1.0
    goal_text: str | None = None
    created_at: str | None = None
    notified_at: str | None = None

    _DAYS: ClassVar[tuple[str, ...]] = ("reached_on",)


@dataclass(frozen=True, slots=True)
class WeekFocus(Record):
    week: date  # its Monday
    value: str | None = None
    carry: str | None = None
    reviewed_on: date | None = None
    checkin_id: int | None = None
    updated_at: str | None = None

    _DAYS: ClassVar[tuple[str, ...]] = ("week", "reviewed_on")


@dataclass(frozen=True, slots=True)
class CheckinRequest(Record):
    """What the user asked the daemon to do with a check-in: snooze it, start it now."""

    day: date
    name: str
    kind: str
    until: datetime | None = None

    _DAYS: ClassVar[tuple[str, ...]] = ("day",)
    _INSTANTS: ClassVar[tuple[str, ...]] = ("until",)


@dataclass(frozen=True, slots=True)
class Claimed(Record):
    """A check-in some process held; `owner` names that process."""

    id: int
    day: date
    name: str
    owner: str | None = None

    _DAYS: ClassVar[tuple[str, ...]] = ("day",)


@dataclass(frozen=True, slots=True)
class Answer(Record):
    """One answered step; the check-in's and the goal's fields when the query joined them."""

    id: int
    step: str
    checkin_id: int | None = None
    day: date | None = None
    checkin: str | None = None  # the check-in's name
    checkin_status: str | None = None
    goal_id: int | None = None
    kind: str | None = None  # choice | free
    language: str | None = None
    prompt: str | None = None
    text: str | None = None
    outcome: str | None = None
    reason: str | None = None
    confidence: float | None = None
    audio_path: str | None = None
    model: str | None = None
    status: str | None = None  # pending | final
    awaiting: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    goal_text: str | None = None
    goal_value: str | None = None
    goal_question: str | None = None

    _DAYS: ClassVar[tuple[str, ...]] = ("day",)
