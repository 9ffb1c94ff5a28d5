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
    # What is wrong with a backup ({reason} of backup_not_backup and backup_damaged).
    "backup.not_tar": "it is not a tar archive",
    "backup.no_header": "it does not begin with a microalign backup header",
    "backup.unknown_header": "unknown header {header}",
    "backup.ends_early": "it ends too early",
    "backup.no_listing": "it ends too early (its list of files is missing)",
    "backup.member_too_large": "{name} is too large",
    "backup.member_not_json": "{name} is not valid JSON",
    "backup.member_unreadable": "{name}: {error}",
    "backup.member_not_object": "{name} is not a JSON object",
    "backup.listing_unreadable": "its list of files is unreadable",
    "backup.listing_bad_entry": "the list of files has a bad entry for {name}",
    "backup.no_database": "it holds no database",
    "backup.member_twice": "{name} is in it twice",
    "backup.member_mismatch": "{name} does not match its list of files",
    "backup.member_missing": "{name} is missing",
    "backup.member_short": "{name} ends too early",
    "backup.database_changed": "{name} is not what was backed up",
    "backup.key_but_plain": "it holds a key, yet its database is not encrypted",
    "backup.database_unreadable": "its database cannot be read",
    "backup.database_error": "its database cannot be read: {error}",
    "backup.database_check": "its database fails its check",
    "backup.key_missing": "its key file is missing",
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
    # What was read ({kind}), where in the file ({where}) and what is wrong there ({reason}).
    "import.kind.jrnl": "jrnl export",
    "import.kind.own": "microalign JSON export",
    "import.kind.loop": "Loop Habit Tracker CSV export",
    "import.at_line": "line {line}",
    "import.at_column": "line {line}, column {column}",
    "import.at_member_line": "{member}, line {line}",
    "import.at_item": "item {number}",
    "import.field": "field {field}",
    "import.at_field": "{where}, field {field}",
    "import.at_either_field": "{where}, field {first} or {second}",
    "import.too_large": "too large",
    "import.too_large_bytes": "too large ({size} bytes)",
    "import.not_utf8": "not UTF-8 text",
    "import.nul": "holds a NUL character",
    "import.not_json": "not valid JSON",
    "import.too_deep": "nested too deeply",
    "import.no_jrnl_entry": 'no jrnl entry (a line beginning "[YYYY-MM-DD HH:MM] ")',
    "import.not_jrnl_json": "missing: not a jrnl JSON export",
    "import.not_own_json": "not a microalign JSON export (a list of answers)",
    "import.not_object": "not an object",
    "import.not_text": "not text",
    "import.wrong_type": "missing or of the wrong type",
    "import.not_date_time": "{day} {time} is not a date and time",
    "import.not_date": "{value} is not a date",
    "import.not_checkin": "{value} is no check-in name",
    "import.not_outcome": "{value} is no outcome",
    "import.not_zip": "not a zip file",
    "import.no_habits": "it holds no Habits.csv",
    "import.member_unreadable": "cannot be read ({error})",
    "import.not_csv": "not valid CSV",
    "import.not_number": "not a number",
    "import.not_loop_value": "{value} is no Loop value",
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
