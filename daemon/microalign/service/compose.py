"""The composition root: the one place that picks adapters and puts the daemon together;
heavy backends load lazily. Tests pass their doubles (fault injection) to make_daemon."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.adapters.sdnotify import SystemdNotifier
    from microalign.config import Config
    from microalign.core.clock import Clock
    from microalign.errors import MicroalignError
    from microalign.i18n import LanguagePack
    from microalign.ports.daemon import Ledger, PrepareJob, Runner, Timers, WakeJob
    from microalign.ports.notify import Notifier
    from microalign.ports.presence import Presence
    from microalign.ports.speech import Listener, Speaker
    from microalign.service.daemon import Daemon
    from microalign.service.live import Live


def make_speaker(mode: str, config: Config, pack: LanguagePack) -> Speaker:
    if mode == "text":
        from microalign.adapters.speech.terminal import TerminalSpeaker

        return TerminalSpeaker()
    from microalign.adapters.speech.tts import FallbackSpeaker, make_voice_speaker
    from microalign.core.safetext import for_terminal

    # A prompt that cannot be spoken is still shown (escaped: it may quote a goal text).
    return FallbackSpeaker(make_voice_speaker(config, pack), echo=lambda t: print(for_terminal(t)))


def make_listener(mode: str, config: Config, pack: LanguagePack, paths: Paths) -> Listener:
    if mode == "text":
        from microalign.adapters.speech.terminal import TerminalListener

        return TerminalListener()
    from microalign.adapters.speech.engines import make_voice_listener

    return make_voice_listener(config, pack, paths)


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
    from microalign.service.daemon import WATCH_SECONDS

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


def make_daemon(
    paths: Paths,
    config: Config,
    *,
    wiring: Wiring | None = None,
    ledger: Ledger | None = None,
    runner: Runner | None = None,
    notifier: Notifier | None = None,
    presence: Presence | None = None,
    clock: Clock | None = None,
    sd: SystemdNotifier | None = None,
    preload_seconds: float | None = None,
) -> Daemon:
    """The daemon on the store and check-in processes of `paths`; every part can be given
    instead (tests inject faults this way)."""
    from microalign import config as configuration
    from microalign.service.daemon import PRELOAD_SECONDS, Daemon
    from microalign.service.ledger import StoreLedger
    from microalign.service.worker import ProcessRunner

    if wiring is None:
        from microalign.service.startup import report

        wiring = Wiring(
            lambda: configuration.load(paths.config_file, paths.config_required),
            startup=lambda live: report(paths, live),
        )
    if wiring.speech_problem is None:
        from microalign.service.runner import speech_problem

        wiring = replace(wiring, speech_problem=lambda config: speech_problem(paths, config))
    daemon = Daemon(
        config,
        # The ledger reads the daemon's current config (a reload changes the streak rules).
        ledger or StoreLedger(paths, lambda: daemon.config),
        runner or ProcessRunner(paths),
        wiring,
        notifier=notifier,
        presence=presence,
        clock=clock,
        sd=sd,
        preload_seconds=PRELOAD_SECONDS if preload_seconds is None else preload_seconds,
    )
    return daemon
