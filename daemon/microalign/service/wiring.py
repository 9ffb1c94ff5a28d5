"""How the daemon gets the adapters that depend on the config, at start and on reload:
the default factories, and putting a reloaded config into the live parts."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.errors import MicroalignError
    from microalign.ports.daemon import PrepareJob, Timers, WakeJob
    from microalign.ports.notify import Notifier
    from microalign.ports.presence import Presence
    from microalign.service.live import Live

WATCH_SECONDS = 30  # the watch job: how long a suspend can delay a check-in at most


def make_notifier(config: Config) -> Notifier:
    from microalign.adapters.notify.log import LogNotifier

    if not config.notifications.enabled:
        return LogNotifier()
    from microalign.adapters.notify.desktop import DesktopNotifier
    from microalign.adapters.notify.fallback import FallbackNotifier

    return FallbackNotifier(DesktopNotifier(), LogNotifier())


def make_presence(config: Config) -> Presence:
    """logind always watches for resume from suspend; lock and idle only when enabled
    (otherwise the user always counts as present)."""
    from microalign.adapters.presence import LogindPresence

    presence = config.presence
    return LogindPresence(track=presence.enabled and presence.idle_source == "logind")


def make_timers(config: Config, wake: WakeJob, prepare: PrepareJob) -> Timers:
    from microalign.adapters.timers import Timers

    return Timers(config.schedule.grace_minutes, WATCH_SECONDS, wake, prepare)


@dataclass(frozen=True)
class Wiring:
    """How the daemon gets the adapters that depend on the config, at start and on reload."""

    load_config: Callable[[], Config] | None = None  # None: reload does nothing
    notifier: Callable[[Config], Notifier] = make_notifier
    presence: Callable[[Config], Presence] = make_presence
    timers: Callable[[Config, WakeJob, PrepareJob], Timers] = make_timers
    # Why speech cannot work now (None: it can); without it, every check-in tries voice.
    speech_problem: Callable[[Config], MicroalignError | None] | None = None
    # The start-up report (what is missing); None: no report.
    startup: Callable[[Live], Coroutine[Any, Any, object]] | None = None
    # A scheduled backup when one is due ([backup]); None: never.
    backup: Callable[[], Coroutine[Any, Any, object]] | None = None


def apply_config(
    live: Live, config: Config, wiring: Wiring, poke: Callable[[], None]
) -> list[Coroutine[Any, Any, None]]:
    """Put a reloaded `config` into `live`, with new adapters where their settings changed;
    returns the jobs (for the event loop) that close or start the adapters swapped."""
    old, live.config = live.config, config
    jobs: list[Coroutine[Any, Any, None]] = []
    if config.notifications != old.notifications:
        previous, live.notifier = live.notifier, wiring.notifier(config)
        jobs.append(previous.close())
    if config.presence != old.presence:
        jobs.append(_swap_presence(live, wiring.presence(config), poke))
    return jobs


async def _swap_presence(live: Live, presence: Presence, poke: Callable[[], None]) -> None:
    previous, live.presence = live.presence, presence
    await previous.close()
    await presence.start(on_change=poke, on_resume=poke)
