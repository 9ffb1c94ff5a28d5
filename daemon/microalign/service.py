"""The daemon: an asyncio loop that wakes up on time, decides (schedule.py) and acts.

Timers (APScheduler) only wake the daemon: a date job at the next occurrence and a watch
job every WATCH_SECONDS, which bounds how long a suspend can delay a check-in (asyncio
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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from microalign import schedule
from microalign.clock import Clock
from microalign.config import Config
from microalign.errors import BusyError, ConfigError, MicroalignError, SpeechError
from microalign.notify import texts
from microalign.notify.base import LEVEL_UP, SKIP_TODAY, SNOOZE, START_NOW, Note, Notifier
from microalign.presence import AlwaysPresent, Presence
from microalign.roles import ALREADY_DONE, FINAL, Ledger, Runner
from microalign.schedule import Decision, Key, Occurrence
from microalign.sdnotify import SystemdNotifier, watchdog_interval
from microalign.slots import SlotBook
from microalign.worker import WorkerFailed

log = logging.getLogger(__name__)

WATCH_SECONDS = 30
PRELOAD_SECONDS = 60  # load the speech model this long before a check-in
STOP_WAIT_SECONDS = 5  # SIGTERM: how long a running check-in may take to end by itself


FAILED = "failed"


@dataclass
class State:
    waiting: set[Key] = field(default_factory=set)  # told the user we wait for them
    busy_told: set[Key] = field(default_factory=set)
    prepared: str | None = None


class Daemon:
    def __init__(
        self,
        config: Config,
        ledger: Ledger,
        runner: Runner,
        notifier: Notifier,
        presence: Presence | None = None,
        clock: Clock | None = None,
        reload_config: Callable[[], Config] | None = None,
        sd: SystemdNotifier | None = None,
        preload_seconds: float = PRELOAD_SECONDS,
    ) -> None:
        self.config = config
        self.ledger = ledger
        self.runner = runner
        self.notifier = notifier
        self.presence = presence or AlwaysPresent()
        self.clock = clock or Clock()
        self.reload_config = reload_config
        self.sd = sd or SystemdNotifier()
        self.preload_seconds = preload_seconds
        self.state = State()
        self.slots = SlotBook(ledger)
        self.intentions = self.slots.intentions  # "snooze" and "start now", in the store
        self.fired: list[tuple[Key, str]] = []  # what each wake-up did, for logs and tests
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checkin")
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._checkin: asyncio.Task | None = None
        self._scheduler = None
        self._since: datetime | None = None
        self._exit_code = 0
        self._suggest = True

    # -- lifecycle ---------------------------------------------------------------------

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop)
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        self._since = self._first_counted()
        await self.presence.start(on_change=self.poke, on_resume=self.poke)
        await self._in_worker(self.runner.recover)
        self.slots.refresh(self.clock.now().astimezone(self.clock.zone()).date())
        self._start_scheduler()
        watchdog = asyncio.create_task(self._watchdog())
        self.sd.ready(self.status_text())
        log.info("microalign daemon ready; %s", self.status_text())
        try:
            await self._loop()
        finally:
            watchdog.cancel()
            await self._shutdown()
        return self._exit_code

    def _first_counted(self) -> datetime:
        """Slots before this instant are never reported missed: before the first recorded
        check-in, or, on a fresh install, before the grace window."""
        first = self.ledger.first_day()
        if first is None:
            return self.clock.now() - timedelta(minutes=self.config.schedule.grace_minutes)
        return datetime.combine(first, datetime.min.time()).replace(tzinfo=self.clock.zone())

    def stop(self) -> None:
        log.info("Stopping")
        self._stop.set()
        self._wake.set()

    def poke(self) -> None:
        """Wake the loop: it re-reads the clock and the store and acts."""
        self._wake.set()

    def reload(self) -> None:
        if self.reload_config is None:
            return
        self.sd.reloading()
        old = self.config
        try:
            self.config = self.reload_config()
        except ConfigError as exc:
            log.error("New configuration ignored, keeping the old one: %s", exc)
        else:
            log.info("Configuration reloaded")
            self._start_scheduler()
            if self.config.notifications != old.notifications:
                self._replace_notifier()
            if self.config.presence != old.presence:
                asyncio.get_running_loop().create_task(self._replace_presence())
        self.sd.ready(self.status_text())
        self.poke()

    def _replace_notifier(self) -> None:
        from microalign.notify.factory import make_notifier

        old, self.notifier = self.notifier, make_notifier(self.config)
        asyncio.get_running_loop().create_task(old.close())

    async def _replace_presence(self) -> None:
        from microalign.presence import make_presence

        old = self.presence
        presence = self.config.presence
        self.presence = make_presence(presence.enabled, presence.idle_source)
        await old.close()
        await self.presence.start(on_change=self.poke, on_resume=self.poke)

    async def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                await self.tick()
            except MicroalignError as exc:
                log.error("%s", exc)
            self._reschedule()
            await self._wake.wait()

    async def _shutdown(self) -> None:
        self.sd.stopping()
        if self._scheduler is not None:
            self._scheduler.shutdown()
        running = self.slots.attempts.running
        if self._checkin is not None and not self._checkin.done():
            # Every answer is stored as it is given, so ending the check-in here saves it;
            # it resumes (without re-asking answered steps) at the next start. Without a
            # running key the check-in has ended and only its notifications are left.
            if running is not None:
                log.warning(
                    "The %s check-in of %s is interrupted; its answers are saved and it "
                    "resumes on restart",
                    running[1],
                    running[0],
                )
            interrupt = getattr(self.runner, "interrupt", None)
            if interrupt is not None:
                interrupt()
            done, _ = await asyncio.wait({self._checkin}, timeout=STOP_WAIT_SECONDS)
            if not done:
                await self._close_all()
                logging.shutdown()
                os._exit(0)  # an in-process check-in blocked in audio I/O cannot be joined
        await self._close_all()
        self._worker.shutdown(wait=True)

    async def _close_all(self) -> None:
        with contextlib.suppress(Exception):
            await self.presence.close()
        with contextlib.suppress(Exception):
            await self.notifier.close()
        with contextlib.suppress(Exception):
            self.ledger.close()
        self.sd.close()

    async def _watchdog(self) -> None:
        interval = watchdog_interval()
        if interval is None:
            return
        while True:
            self.sd.watchdog()
            await asyncio.sleep(interval)

    # -- timers (thin APScheduler adapter) ---------------------------------------------

    def _start_scheduler(self) -> None:
        from microalign.timers import Timers

        if self._scheduler is not None:
            self._scheduler.shutdown()
        self._scheduler = Timers(
            self.config.schedule.grace_minutes, WATCH_SECONDS, self._wake_job, self._prepare_job
        )

    def _reschedule(self) -> None:
        if self._scheduler is None:
            return
        upcoming = self.next_occurrence()
        if upcoming is None:
            self._scheduler.clear()
        else:
            real = self.clock.to_real(upcoming.at)
            early = real - timedelta(seconds=self.preload_seconds)
            prepare = early if early > self.clock.to_real(self.clock.now()) else None
            self._scheduler.set_next(real, prepare, upcoming.slot)
        self.sd.status(self.status_text())

    def next_occurrence(self) -> Occurrence | None:
        now = self.clock.now()
        zone = self.clock.zone()
        plan = self.config.plan()
        return schedule.next_fire(
            now, zone, plan, self.slots.done_keys(now, zone, plan.names), self.intentions.snoozed
        )

    def status_text(self) -> str:
        if self.slots.attempts.running is not None:
            day, slot = self.slots.attempts.running
            return f"running the {slot} check-in of {day:%a %d %b}"
        upcoming = self.next_occurrence()
        if upcoming is None:
            return "no check-in scheduled (all slots are off)"
        local = upcoming.at.astimezone(self.clock.zone())
        return f"next check-in: {upcoming.slot} at {local:%H:%M} on {local:%a %d %b}"

    # -- decisions ---------------------------------------------------------------------

    async def tick(self) -> None:
        """One wake-up: record what was missed, start what is due, notify milestones."""
        now = self.clock.now()
        zone = self.clock.zone()
        self.slots.refresh(now.astimezone(zone).date())
        plan = self.config.plan()
        done = self.slots.done_keys(now, zone, plan.names)
        due = schedule.due_slots(now, zone, plan, done, self.intentions.snoozed, since=self._since)
        listed = {occ.key for occ, _ in due}
        forced = self.intentions.forced - listed - done
        due += [(Occurrence(now, *key), Decision.RUN) for key in forced]
        for occ, decision in sorted(due):
            if occ.key in self.intentions.forced:
                decision = Decision.RUN
            if decision is Decision.MISSED:
                await self._missed(occ)
            elif self.slots.attempts.running is None:
                await self._maybe_start(occ)
        await self._release_if_unused(now)
        await self._notify_pending()

    async def _release_if_unused(self, now: datetime) -> None:
        """Speech prepared for a check-in that did not start (user away, skipped, missed)
        is released rather than held until the next one."""
        if self.state.prepared is None or self.slots.attempts.running is not None:
            return
        upcoming = self.next_occurrence()
        lead = timedelta(seconds=2 * self.preload_seconds)
        if upcoming is None or upcoming.at - now > lead:
            log.info("Releasing the speech prepared for the %s check-in", self.state.prepared)
            self.state.prepared = None
            await self._in_worker(self.runner.release)

    async def _missed(self, occ: Occurrence) -> None:
        log.info("The %s check-in of %s was missed (outside the grace window)", occ.slot, occ.day)
        self.intentions.clear(occ.key)
        self.ledger.record_slot(occ.day, occ.slot, "missed")
        self.fired.append((occ.key, "missed"))
        await self._notify(
            texts.checkin_missed(
                occ.slot, self.config.schedule.snooze_minutes, flow=self._flow(occ)
            ),
            occ,
        )

    async def _maybe_start(self, occ: Occurrence) -> None:
        forced = occ.key in self.intentions.forced
        if not forced and not await self.presence.is_present():
            if occ.key not in self.state.waiting:
                self.state.waiting.add(occ.key)
                log.info("The user is away; the %s check-in waits", occ.slot)
                self.fired.append((occ.key, "waiting"))
                note = texts.checkin_waiting(
                    occ.slot, self.config.schedule.snooze_minutes, self._flow(occ)
                )
                await self._notify(note, occ)
            return
        intended = self.intentions.intended(occ.key)
        self.intentions.clear(occ.key)
        self.slots.attempts.running = occ.key
        self.sd.status(self.status_text())
        self.fired.append((occ.key, "started"))
        if occ.key not in self.state.busy_told:
            await self._notify(texts.checkin_start(occ.slot, self._flow(occ)))
        self._checkin = asyncio.create_task(self._run_checkin(occ, intended))

    async def _run_checkin(self, occ: Occurrence, intended: bool = False) -> None:
        status = "error"
        try:
            if self.state.prepared != occ.slot:
                await self._in_worker(self.runner.prepare, occ.slot)
            # Loading the model takes a while: someone may have done the check-in meanwhile.
            if self.slots.settled(occ.key, intended):
                status = ALREADY_DONE
            else:
                status = await self._in_worker(self.runner.run, occ.slot, occ.day, intended)
        except BusyError as exc:
            status = "busy"
            log.info("%s", exc)
            if occ.key not in self.state.busy_told:
                self.state.busy_told.add(occ.key)
                await self._notify(texts.busy(occ.slot, self._flow(occ)))
        except SpeechError as exc:
            status = "speech_error"
            log.error("Voice check-in impossible: %s", exc)
            self.slots.attempts.handled.add(occ.key)
            await self._notify(texts.checkin_typed(occ.slot, exc.message, self._flow(occ)))
        except Exception as exc:  # the process died or failed: see _after_checkin
            stopping = self._stop.is_set()
            status = "stopped_by_daemon" if stopping else FAILED
            if stopping:
                log.info("The %s check-in was interrupted; it resumes on restart", occ.slot)
            elif isinstance(exc, WorkerFailed):
                log.warning("The %s check-in failed: %s", occ.slot, exc)
            else:
                log.exception("The %s check-in failed", occ.slot)
        finally:
            self.state.prepared = None
            with contextlib.suppress(Exception):
                await self._in_worker(self.runner.release)
            self.slots.attempts.running = None
        log.info("The %s check-in of %s ended: %s", occ.slot, occ.day, status)
        self._suggest = True
        self.fired.append((occ.key, status))
        await self._after_checkin(occ, status)
        if status != "busy":  # busy: the watch timer looks again, not a tight loop
            self.poke()

    async def _after_checkin(self, occ: Occurrence, status: str) -> None:
        minutes = self.config.schedule.snooze_minutes
        if status == "snoozed":
            self._snooze(occ.key, minutes)
        elif status == "no_speech":
            note = texts.checkin_missed(
                occ.slot, minutes, "No answer heard, so it stopped here.", self._flow(occ)
            )
            await self._notify(note, occ)
        elif status == FAILED:
            await self._failed(occ)
        elif status not in FINAL and status not in ("busy",):
            self.slots.attempts.handled.add(occ.key)

    async def _failed(self, occ: Occurrence) -> None:
        """A check-in process died or failed: finish its transcriptions, free its claim,
        try once more inside the grace window, then offer the missed notification."""
        with contextlib.suppress(Exception):
            await self._in_worker(self.runner.recover)
        # The dead process's claim is freed by the next wake-up's refresh.
        if self.slots.failed(occ.key):
            log.info("Trying the %s check-in once more", occ.slot)
            return
        minutes = self.config.schedule.snooze_minutes
        await self._notify(
            texts.checkin_missed(occ.slot, minutes, texts.FAILED_WHY, self._flow(occ)), occ
        )

    # Jobs are coroutines so that AsyncIOScheduler runs them in the loop, not in a thread.
    async def _wake_job(self) -> None:
        self.poke()

    async def _prepare_job(self, slot: str) -> None:
        if self.slots.attempts.running is not None:
            return
        try:
            await self._in_worker(self.runner.prepare, slot)
            self.state.prepared = slot
        except Exception as exc:  # the check-in itself reports speech problems
            log.info("Preparing the %s check-in failed: %s", slot, exc)

    def _flow(self, occ: Occurrence) -> str | None:
        return self.config.flow_of(occ.slot)

    async def _in_worker(self, function: Callable, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._worker, function, *args)

    # -- notifications and their actions -----------------------------------------------

    async def _notify(self, note: Note, occ: Occurrence | None = None) -> bool:
        if occ is not None and note.actions:
            key = occ.key
            note = replace(note, on_action=lambda action: self.act(key, action))
        return await self.notifier.notify(note)

    async def _notify_pending(self) -> None:
        # Streaks only change with check-ins: look for level-up suggestions at start and
        # after each check-in, not on every wake-up.
        suggest, self._suggest = self._suggest, False
        for pending in self.ledger.pending_notes(self.config, suggest):
            note = pending.note
            if note.actions and pending.goal_id is not None:
                goal = pending.goal_id
                note = replace(note, on_action=lambda a, g=goal: self.act(g, a))
            if await self.notifier.notify(note):
                self.ledger.mark_notified(pending.id)

    def act(self, target: Any, action: str) -> None:
        """A notification action was chosen (runs in the loop)."""
        log.info("Action %s for %s", action, target)
        self.fired.append((target, f"action:{action}"))
        if action == START_NOW:
            self.slots.reopen(target)
            self.intentions.start_now(target)
        elif action == SNOOZE:
            self._snooze(target, self.config.schedule.snooze_minutes)
        elif action == SKIP_TODAY:
            self.intentions.clear(target)
            self.ledger.record_slot(target[0], target[1], "skipped")
        elif action == LEVEL_UP:
            asyncio.get_running_loop().create_task(self._level_up(target))
        self.poke()

    def _snooze(self, key: Key, minutes: int) -> None:
        self.slots.reopen(key)
        until = self.clock.now() + timedelta(minutes=minutes)
        self.intentions.snooze(key, until)
        log.info("Snoozed %s until %s", key, until.astimezone(self.clock.zone()))

    async def _level_up(self, goal_id: int) -> None:
        try:
            created = await self._in_worker(self.runner.level_up, goal_id)
        except MicroalignError as exc:
            log.error("Level up failed: %s", exc)
            created = None
        if created is None:
            await self.notifier.notify(texts.level_up_how(goal_id))
