"""The words the whole program shares: check-in statuses, results and requests.

Stored in the database and passed between the daemon, its check-in process and the CLI, so
each lives here once instead of as a bare string in several places.
"""

from __future__ import annotations

from datetime import date

Key = tuple[date, str]  # a check-in occurrence: (local day, check-in name)

# Check-in statuses, as stored. "running" belongs to a live owner; "interrupted" means its
# owner crashed or was stopped, so it resumes.
RUNNING = "running"
INTERRUPTED = "interrupted"
DONE = "done"
SKIPPED = "skipped"
MISSED = "missed"
STOPPED = "stopped"
NO_SPEECH = "no_speech"
SNOOZED = "snoozed"

# Statuses the daemon never starts again by itself; "interrupted" and "snoozed" resume
# inside the grace window.
FINAL = frozenset({DONE, SKIPPED, MISSED, STOPPED, NO_SPEECH})
# Statuses that not even the user's "Start now" or "Snooze" reopens.
SETTLED = frozenset({DONE, SKIPPED})
# What running a check-in returns when it was settled before it could start.
ALREADY_DONE = "already_done"

# What the user asked the daemon to do with a check-in; kept across restarts.
SNOOZE = "snooze"
START_NOW = "start_now"


def settled_statuses(requested: bool) -> frozenset[str]:
    """The statuses that end a check-in: for one the user asked for (start now, snooze)
    only SETTLED ones, otherwise every FINAL one."""
    return SETTLED if requested else FINAL
