"""What a notification's action does: a table from action id to handler.

Check-in actions (start now, snooze, skip today) act on a check-in occurrence; goal actions
(level up) on a goal id. An action id without a handler is logged and ignored: a stale
notification must not break the loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TypeVar

from microalign.app import notes
from microalign.core.clock import Clock
from microalign.core.vocabulary import SKIPPED, Key
from microalign.errors import MicroalignError
from microalign.ports.daemon import Ledger, Runner
from microalign.ports.notify import LEVEL_UP, SKIP_TODAY, SNOOZE, START_NOW
from microalign.service.book import CheckinBook
from microalign.service.live import Live
from microalign.service.notices import Target
from microalign.service.thread import WorkerThread

log = logging.getLogger(__name__)

T = TypeVar("T")


class Actions:
    def __init__(
        self,
        live: Live,
        book: CheckinBook,
        ledger: Ledger,
        runner: Runner,
        thread: WorkerThread,
        clock: Clock,
        poke: Callable[[], None],
    ) -> None:
        self.live = live
        self.book = book
        self.ledger = ledger
        self.runner = runner
        self.thread = thread
        self.clock = clock
        self.poke = poke
        self.for_checkin: dict[str, Callable[[Key], None]] = {
            START_NOW: self.start_now,
            SNOOZE: self.snooze,
            SKIP_TODAY: self.skip_today,
        }
        self.for_goal: dict[str, Callable[[int], None]] = {LEVEL_UP: self.level_up}
        self._tasks: set[asyncio.Task[None]] = set()

    def handlers(self) -> Mapping[str, Callable[..., None]]:
        """Every action id with its handler."""
        return {**self.for_checkin, **self.for_goal}

    def act(self, target: Target, action: str) -> None:
        """A notification action was chosen (runs in the loop)."""
        log.info("Action %s for %s", action, target)
        self.live.fired.append((target, f"action:{action}"))
        if isinstance(target, int):
            self._dispatch(self.for_goal, action, target)
        else:
            self._dispatch(self.for_checkin, action, target)
        self.poke()

    @staticmethod
    def _dispatch(table: Mapping[str, Callable[[T], None]], action: str, target: T) -> None:
        handler = table.get(action)
        if handler is None:
            log.warning("Unknown notification action %r for %s: ignored", action, target)
            return
        handler(target)

    def start_now(self, key: Key) -> None:
        self.book.reopen(key)
        self.book.requests.start_now(key)

    def snooze(self, key: Key) -> None:
        minutes = self.live.config.schedule.snooze_minutes
        self.book.snooze(key, self.clock.now() + timedelta(minutes=minutes))

    def skip_today(self, key: Key) -> None:
        self.book.requests.clear(key)
        self.ledger.record_checkin(key[0], key[1], SKIPPED)

    def level_up(self, goal_id: int) -> None:
        task = asyncio.get_running_loop().create_task(self._level_up(goal_id))
        self._tasks.add(task)  # a task nobody holds may be collected before it ends
        task.add_done_callback(self._tasks.discard)

    async def _level_up(self, goal_id: int) -> None:
        try:
            created = await self.thread.call(self.runner.level_up, goal_id)
        except MicroalignError as exc:
            log.error("Level up failed: %s", exc)
            created = None
        if created is None:
            await self.live.notifier.notify(notes.level_up_how(self.live.lang, goal_id))
