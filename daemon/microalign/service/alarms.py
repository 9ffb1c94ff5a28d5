"""The daemon's timers (APScheduler, made by wiring.timers): a date job at the next
occurrence and a watch job; they only wake the daemon, which then reads the clock and
the store. Remade for each config, set again after each wake-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from microalign.service.live import Live
from microalign.service.planner import Planner
from microalign.service.wiring import Wiring

if TYPE_CHECKING:
    from microalign.ports.daemon import PrepareJob, Timers


class Alarms:
    def __init__(
        self,
        live: Live,
        wiring: Wiring,
        planner: Planner,
        poke: Callable[[], None],
        prepare: PrepareJob,
        rescheduled: Callable[[], object],
    ) -> None:
        self.live = live
        self.wiring = wiring
        self.planner = planner
        self.poke = poke
        self.prepare = prepare
        self.rescheduled = rescheduled  # told after each reschedule (the status line)
        self._timers: Timers | None = None

    def start(self) -> None:
        """Timers for the current config (a reload brings new grace minutes)."""
        self.shutdown()
        self._timers = self.wiring.timers(self.live.config, self._wake, self.prepare)

    # A coroutine, so that the timers run it in the loop, not in a thread.
    async def _wake(self) -> None:
        self.poke()

    def reschedule(self) -> None:
        if self._timers is None:
            return
        plan = self.planner.wake_plan()
        if plan is None:
            self._timers.clear()
        else:
            self._timers.set_next(plan.due, plan.prepare_at, plan.name)
        self.rescheduled()

    def shutdown(self) -> None:
        if self._timers is not None:
            self._timers.shutdown()
