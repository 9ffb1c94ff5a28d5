"""English texts that help with a command-line slip: a mistyped check-in name, the copy
`init --force` keeps, what `status` says of a check-in not run yet. Part of en.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "error.unknown_checkin_near": "There is no check-in named '{name}'. Did you mean '{near}'?",
    "hint.unknown_checkin_near": "Run `{command}`. Configured check-ins: {known}.",
    "error.unknown_checkin_bad_name": "There is no check-in named '{name}'.",
    "hint.unknown_checkin_bad_name": (
        "Configured check-ins: {known}. A new one is added to the config as "
        '[checkins.NAME], NAME made of lower-case letters, digits, "-" or "_", starting '
        "with a letter (e.g. [checkins.lunch])."
    ),
    "cli.init_backup": "Your previous config is kept in {backup} (readable by you only).",
    # `status`, for a check-in of today that has not run
    "checkin_state.upcoming": "at {at}",
    "checkin_state.open": "open until {until}",
}
