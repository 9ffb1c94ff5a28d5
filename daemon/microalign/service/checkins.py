"""Running the daemon's check-ins: start one when the user is there (or say that it waits),
record a missed one, retry a failed one once, and tell the user what needs them."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from microalign.app import notes
from microalign.core.clock import Clock
from microalign.core.schedule import Occurrence
from microalign.core.vocabulary import (
    ALREADY_DONE,
    Key,
)
from microalign.errors import (
    BusyError,
    FileAccessError,
    MicroalignError,
    SpeechError,
    WorkerFailed,
)
from microalign.ports.daemon import Runner
from microalign.service.book import CheckinBook
from microalign.service.endings import BUSY, FAILED, Endings
from microalign.service.live import Live
from microalign.service.notices import Notices
from microalign.service.thread import WorkerThread

log = logging.getLogger(__name__)

# What a daemon check-in can end with besides the Runner's own statuses.
ERROR = "error"
SPEECH_ERROR = "speech_error"
FILE_ERROR = "file_error"  # the data cannot be written (a full or read-only disk)
STOPPED_BY_DAEMON = "stopped_by_daemon"


@dataclass
class State:
    waiting: set[Key] = field(default_factory=set)  # told the user we wait for them
    busy_told: set[Key] = field(default_factory=set)
    prepared: str | None = None  # the check-in whose speech is loaded ahead
    announced: concurrent.futures.Future[bool] | None = None  # the start's notification


class Checkins:
    def __init__(
        self,
        live: Live,
        book: CheckinBook,
        runner: Runner,
        thread: WorkerThread,
        notices: Notices,
        clock: Clock,
        stopping: Callable[[], bool],
        poke: Callable[[], None],
        status_changed: Callable[[], object],
        speech_problem: Callable[[], MicroalignError | None] = lambda: None,
    ) -> None:
        self.live = live
        self.book = book
        self.runner = runner
        self.thread = thread
        self.notices = notices
        self.clock = clock
        self.stopping = stopping
        self.poke = poke
        self.status_changed = status_changed
        self.speech_problem = speech_problem
        self.state = State()
        self.task: asyncio.Task[None] | None = None
        self.endings = Endings(live, book, runner, thread, notices, clock)

    @property
    def snooze_minutes(self) -> int:
        return self.live.config.schedule.snooze_minutes

    def _flow(self, occ: Occurrence) -> str | None:
        """The check-in's flow: a custom check-in's title names it."""
        return self.live.config.flow_of(occ.name)

    def _fired(self, key: Key, event: str) -> None:
        self.live.fired.append((key, event))

    async def missed(self, occ: Occurrence) -> None:
        await self.endings.missed(occ)

    async def maybe_start(self, occ: Occurrence) -> None:
        """Start the check-in, or, while the user is away, say once that it waits."""
        forced = occ.key in self.book.requests.forced
        if not forced and not await self.live.presence.is_present():
            if occ.key not in self.state.waiting:
                self.state.waiting.add(occ.key)
                log.info("The user is away; the %s check-in waits", occ.name)
                self._fired(occ.key, "waiting")
                note = notes.checkin_waiting(
                    self.live.lang, occ.name, self.snooze_minutes, flow=self._flow(occ)
                )
                await self.notices.send(note, occ.key)
            return
        problem = await asyncio.to_thread(self.speech_problem)  # reads the disk
        if problem is not None:
            await self.endings.typed(occ, problem)
            return
        requested = self.book.requests.requested(occ.key)
        self.book.requests.clear(occ.key)
        self.book.attempts.running = occ.key
        self.status_changed()
        self._fired(occ.key, "started")
        self.task = asyncio.create_task(self._run(occ, requested))

    async def _run(self, occ: Occurrence, requested: bool) -> None:
        try:
            status = await self._attempt(occ, requested)
        finally:
            announced, self.state.announced = self.state.announced, None
            if announced is not None:  # told before whatever the end brings
                with contextlib.suppress(Exception):
                    await asyncio.wrap_future(announced)
            self.state.prepared = None
            with contextlib.suppress(Exception):
                await self.thread.call(self.runner.release)
            self.book.attempts.running = None
        if status == FAILED:  # its process died holding the claim: free it now, not later
            self.book.free_dead_claims()
        log.info("The %s check-in of %s ended: %s", occ.name, occ.day, status)
        self.notices.checkin_ended()
        self._fired(occ.key, status)
        await self.endings.after(occ, status)
        if status != BUSY:  # busy: the watch timer looks again, not a tight loop
            self.poke()

    async def _attempt(self, occ: Occurrence, requested: bool) -> str:
        """Run the check-in; its status, whatever happened."""
        try:
            # Speech not prepared ahead is loaded by the run itself: the greeting is spoken
            # while the model loads. Preparing took a while: someone may have done the
            # check-in meanwhile.
            if self.book.settled(occ.key, requested):
                return ALREADY_DONE
            claimed = self._announcer(occ)
            return await self.thread.call(self.runner.run, occ.name, occ.day, requested, claimed)
        except BusyError as exc:
            log.info("%s", exc)
            if occ.key not in self.state.busy_told:
                self.state.busy_told.add(occ.key)
                await self.notices.send(notes.busy(self.live.lang, occ.name, flow=self._flow(occ)))
            return BUSY
        except SpeechError as exc:
            log.error("Voice check-in impossible: %s", exc)
            self.book.attempts.handled.add(occ.key)
            await self.notices.send(
                notes.checkin_typed(
                    self.live.lang, occ.name, exc.message_in(self.live.lang), flow=self._flow(occ)
                )
            )
            return SPEECH_ERROR
        except FileAccessError as exc:  # trying again changes nothing until the user acts
            log.error("The %s check-in cannot run: %s", occ.name, exc)
            lang = self.live.lang
            problem = " ".join(filter(None, (exc.message_in(lang), exc.hint_in(lang))))
            note = notes.checkin_missed(
                lang, occ.name, self.snooze_minutes, flow=self._flow(occ), problem=problem
            )
            await self.notices.send(note, occ.key)
            return FILE_ERROR
        except Exception as exc:  # the process died or failed: see _after
            if self.stopping():
                log.info("The %s check-in was interrupted; it resumes on restart", occ.name)
                return STOPPED_BY_DAEMON
            if isinstance(exc, WorkerFailed):
                log.warning("The %s check-in failed: %s", occ.name, exc)
            else:
                log.exception("The %s check-in failed", occ.name)
            return FAILED

    def _announcer(self, occ: Occurrence) -> Callable[[], None]:
        """What the check-in calls (on the worker thread) once it has claimed it: only then
        is the start notified, so a check-in that finds itself taken by another
        (a typed one) says nothing but that it waits."""
        loop = asyncio.get_running_loop()
        note = None
        if occ.key not in self.state.busy_told:  # already told that it waits: it just runs
            note = notes.checkin_start(self.live.lang, occ.name, flow=self._flow(occ))

        def claimed() -> None:
            if note is not None and self.state.announced is None:
                send = self.notices.send(note)
                self.state.announced = asyncio.run_coroutine_threadsafe(send, loop)

        return claimed

    async def interrupt(self, timeout: float) -> bool:
        """End a running check-in (daemon stopping); False if it did not end in time.

        Every answer is stored as it is given, so ending the check-in here saves it; it
        resumes (without re-asking answered steps) at the next start. Without a running
        key the check-in has ended and only its notifications are left."""
        if self.task is None or self.task.done():
            return True
        running = self.book.attempts.running
        if running is not None:
            day, name = running
            log.warning(
                "The %s check-in of %s is interrupted; its answers are saved and it "
                "resumes on restart",
                name,
                day,
            )
        interrupt = getattr(self.runner, "interrupt", None)
        if interrupt is not None:
            interrupt()
        done, _ = await asyncio.wait({self.task}, timeout=timeout)
        return bool(done)

    async def prepare(self, name: str) -> None:
        """Load speech shortly before a check-in (the timers call it)."""
        if self.book.attempts.running is not None or self.state.prepared == name:
            return
        if await asyncio.to_thread(self.speech_problem) is not None:
            return  # nothing to load: the check-in is offered typed
        try:
            await self.thread.call(self.runner.prepare, name)
            self.state.prepared = name
        except Exception as exc:  # the check-in itself reports speech problems
            log.info("Preparing the %s check-in failed: %s", name, exc)

    async def release_unused(self, nothing_soon: Callable[[], bool]) -> None:
        """Speech prepared for a check-in that did not start (user away, skipped, missed)
        is released rather than held until the next one."""
        if self.state.prepared is None or self.book.attempts.running is not None:
            return
        if nothing_soon():
            log.info("Releasing the speech prepared for the %s check-in", self.state.prepared)
            self.state.prepared = None
            await self.thread.call(self.runner.release)
