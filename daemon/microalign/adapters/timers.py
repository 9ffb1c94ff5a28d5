"""The thin APScheduler adapter: it only wakes the daemon, which then decides by itself.

Jobs are coroutine functions, so AsyncIOScheduler runs them in the event loop (plain
functions would run in a thread pool, where poking the loop is unsafe).
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from datetime import datetime


class Timers:
    def __init__(
        self,
        grace_minutes: int,
        watch_seconds: float,
        wake: Callable[[], Awaitable[None]],
        prepare: Callable[[str], Awaitable[None]],
    ) -> None:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        self._wake = wake
        self._prepare = prepare
        # APScheduler's default misfire grace is 1 s: a wake-up delayed by a busy loop or a
        # suspend would be dropped. Late runs are coalesced into one.
        self._scheduler = AsyncIOScheduler(
            timezone="UTC",
            job_defaults={
                "coalesce": True,
                "misfire_grace_time": max(1, grace_minutes * 60),
                "max_instances": 1,
            },
        )
        # The watch job bounds every sleep (the monotonic clock stops during suspend) and
        # must run after any delay: no misfire limit.
        self._scheduler.add_job(
            wake, "interval", seconds=watch_seconds, id="watch", misfire_grace_time=None
        )
        self._scheduler.start()

    def set_next(self, due: datetime, prepare_at: datetime | None, name: str) -> None:
        """Wake at `due` (real time, aware) and prepare speech for the check-in `name` at
        `prepare_at`."""
        self.clear()
        self._scheduler.add_job(self._wake, "date", run_date=due, id="next")
        if prepare_at is not None:
            self._scheduler.add_job(
                self._prepare, "date", args=[name], run_date=prepare_at, id="prepare"
            )

    def clear(self) -> None:
        for job_id in ("next", "prepare"):
            with contextlib.suppress(Exception):
                self._scheduler.remove_job(job_id)

    def shutdown(self) -> None:
        self._scheduler.shutdown(wait=False)
