"""The store's roles: what each use case needs of the stored goals, check-ins and answers.

A use case asks for the narrowest role it uses; `Store` is all of them, as the one
adapter (`adapters.store.SqliteStore`) provides. Reads return the records of
`ports.records`, never rows keyed by column names.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from microalign.ports.imported import Plan, Summary
from microalign.ports.records import (
    Answer,
    CheckinRequest,
    Claimed,
    Goal,
    Pause,
    ReachedMilestone,
    WeekFocus,
)

# How a claim on a check-in ended (`CheckinRecords.claim_checkin`).
CLAIM_NEW = "new"  # a new check-in row was made for the caller
CLAIM_RESUMED = "resumed"  # an interrupted one is the caller's again
CLAIM_BUSY = "busy"  # another live process runs it
CLAIM_SETTLED = "settled"  # it already ended with one of the settled statuses
# answers.awaiting: the skip's reason question is still to come.
AWAITING_REASON = "reason"


@dataclass(frozen=True)
class Claim:
    checkin_id: int | None
    outcome: str  # one of CLAIM_*
    holder: str | None = None  # the live owner of a busy one


class ValueRecords(Protocol):
    def value_rows(self) -> dict[str, dict[str, str]]:
        """Every value's key -> its names by language."""
        ...

    def add_value(self, name: str) -> bool: ...

    def goals_with_value(self, name: str) -> int: ...

    def remove_value(self, name: str) -> None: ...


class GoalRecords(ValueRecords, Protocol):
    """Goals with their pauses and the values they serve."""

    def goal(self, goal_id: int) -> Goal | None: ...

    def goal_state(self, goal_id: int) -> str | None: ...

    def goals_in(self, states: tuple[str, ...]) -> list[Goal]: ...

    def add_goal(self, record: dict[str, Any]) -> int: ...

    def update_goal(self, goal_id: int, changes: dict[str, Any]) -> None: ...

    def goal_pauses(self) -> list[Pause]: ...

    def start_pause(self, goal_id: int, day: date) -> None: ...

    def end_pause(self, goal_id: int, last: date) -> None: ...

    def day_outcomes(self, day: date) -> dict[int, str]: ...

    def first_outcome_day(self, goal_id: int) -> date | None: ...


class CheckinRecords(Protocol):
    """A check-in's dialogue: its claim, its answers, its end."""

    def claim_checkin(
        self,
        name: str,
        day: date,
        source: str,
        settled: Collection[str] = ...,
        *,
        owner: str | None = None,
    ) -> Claim:
        """Claim the check-in for `owner` (None: this process) against every other
        process; nothing is claimed when its status is in `settled` or another owns it."""
        ...

    def release_checkin(
        self, checkin_id: int, status: str, only_owner: str | None = None
    ) -> None: ...

    def finish_checkin(self, checkin_id: int, status: str) -> None: ...

    def check_integrity(self) -> None: ...

    def checkin_status(self, day: date, name: str) -> str | None: ...

    def checkins_run_on(self, day: date) -> list[str]:
        """The names of the check-ins that ran on `day`, in the order they first ran."""
        ...

    def answered_steps(self, checkin_id: int) -> set[str]: ...

    def reasons_pending(self, checkin_id: int) -> dict[str, int]: ...

    def add_answer(self, checkin_id: int, step: str, **fields: Any) -> int: ...

    def update_answer(self, answer_id: int, **fields: Any) -> None: ...

    def set_aside_answer(
        self, answer_id: int, text: str, confidence: float | None, model: str
    ) -> None: ...

    def day_answers(self, day: date, checkin: str | None = None) -> list[Answer]: ...

    def set_checkin_request(
        self, day: date, name: str, kind: str, until: datetime | None
    ) -> None: ...

    def checkin_requests(self) -> list[CheckinRequest]: ...


class ProgressRecords(Protocol):
    def completed_checkin_days(self) -> list[date]: ...

    def goal_outcomes(self) -> dict[int, dict[date, str]]: ...

    def milestone_keys(self) -> set[str]: ...

    def record_milestone(
        self, key: str, kind: str, goal_id: int | None, threshold: float, reached_on: date
    ) -> bool: ...

    def progress_revision(self) -> int: ...

    def cached_progress(
        self, today: str, rules: str, revision: int
    ) -> dict[int, dict[str, Any]]: ...

    def save_progress(
        self, today: str, rules: str, revision: int, entries: dict[int, dict[str, Any]]
    ) -> None: ...


class HistoryRecords(Protocol):
    def history(self, since: date | None = None, limit: int | None = None) -> list[Answer]: ...

    def history_values(self, columns: Sequence[str], since: date | None = None) -> list[tuple]:
        """The same answers as plain tuples, oldest first: an export of years needs no
        record per row."""
        ...


class AudioRecords(Protocol):
    """The recordings kept with the answers."""

    def audio_file(self, stored: str) -> Path: ...

    def expired_audio(self, before: date) -> list[Answer]: ...

    def forget_audio(self, answer_id: int) -> None: ...

    def answers_for_retranscribe(self, pending_only: bool) -> list[Answer]: ...

    def set_transcript(
        self,
        answer_id: int,
        text: str,
        confidence: float | None,
        model: str,
        outcome: str | None = None,
    ) -> None: ...


class WeekRecords(Protocol):
    def day_answers(self, day: date, checkin: str | None = None) -> list[Answer]: ...

    def set_week_focus(
        self,
        week: date,
        value: str | None,
        carry: str | None,
        reviewed_on: date,
        checkin_id: int | None,
    ) -> None: ...

    def week_focus(self, week: date) -> WeekFocus | None: ...


class DaemonRecords(Protocol):
    """What the daemon keeps of its check-ins, the user's requests and the notes it owes."""

    def goal_state(self, goal_id: int) -> str | None: ...

    def checkin_status(self, day: date, name: str) -> str | None: ...

    def record_checkin(self, day: date, name: str, status: str, source: str = ...) -> int: ...

    def reap_dead_claims(self) -> list[Claimed]:
        """Mark running check-ins whose owner is gone as interrupted; returns them."""
        ...

    def checkin_requests(self) -> list[CheckinRequest]: ...

    def set_checkin_request(
        self, day: date, name: str, kind: str, until: datetime | None
    ) -> None: ...

    def clear_checkin_request(self, day: date, name: str) -> None: ...

    def forget_checkin_requests_before(self, day: date) -> None: ...

    def daemon_first_start(self, now: datetime) -> datetime: ...

    def unnotified_milestones(self) -> list[ReachedMilestone]: ...

    def mark_milestone_notified(self, milestone_id: int) -> None: ...

    def record_milestone(
        self, key: str, kind: str, goal_id: int | None, threshold: float, reached_on: date
    ) -> bool: ...


class ImportRecords(Protocol):
    def apply_import(self, plan: Plan, dry_run: bool, today: date) -> Summary:
        """Add what `plan` brings that is not stored yet (nothing with `dry_run`)."""
        ...


class StoreFile(Protocol):
    """The database as a file: for backups, restores and checks."""

    path: Path
    encrypted: bool

    def schema_version(self) -> int: ...

    def integrity_problems(self) -> list[str]:
        """What a full integrity check finds wrong (empty: nothing)."""
        ...

    def snapshot(self, target: Path, key: bytes | None = None, key_source: str = "") -> None:
        """A consistent copy of the database at `target` while others may write, encrypted
        with `key` when one is given."""
        ...

    def close(self) -> None: ...


class Store(
    GoalRecords,
    CheckinRecords,
    ProgressRecords,
    HistoryRecords,
    AudioRecords,
    WeekRecords,
    DaemonRecords,
    ImportRecords,
    StoreFile,
    Protocol,
):
    """Every role at once: what a command's context hands to its use cases."""
