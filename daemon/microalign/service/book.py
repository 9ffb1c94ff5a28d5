"""What the daemon knows of each check-in occurrence: the store's statuses (through the
Ledger), what the user asked for (requests) and what this run attempted."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from microalign.core.vocabulary import FINAL, RUNNING, SETTLED, Key, settled_statuses
from microalign.ports.daemon import Ledger
from microalign.service.requests import Requests

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 2  # a check-in whose process died or failed is tried once more


@dataclass
class Attempts:
    handled: set[Key] = field(default_factory=set)  # attempted in this run; do not retry
    failures: dict[Key, int] = field(default_factory=dict)  # check-in processes that failed
    running: Key | None = None


class CheckinBook:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.requests = Requests(ledger)
        self.attempts = Attempts()

    def refresh(self, today: date) -> None:
        """Free claims of dead processes and re-read the stored requests."""
        self.free_dead_claims()
        self.requests.load(today)

    def free_dead_claims(self) -> None:
        for day, name in self.ledger.reap():
            log.info("The %s check-in of %s lost its process; it can resume", name, day)

    def done_keys(self, now: datetime, zone: tzinfo, names: Iterable[str]) -> set[Key]:
        """Occurrences (of the check-ins `names`) of yesterday and today that must not start
        now."""
        today = now.astimezone(zone).date()
        keys = [(today - timedelta(days=n), name) for n in (1, 0) for name in names]
        statuses = {key: self.ledger.checkin_status(*key) for key in keys}
        done = {key for key, status in statuses.items() if status in FINAL}
        done |= self.attempts.handled
        if self.attempts.running is not None:
            done.add(self.attempts.running)
        done -= set(self.requests.snoozed) | self.requests.forced
        # Settled, or claimed by a live process (a typed check-in): no request reopens it.
        return done | {k for k, s in statuses.items() if s in SETTLED or s == RUNNING}

    def settled(self, key: Key, requested: bool) -> bool:
        """True when the occurrence needs nothing more (for a check-in the user asked for,
        only done or skipped count; otherwise any final status)."""
        return self.ledger.checkin_status(*key) in settled_statuses(requested)

    def failed(self, key: Key) -> bool:
        """Count a failed attempt; True while one more attempt is allowed."""
        self.attempts.failures[key] = self.attempts.failures.get(key, 0) + 1
        if self.attempts.failures[key] < MAX_ATTEMPTS:
            return True
        self.attempts.handled.add(key)
        return False

    def reopen(self, key: Key) -> None:
        """The user asked for the check-in again (start now, snooze): attempts start afresh."""
        self.attempts.handled.discard(key)
        self.attempts.failures.pop(key, None)

    def snooze(self, key: Key, until: datetime) -> None:
        """The user (or the check-in) put the check-in off until `until`."""
        self.reopen(key)
        self.requests.snooze(key, until)
        log.info("Snoozed %s until %s", key, until)
