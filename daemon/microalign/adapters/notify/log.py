"""Fallback when no notification server answers: the terminal, i.e. stderr / the journal."""

from __future__ import annotations

import logging
import sys

from microalign.core.safetext import for_terminal
from microalign.ports.notify import Note

log = logging.getLogger(__name__)


class LogNotifier:
    """Writes notifications to stderr; actions cannot be clicked here, so it says which
    command does the same."""

    def __init__(self, stream=None) -> None:
        self._stream = stream

    async def notify(self, note: Note) -> bool:
        stream = self._stream or sys.stderr
        line = f"microalign: {note.title} — {note.body}"
        if note.actions:
            line += " [" + " | ".join(action.label for action in note.actions) + "]"
        if note.command:
            line += f" — run: {note.command}"
        try:
            # Bodies quote goal texts; the journal or a terminal must not act on them.
            print(for_terminal(line), file=stream, flush=True)
        except (OSError, ValueError) as exc:  # stderr closed, or its reader gone
            log.warning("Writing the notification to the terminal failed: %s", exc)
            return False
        return True

    async def close(self) -> None:
        return None
