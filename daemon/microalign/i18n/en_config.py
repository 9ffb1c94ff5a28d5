"""English texts of configuration problems: one per kind of problem, each naming the key."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "error.config_invalid": "Invalid configuration in {path}:\n{problems}",
    "hint.config_invalid": "Edit {path} and run `microalign config check` again.",
    "config.problem.unknown_key": "{key}: unknown key; remove it or check its spelling",
    "config.problem.missing": "{key}: required key is missing",
    "config.problem.missing_flow": (
        '{key}: required key is missing; give flow = "morning", "evening" or "weekly"'
    ),
    "config.problem.time_format": '{key}: expected a time "HH:MM" from 00:00 to 23:59, got {got}',
    "config.problem.checkin_name": (
        '{key}: check-in name {got} is not allowed: use 1 to 32 lower-case letters, digits, "-" '
        'or "_", starting with a letter (e.g. [checkins.lunch])'
    ),
    "config.problem.one_of": "{key}: Input should be {expected}, got {got}",
    "config.problem.integer": "{key}: Input should be a valid integer, got {got}",
    "config.problem.boolean": "{key}: Input should be true or false, got {got}",
    "config.problem.text": '{key}: Input should be a text in quotes ("..."), got {got}',
    "config.problem.list": "{key}: Input should be a list in brackets ([...]), got {got}",
    "config.problem.table": "{key}: Input should be a table of keys ([{key}]), got {got}",
    "config.problem.at_least": "{key}: Input should be greater than or equal to {limit}, got {got}",
    "config.problem.at_most": "{key}: Input should be less than or equal to {limit}, got {got}",
    "config.problem.other": "{key}: {message}{got}",
    "config.problem.at_key": "{key}: {problem}",
    "config.problem.legacy_twice": (
        "schedule.{name}: also given as checkins.{name}; keep only [checkins.{name}]"
    ),
    "config.problem.no_file": "the file does not exist",
    "config.problem.unreadable": "cannot read the file: {error}",
    "config.problem.not_utf8": "the file is not UTF-8 text",
    "config.problem.toml": "not valid TOML at line {line}, column {column}: {what}",
    # The kinds of slip tomllib reports (its own words go to the log).
    "config.toml.value": 'a value cannot be read; text goes in "double quotes"',
    "config.toml.equals": "a key needs '=' after it",
    "config.toml.newline": "one setting per line",
    "config.toml.unclosed": "a bracket is not closed",
    "config.toml.string": "a quoted text is not closed, or has a stray '\\'",
    "config.toml.twice": "a key or table is given twice",
    "config.toml.character": "a character that cannot be used",
    "config.toml.statement": "a line must start with key = value or [table]",
    "config.toml.other": "not valid here",
    "config.hint.no_file": (
        "Create it with `microalign --config {path} init`, or leave out --config and "
        "MICROALIGN_CONFIG to use the default location."
    ),
    "config.hint.is_folder": (
        "{path} is a folder: give the config file itself, or move the folder away."
    ),
    "config.hint.permission": (
        "Make it readable for you: chmod 600 {path} (it should belong to you)."
    ),
    "config.hint.not_dir": "A part of {path} is a file, not a folder: correct the path.",
}
