"""Schema history, applied with sqlite-utils' Migrations. Append new steps; never edit old ones."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("microalign")


@migrations()
def m001_initial(db: Database) -> None:
    db["goal_values"].create({"name": str, "created_at": str}, pk="name")
    db["goals"].create(
        {
            "id": int,
            "text": str,
            "value": str,
            "area": str,
            "weekdays": str,  # "0123456": the weekday numbers the goal is scheduled on, Monday=0
            "state": str,
            "parent_id": int,  # the easier goal this one levelled up from
            "created_on": str,
            "ended_on": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"text", "weekdays", "state", "created_on"},
        defaults={"state": "active", "weekdays": "0123456"},
        foreign_keys=[("parent_id", "goals", "id"), ("value", "goal_values", "name")],
    )
    db["goal_pauses"].create(
        {"id": int, "goal_id": int, "start": str, "end": str},
        pk="id",
        not_null={"goal_id", "start"},
        foreign_keys=[("goal_id", "goals", "id")],
    )
    db["checkins"].create(
        {
            "id": int,
            "slot": str,  # morning | evening
            "day": str,  # the local calendar day the check-in is about
            "status": str,  # running | done | stopped | no_speech | snoozed | missed | skipped
            "source": str,  # text | voice | daemon
            "started_at": str,
            "finished_at": str,
        },
        pk="id",
        not_null={"slot", "day", "status"},
    )
    db["checkins"].create_index(["day", "slot"])
    db["answers"].create(
        {
            "id": int,
            "checkin_id": int,
            "step": str,  # intention | intention_kept | goal:<id> | feeling | extra:<n>
            "goal_id": int,
            "kind": str,  # choice | free
            "language": str,
            "prompt": str,
            "text": str,
            "outcome": str,  # kept | partly | missed | rest (goal and intention_kept steps)
            "reason": str,  # the reason given with a skip
            "confidence": float,
            "audio_path": str,
            "model": str,
            "status": str,  # pending (audio kept, not transcribed yet) | final
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"checkin_id", "step", "status"},
        foreign_keys=[("checkin_id", "checkins", "id"), ("goal_id", "goals", "id")],
    )
    db["answers"].create_index(["checkin_id", "step"])
    db["answers"].create_index(["goal_id"])
    db["answers"].create_index(["status"])
    db["milestones"].create(
        {
            "id": int,
            "key": str,
            "kind": str,
            "goal_id": int,
            "threshold": float,
            "reached_on": str,
            "created_at": str,
            "notified_at": str,
        },
        pk="id",
        not_null={"key", "kind", "reached_on"},
        foreign_keys=[("goal_id", "goals", "id")],
    )
    db["milestones"].create_index(["key"], unique=True)
