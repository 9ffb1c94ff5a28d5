"""Schema history, applied with sqlite-utils' Migrations. Append new steps; never edit old ones."""

from __future__ import annotations

from pathlib import PurePosixPath

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("microalign")


@migrations()
def m001_initial(db: Database) -> None:
    db.table("goal_values").create({"name": str, "created_at": str}, pk="name")
    db.table("goals").create(
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
    db.table("goal_pauses").create(
        {"id": int, "goal_id": int, "start": str, "end": str},
        pk="id",
        not_null={"goal_id", "start"},
        foreign_keys=[("goal_id", "goals", "id")],
    )
    db.table("checkins").create(
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
    db.table("checkins").create_index(["day", "slot"])
    db.table("answers").create(
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
    db.table("answers").create_index(["checkin_id", "step"])
    db.table("answers").create_index(["goal_id"])
    db.table("answers").create_index(["status"])
    db.table("milestones").create(
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
    db.table("milestones").create_index(["key"], unique=True)


@migrations()
def m002_claims_intentions_relative_audio(db: Database) -> None:
    # A check-in is owned by the process running its dialogue ("boot:pid:start" of that
    # process); a row without a live owner is no longer "running" but "interrupted".
    db.table("checkins").add_column("owner", str)
    db.execute("UPDATE checkins SET status = 'interrupted' WHERE status = 'running'")
    # At most one live claim per (day, slot): the database itself refuses a second one.
    db.execute(
        "CREATE UNIQUE INDEX idx_checkins_one_running ON checkins(day, slot) "
        "WHERE status = 'running'"
    )
    # What the daemon was told to do with a slot (snooze until, start now) outlives it.
    db.table("intentions").create(
        {"day": str, "slot": str, "kind": str, "until": str, "created_at": str},
        pk=("day", "slot"),
        not_null={"day", "slot", "kind"},
    )
    # Audio paths relative to the data folder (audio/<day>/<file>), so a moved or copied
    # folder reads its own recordings; paths of another layout stay as they are.
    for row in list(db.query("SELECT id, audio_path FROM answers WHERE audio_path LIKE '/%'")):
        parts = PurePosixPath(row["audio_path"]).parts
        if len(parts) > 3 and parts[-3] == "audio":
            relative = "/".join(parts[-3:])
            db.execute("UPDATE answers SET audio_path = ? WHERE id = ?", [relative, row["id"]])
    # A pause's end is now its last paused day (resuming on a day makes that day count);
    # pauses that ended on the day they began become empty and go.
    db.execute("UPDATE goal_pauses SET end = date(end, '-1 day') WHERE end IS NOT NULL")
    db.execute("DELETE FROM goal_pauses WHERE end IS NOT NULL AND end < start")


@migrations()
def m003_goal_questions(db: Database) -> None:
    # A goal's own evening question ("Did you stretch today?"); NULL asks the language's
    # default question built from the goal text.
    db.table("goals").add_column("question", str)


@migrations()
def m004_weekly_focus(db: Database) -> None:
    # What a weekly review chose for the week after it: the value to focus on and what to
    # carry forward, keyed by that week's Monday; the next mornings read it out.
    db.table("weekly_focus").create(
        {
            "week": str,  # the Monday (YYYY-MM-DD) of the week the focus is for
            "value": str,
            "carry": str,
            "reviewed_on": str,  # the day of the weekly review that chose it
            "checkin_id": int,
            "updated_at": str,
        },
        pk="week",
        not_null={"week", "reviewed_on"},
        foreign_keys=[("checkin_id", "checkins", "id")],
    )


# Tables whose changes can change a goal's day states (see m005).
_PROGRESS_SOURCES = ("answers", "checkins", "goals", "goal_pauses")


@migrations()
def m005_progress_cache(db: Database) -> None:
    # Streaks, strength and day states per goal, computed once per day and revision: read
    # commands then skip ten years of day-by-day replay. Every change to a table they are
    # computed from bumps the revision (triggers), which makes every cached row stale.
    db.execute("CREATE TABLE progress_revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER)")
    db.execute("INSERT INTO progress_revision (id, n) VALUES (1, 0)")
    db.table("progress_cache").create(
        {
            "goal_id": int,
            "today": str,  # the day it was computed for (a pending today differs from a past)
            "rules": str,  # the forgiveness rules it was computed with
            "revision": int,  # progress_revision.n when it was computed
            "summary": str,  # JSON [current, best, kept, scheduled, frozen]
            "strength": float,
            "start": str,  # the first day of `states`
            "states": str,  # one letter per day from `start` (see app/progress.py)
        },
        pk="goal_id",
        not_null={"today", "rules", "revision", "summary", "strength", "states"},
    )
    for table in _PROGRESS_SOURCES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER progress_{table}_{event.lower()} AFTER {event} ON {table} "
                "BEGIN UPDATE progress_revision SET n = n + 1 WHERE id = 1; END"
            )


@migrations()
def m006_daemon_first_start(db: Database) -> None:
    # When the daemon first ran on this database: a check-in due before then was never
    # the user's to do, so it is neither started nor reported missed, after any number of
    # restarts. One row, written by the first daemon start. A database with check-ins
    # from before this step has used microalign already: its first check-in's start
    # stands in for the daemon's, which was not recorded.
    db.execute(
        "CREATE TABLE installation (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "daemon_first_start TEXT NOT NULL)"
    )
    (first,) = db.execute("SELECT MIN(started_at) FROM checkins").fetchone()
    if first is not None:
        db.execute("INSERT INTO installation (id, daemon_first_start) VALUES (1, ?)", [first])


@migrations()
def m007_answers_awaiting(db: Database) -> None:
    # What a stored answer still waits for: "reason" while the reason question of a skip
    # has not been asked (the check-in was interrupted right after the skip); a resumed
    # check-in asks it first. NULL: nothing.
    db.table("answers").add_column("awaiting", str)


@migrations()
def m008_value_names(db: Database) -> None:
    """A value keeps its key (goals refer to it); its name may differ per language, so the
    built-in values are named in every language (a user's own value is its own name)."""
    from microalign.i18n import BUILTIN_VALUES, PACKS

    db.table("value_names").create(
        {"value": str, "language": str, "name": str},
        pk=("value", "language"),
        not_null={"name"},
        foreign_keys=[("value", "goal_values", "name")],
    )
    stored = {row["name"] for row in db.query("SELECT name FROM goal_values")}
    db.table("value_names").insert_all(
        {"value": key, "language": code, "name": pack.value_name(key)}
        for key in BUILTIN_VALUES
        if key in stored
        for code, pack in PACKS.items()
    )


@migrations()
def m009_checkin_names_requests(db: Database) -> None:
    # A check-in is known by its name everywhere, so the column says so; what the user asked
    # the daemon to do with one (snooze, start now) is a request: "intention" is the
    # morning's answer. Renamed in place, the rows, the progress triggers and the partial
    # unique index (rewritten by SQLite for the new column) stay as they are.
    db.execute("ALTER TABLE checkins RENAME COLUMN slot TO name")
    db.execute("ALTER TABLE intentions RENAME COLUMN slot TO name")
    db.rename_table("intentions", "checkin_requests")
    # An index keeps the name it was made with: the lookup index is made again under its
    # column's name.
    db.execute("DROP INDEX idx_checkins_day_slot")
    db.table("checkins").create_index(["day", "name"])
