"""What follows a daemon check-in's end: a snoozed one is booked again for when the user
asked, one that heard nothing or failed (after one more try) is offered as missed; and
the check-ins that never start: one past its grace window is recorded missed, one without
speech is offered typed."""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta

from microalign.app import notes
from microalign.core.clock import Clock
from microalign.core.schedule import Occurrence
from microalign.core.vocabulary import FINAL, MISSED, NO_SPEECH, SNOOZE, SNOOZED, Key
from microalign.errors import MicroalignError
from microalign.ports.daemon import Runner
from microalign.service.book import CheckinBook
from microalign.service.live import Live
from microalign.service.notices import Notices
from microalign.service.thread import WorkerThread

log = logging.getLogger(__name__)

FAILED = "failed"  # the check-in process died or failed with a bug
BUSY = "busy"  # another process (a typed check-in) holds it
TYPED = "typed"  # no speech (no model, speech off): the check-in was offered typed


class Endings:
    def __init__(
        self,
        live: Live,
        book: CheckinBook,
        runner: Runner,
        thread: WorkerThread,
        notices: Notices,
        clock: Clock,
    ) -> None:
        self.live = live
        self.book = book
        self.runner = runner
        self.thread = thread
        self.notices = notices
        self.clock = clock

    @property
    def snooze_minutes(self) -> int:
        return self.live.config.schedule.snooze_minutes

    def _flow(self, occ: Occurrence) -> str | None:
        """The check-in's flow: a custom check-in's title names it."""
        return self.live.config.flow_of(occ.name)

    async def typed(self, occ: Occurrence, problem: MicroalignError) -> None:
        """Invite the typed check-in instead of listening for answers that cannot be heard;
        nothing is recorded, so the check-in stays open for `checkin --text`."""
        log.info("No speech for the %s check-in (%s); inviting a typed one", occ.name, problem)
        self.book.requests.clear(occ.key)
        self.book.attempts.handled.add(occ.key)
        self.live.fired.append((occ.key, TYPED))
        note = notes.checkin_typed_invite(
            self.live.lang, occ.name, problem.message_in(self.live.lang), flow=self._flow(occ)
        )
        await self.notices.send(note)

    async def missed(self, occ: Occurrence) -> None:
        log.info("The %s check-in of %s was missed (outside the grace window)", occ.name, occ.day)
        self.book.requests.clear(occ.key)
        self.book.ledger.record_checkin(occ.day, occ.name, MISSED)
        self.live.fired.append((occ.key, MISSED))
        await self.notices.send(
            notes.checkin_missed(
                self.live.lang, occ.name, self.snooze_minutes, flow=self._flow(occ)
            ),
            occ.key,
        )

    async def after(self, occ: Occurrence, status: str) -> None:
        minutes = self.snooze_minutes
        if status == SNOOZED:
            self.book.snooze(occ.key, self._snoozed_until(occ.key))
        elif status == NO_SPEECH:
            note = notes.checkin_missed(
                self.live.lang, occ.name, minutes, "note.no_answer", flow=self._flow(occ)
            )
            await self.notices.send(note, occ.key)
        elif status == FAILED:
            await self._failed(occ)
        elif status not in FINAL and status != BUSY:
            self.book.attempts.handled.add(occ.key)

    def _snoozed_until(self, key: Key) -> datetime:
        """When the user asked to be asked again: the check-in stored it ("in an hour"),
        in real time, which this daemon's clock may show shifted; else the default."""
        for day, name, kind, until in self.book.ledger.requests():
            if (day, name) == key and kind == SNOOZE and until is not None:
                return self.clock.from_real(until)
        return self.clock.now() + timedelta(minutes=self.snooze_minutes)

    async def _failed(self, occ: Occurrence) -> None:
        """A check-in process died or failed: finish its transcriptions, try once more
        inside the grace window, then offer the missed notification."""
        with contextlib.suppress(Exception):
            await self.thread.call(self.runner.recover)
        # The dead process's claim is freed by the next wake-up's refresh.
        if self.book.failed(occ.key):
            log.info("Trying the %s check-in once more", occ.name)
            return
        note = notes.checkin_missed(
            self.live.lang, occ.name, self.snooze_minutes, "note.failed", flow=self._flow(occ)
        )
        await self.notices.send(note, occ.key)
