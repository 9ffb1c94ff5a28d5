"""The daemon: an asyncio loop that wakes up on time, decides (planner) and acts (checkins,
notices, actions). This module holds the lifecycle: signals, reload, the loop, shutdown.

Timers (APScheduler) only wake the daemon: a date job at the next occurrence and a watch
job every wiring.WATCH_SECONDS, which bounds how long a suspend can delay a check-in (asyncio
timers use the monotonic clock, which stops while suspended); logind's PrepareForSleep(false)
wakes it at once. Each wake-up compares the wall clock with the schedule and the store.
Check-ins run on one worker thread; notifications and their actions live in the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from typing import TYPE_CHECKING

from microalign.adapters.sdnotify import SystemdNotifier, watchdog_interval
from microalign.core.clock import Clock
from microalign.core.schedule import Decision, Occurrence
from microalign.errors import ConfigError, MicroalignError
from microalign.service.actions import Actions
from microalign.service.alarms import Alarms
from microalign.service.backups import BackupAsker
from microalign.service.book import CheckinBook
from microalign.service.checkins import Checkins
from microalign.service.live import Live
from microalign.service.notices import Notices, Target
from microalign.service.planner import Planner
from microalign.service.thread import WorkerThread
from microalign.service.wiring import Wiring, apply_config

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.ports.daemon import Ledger, Runner
    from microalign.ports.notify import Notifier
    from microalign.ports.presence import Presence
    from microalign.service.requests import Requests

log = logging.getLogger(__name__)

PRELOAD_SECONDS = 60  # load the speech model this long before a check-in
STOP_WAIT_SECONDS = 5  # SIGTERM: how long a running check-in may take to end by itself


class Daemon:
    def __init__(
        self,
        config: Config,
        ledger: Ledger,
        runner: Runner,
        wiring: Wiring,
        *,
        notifier: Notifier | None = None,
        presence: Presence | None = None,
        clock: Clock | None = None,
        sd: SystemdNotifier | None = None,
        preload_seconds: float = PRELOAD_SECONDS,
    ) -> None:
        self.live = Live(
            config, notifier or wiring.notifier(config), presence or wiring.presence(config)
        )
        self.ledger = ledger
        self.runner = runner
        self.wiring = wiring
        self.clock = clock or Clock()
        self.sd = sd or SystemdNotifier()
        self.book = CheckinBook(ledger)
        self.thread = WorkerThread()
        self.planner = Planner(self.live, self.book, self.clock, preload_seconds)
        self.notices = Notices(self.live, ledger, self.act)
        self.actions = Actions(
            self.live, self.book, ledger, runner, self.thread, self.clock, self.poke
        )
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self.checkins = Checkins(
            self.live, self.book, runner, self.thread, self.notices, self.clock,
            stopping=self._stop.is_set,
            poke=self.poke,
            status_changed=lambda: self.sd.status(self.status_text()),
            speech_problem=self._speech_problem,
        )  # fmt: skip
        self.alarms = Alarms(
            self.live, wiring, self.planner, self.poke, self.checkins.prepare,
            lambda: self.sd.status(self.status_text()),
        )  # fmt: skip
        self._tasks: set[asyncio.Task[None]] = set()
        self._report: asyncio.Task[object] | None = None
        self.backups = BackupAsker(wiring.backup)

    # -- what tests and logs look at -------------------------------------------------------

    @property
    def config(self) -> Config:
        return self.live.config

    @property
    def notifier(self) -> Notifier:
        return self.live.notifier

    @property
    def presence(self) -> Presence:
        return self.live.presence

    @presence.setter
    def presence(self, presence: Presence) -> None:
        self.live.presence = presence

    @property
    def fired(self) -> list[tuple[object, str]]:
        return self.live.fired

    @property
    def requests(self) -> Requests:
        """What the user asked for (snooze, start now), kept in the store."""
        return self.book.requests

    def next_occurrence(self) -> Occurrence | None:
        return self.planner.next_occurrence()

    def status_text(self) -> str:
        return self.planner.status_text()

    def _speech_problem(self) -> MicroalignError | None:
        check = self.wiring.speech_problem
        return None if check is None else check(self.live.config)

    def act(self, target: Target, action: str) -> None:
        """A notification action was chosen (runs in the loop)."""
        self.actions.act(target, action)

    # -- lifecycle ---------------------------------------------------------------------------

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop)
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        self._start_report()
        self.planner.begin(self.ledger.first_start(self.clock.now()))
        await self.live.presence.start(on_change=self.poke, on_resume=self.poke)
        await self.thread.call(self.runner.recover)
        self.book.refresh(self.planner.today())
        self.alarms.start()
        watchdog = asyncio.create_task(_watchdog(self.sd))
        self.sd.ready(self.status_text())
        log.info("microalign daemon ready; %s", self.status_text())
        try:
            await self._loop()
        finally:
            watchdog.cancel()
            await self._shutdown()
        return 0

    def _start_report(self) -> None:
        """What is missing, told once at start in the background: it never delays the rest."""
        if self.wiring.startup is None:
            return
        self._report = asyncio.get_running_loop().create_task(self.wiring.startup(self.live))
        self._report.add_done_callback(_log_failure)

    def stop(self) -> None:
        log.info("Stopping")
        self._stop.set()
        self._wake.set()

    def poke(self) -> None:
        """Wake the loop: it re-reads the clock and the store and acts."""
        self._wake.set()

    def reload(self) -> None:
        if self.wiring.load_config is None:
            return
        self.sd.reloading()
        try:
            config = self.wiring.load_config()
        except ConfigError as exc:
            log.error("New configuration ignored, keeping the old one: %s", exc)
        else:
            log.info("Configuration reloaded")
            self._apply(config)
        self.sd.ready(self.status_text())
        self.poke()

    def _apply(self, config: Config) -> None:
        """Use a new config: new timers, and new adapters where their settings changed."""
        for job in apply_config(self.live, config, self.wiring, self.poke):
            task = asyncio.get_running_loop().create_task(job)
            self._tasks.add(task)  # a task nobody holds may be collected before it ends
            task.add_done_callback(self._tasks.discard)
        self.alarms.start()

    async def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                await self.tick()
            except MicroalignError as exc:
                log.error("%s", exc)
            self.alarms.reschedule()
            await self._wake.wait()

    async def tick(self) -> None:
        """One wake-up: record what was missed, start what is due, notify milestones."""
        now = self.clock.now()
        self.book.refresh(now.astimezone(self.clock.zone()).date())
        for occ, decision in self.planner.due(now):
            if decision is Decision.MISSED:
                await self.checkins.missed(occ)
            elif self.book.attempts.running is None:
                await self.checkins.maybe_start(occ)
        await self.checkins.release_unused(lambda: self.planner.nothing_soon(now))
        await self.notices.send_pending()
        self.backups.maybe(now, self.live.config.backup.enabled)

    async def _shutdown(self) -> None:
        self.sd.stopping()
        if self._report is not None and not self._report.done():
            self._report.cancel()  # its probe process is killed on the way out
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._report
        self.alarms.shutdown()
        if not await self.checkins.interrupt(STOP_WAIT_SECONDS):
            await self._close_all()
            logging.shutdown()
            os._exit(0)  # an in-process check-in blocked in audio I/O cannot be joined
        await self._close_all()
        self.thread.shutdown()

    async def _close_all(self) -> None:
        with contextlib.suppress(Exception):
            await self.live.presence.close()
        with contextlib.suppress(Exception):
            await self.live.notifier.close()
        with contextlib.suppress(Exception):
            self.ledger.close()
        self.sd.close()


def _log_failure(task: asyncio.Task[object]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("The start-up report failed", exc_info=task.exception())


async def _watchdog(sd: SystemdNotifier) -> None:
    interval = watchdog_interval()
    if interval is None:
        return
    while True:
        sd.watchdog()
        await asyncio.sleep(interval)
