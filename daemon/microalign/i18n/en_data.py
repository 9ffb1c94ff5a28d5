"""English texts of the store's files: `backup`, `restore` and `import`. Part of en.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "cli.backup_progress": "Backing up: {done} of {total} MB ({percent}%)",
    "cli.restore_progress": "Restoring: {done} of {total} MB ({percent}%)",
    "cli.backup_done": {
        "one": "Backup written to {path}: the database and {count} recording, {size} "
        "(checked, readable by you only).",
        "other": "Backup written to {path}: the database and {count} recordings, {size} "
        "(checked, readable by you only).",
    },
    "cli.restore_done": "Restored {file} into {data}; the database passed its integrity check.",
    "cli.restore_aside": "The store it replaced is kept in {aside}.",
    "error.backup_not_backup": "{path} is not a microalign backup ({reason}).",
    "hint.backup_not_backup": (
        "Nothing was changed. Give a file written by `microalign backup -o FILE`."
    ),
    "error.backup_damaged": "The backup {path} is damaged: {reason}.",
    "hint.backup_damaged": (
        "Nothing was changed. Use another backup, or write a new one with "
        "`microalign backup -o FILE`."
    ),
    "error.backup_unsafe": (
        "The backup {path} holds an entry that is no file of a microalign store: {name}."
    ),
    "hint.backup_unsafe": (
        "Nothing was changed. Restore only backups written by `microalign backup`."
    ),
    "error.backup_newer": (
        "The backup {path} comes from a newer microalign (database version {version}; this "
        "one knows up to {known})."
    ),
    "hint.backup_newer": "Nothing was changed. Update microalign, then restore it again.",
    "error.backup_inside_audio": "{path} is inside the recordings folder {audio}.",
    "hint.backup_inside_audio": "Write the backup somewhere else, e.g. -o ~/microalign.backup.",
    "error.restore_exists": "{path} already holds a microalign store.",
    "hint.restore_exists": (
        "Run the same command with --force to replace it; the current store is then kept "
        "in a folder inside {path}."
    ),
    "error.restore_journal_broken": (
        "The note of an interrupted restore, {path}, is damaged: {error}."
    ),
    "hint.restore_journal_broken": (
        "The old store is in a replaced- folder beside it. Remove {path}, then restore the "
        "backup again with --force."
    ),
    "error.restore_busy": "The store cannot be replaced while microalign runs (pid {holder}).",
    "hint.restore_busy": (
        "Stop it first (`systemctl --user stop microalign`, or end the check-in), then "
        "restore again."
    ),
    "cli.backup_not_due": "No backup is due yet ([backup] every_days in the config).",
    "error.backup_target": "Give either -o FILE or --scheduled.",
    "hint.backup_target": "For example: microalign backup -o ~/microalign.backup",
    # import
    "error.import_unreadable": "{path} cannot be read as {kind}: {reason}.",
    "hint.import_unreadable": "Nothing was imported. Give the file exactly as it was exported.",
    "error.import_bad": "{path}, {where}: {reason}.",
    "hint.import_bad": "Nothing was imported. Correct that place in the file, or export it again.",
    "cli.import_dry_run": "Dry run: nothing was written. {path} would add:",
    "cli.import_done": "Imported from {path}:",
    "cli.import_nothing": "Nothing new in {path}: all of it is imported already.",
    "cli.import_goal": (
        "  {goal} (since {start}): {days} days: {kept} kept, {partly} partly, "
        "{missed} missed, {rest} rest{new}"
    ),
    "cli.import_goal_new": ", a new goal",
    "cli.import_notes": {
        "one": "  {count} note or journal entry",
        "other": "  {count} notes and journal entries",
    },
}
