"""Notifications the daemon sends: a check-in's notes carry actions bound to that day's
check-in, and milestones or level-up suggestions owed to the user are sent once each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from microalign.core.vocabulary import Key
from microalign.ports.daemon import Ledger
from microalign.ports.notify import Note
from microalign.service.live import Live

# An action's target: a check-in occurrence, or a goal id (level up).
Target = Key | int
Act = Callable[[Target, str], None]


class Notices:
    def __init__(self, live: Live, ledger: Ledger, act: Act) -> None:
        self.live = live
        self.ledger = ledger
        self.act = act
        # Streaks only change with check-ins: look for level-up suggestions at start and
        # after each check-in, not on every wake-up.
        self._suggest = True

    async def send(self, note: Note, key: Key | None = None) -> bool:
        """Post `note`; its actions, if any, act on `key`."""
        if key is not None and note.actions:
            note = self._bound(note, key)
        return await self.live.notifier.notify(note)

    def checkin_ended(self) -> None:
        self._suggest = True

    async def send_pending(self) -> None:
        suggest, self._suggest = self._suggest, False
        for pending in self.ledger.pending_notes(suggest):
            note = pending.note
            if note.actions and pending.goal_id is not None:
                note = self._bound(note, pending.goal_id)
            if await self.live.notifier.notify(note):
                self.ledger.mark_notified(pending.id)

    def _bound(self, note: Note, target: Target) -> Note:
        act = self.act
        return replace(note, on_action=lambda action: act(target, action))
