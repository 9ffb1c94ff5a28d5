"""What the user told the daemon to do with a check-in ("snooze", "start now"), kept in
the store through the Ledger so that a restart neither forgets nor shortens it."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from microalign.core.vocabulary import SNOOZE, START_NOW, Key
from microalign.ports.daemon import Ledger

log = logging.getLogger(__name__)


class Requests:
    """A cache of the ledger's requests; every change is written through first."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.snoozed: dict[Key, datetime] = {}
        self.forced: set[Key] = set()
        self._forgotten_before: date | None = None

    def load(self, today: date) -> None:
        # Requests older than yesterday can no longer apply: dropped once a day, not on
        # every wake-up (it is a write).
        if self._forgotten_before != today:
            self.ledger.forget_requests_before(today - timedelta(days=1))
            self._forgotten_before = today
        self.snoozed, self.forced = {}, set()
        for day, name, kind, until in self.ledger.requests():
            if kind == SNOOZE and until is not None:
                self.snoozed[(day, name)] = until
            elif kind == START_NOW:
                self.forced.add((day, name))

    def snooze(self, key: Key, until: datetime) -> None:
        self.ledger.set_request(key, SNOOZE, until)
        self.forced.discard(key)
        self.snoozed[key] = until

    def start_now(self, key: Key) -> None:
        self.ledger.set_request(key, START_NOW, None)
        self.snoozed.pop(key, None)
        self.forced.add(key)

    def clear(self, key: Key) -> None:
        if key in self.snoozed or key in self.forced:
            self.ledger.clear_request(key)
        self.snoozed.pop(key, None)
        self.forced.discard(key)

    def requested(self, key: Key) -> bool:
        """True when the user asked for this check-in (a later or an immediate start)."""
        return key in self.snoozed or key in self.forced
