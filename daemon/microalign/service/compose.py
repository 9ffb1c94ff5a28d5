"""The composition root: picks the adapters (with wiring.py's defaults for those that
depend on the config) and puts the daemon and the check-in process together; heavy
backends load lazily. Only the entry points import it (`microalign run` through
service.serve, `microalign checkin`, the check-in process in service.checkin_process);
tests compose their own daemons and check-in processes through `make_daemon` and
`run_checkin_process`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from microalign.errors import SpeechError
from microalign.service.wiring import Wiring

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.adapters.sdnotify import SystemdNotifier
    from microalign.config import Config
    from microalign.core.clock import Clock
    from microalign.i18n import LanguagePack
    from microalign.ports.daemon import Ledger, Runner
    from microalign.ports.notify import Notifier
    from microalign.ports.presence import Presence
    from microalign.ports.speech import Listener, Speaker
    from microalign.service.daemon import Daemon

# Makes a check-in's speaker and listener from the config, language and paths.
SpeechFactory = Callable[["Config", "LanguagePack", "Paths"], "tuple[Speaker, Listener]"]


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


def voice_speech(config: Config, pack: LanguagePack, paths: Paths) -> tuple[Speaker, Listener]:
    """The voice speaker and listener of a check-in the daemon starts."""
    if not config.speech.enabled:
        raise SpeechError.keyed("speech_off")
    return make_speaker("voice", config, pack), make_listener("voice", config, pack, paths)


def default_wiring(paths: Paths) -> Wiring:
    """The daemon's wiring: reload reads the config file of `paths`, the start-up report
    tells what is missing, and a voice check-in waits for speech that can work (a model)."""
    from microalign import config as configuration
    from microalign.app.readiness import speech_problem
    from microalign.service.backups import scheduled_backup
    from microalign.service.startup import report

    return Wiring(
        lambda: configuration.load(paths.config_file, paths.config_required),
        speech_problem=lambda config: speech_problem(paths, config),
        startup=lambda live: report(paths, live),
        backup=lambda: scheduled_backup(paths),
    )


def run_checkin_process(speech: SpeechFactory = voice_speech) -> None:
    """The check-in process (service.worker's child side): runs the check-ins the daemon
    asks for with the speech `speech` makes."""
    from microalign.service import worker
    from microalign.service.runner import CheckinRunner

    worker.main(lambda paths: CheckinRunner(paths, speech))


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
    checkin_command: Sequence[str] | None = None,
) -> Daemon:
    """The daemon on the store and check-in processes of `paths`; every part can be given
    instead (tests inject faults this way), and `checkin_command` starts the check-in
    process instead of service.checkin_process (tests run one that composes scripted
    speech with `run_checkin_process`; their wiring then says speech always works)."""
    from microalign.service.daemon import PRELOAD_SECONDS, Daemon
    from microalign.service.ledger import StoreLedger
    from microalign.service.worker import ProcessRunner

    wiring = wiring or default_wiring(paths)
    daemon = Daemon(
        config,
        # The ledger reads the daemon's current config (a reload changes the streak rules).
        ledger or StoreLedger(paths, lambda: daemon.config),
        runner or ProcessRunner(paths, checkin_command),
        wiring,
        notifier=notifier,
        presence=presence,
        clock=clock,
        sd=sd,
        preload_seconds=PRELOAD_SECONDS if preload_seconds is None else preload_seconds,
    )
    return daemon
