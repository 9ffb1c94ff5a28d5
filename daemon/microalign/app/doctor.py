"""`microalign doctor`: is everything in place for a voice check-in? Each failing check
says how to fix it. Checks never create or change data."""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass

from microalign.adapters.paths import Paths
from microalign.config import DEFAULT, Config
from microalign.errors import ConfigError, MicroalignError, StoreError
from microalign.i18n import Joined, Keyed, LanguagePack

log = logging.getLogger(__name__)

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass
class Result:
    """One check. `detail` and `fix` are English; a Keyed text renders in any language."""

    name: str
    state: str
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def shown(self, lang: LanguagePack) -> Result:
        """This result in `lang` (the name stays the check's identifier)."""
        return Result(self.name, self.state, lang.render(self.detail), lang.render(self.fix))


def _texts_of(exc: MicroalignError) -> tuple[str, str]:
    """An error's message and hint, still translatable when it was raised with a key."""
    if exc.key is None:
        return exc.message, exc.hint or ""
    hint = Keyed(f"hint.{exc.key}", **exc.fields) if exc.hint else ""
    return Keyed(f"error.{exc.key}", **exc.fields), hint


def run_checks(paths: Paths, passphrase_fd: int | None = None) -> list[Result]:
    """Every check; `passphrase_fd` (--passphrase-fd) unlocks an encrypted database."""
    config, config_result = check_config(paths)
    checks: list[Callable[[], Result]] = [
        lambda: check_encryption(paths),
        lambda: check_database(paths, passphrase_fd),
        lambda: check_device(config, "input"),
        lambda: check_device(config, "output"),
        lambda: check_tts(config),
        lambda: check_model(paths, config),
        check_notifications,
        lambda: check_service(paths),
    ]
    results = [config_result]
    for check in checks:
        try:
            results.append(check())
        except Exception as exc:  # a broken check must not hide the others
            log.debug("check failed", exc_info=True)
            results.append(Result(getattr(check, "__name__", "check"), FAIL, str(exc)))
    return results


def check_config(paths: Paths) -> tuple[Config, Result]:
    from microalign import config as configuration

    path = paths.config_file
    try:
        config = configuration.load(path, paths.config_required)
    except ConfigError as exc:
        problems = Keyed("doctor.config.invalid", path=path, problems=Joined(tuple(exc.problems)))
        hint = exc.given_hint or Keyed("hint.config_invalid", path=path)
        return DEFAULT, Result("config", FAIL, problems, hint)
    if not path.exists():
        return config, Result(
            "config", WARN, Keyed("doctor.config.missing", path=path), Keyed("doctor.fix.init")
        )
    return config, Result("config", OK, Keyed("doctor.config.ok", path=path))


def check_encryption(paths: Paths) -> Result:
    from microalign.app.encryption import describe

    state = describe(paths)
    if state.pending:
        fix = Keyed(
            f"doctor.fix.crypt_pending_{'plain' if state.pending == 'plain' else 'encrypted'}"
        )
        return Result("encryption", FAIL, Keyed("doctor.encryption.pending"), fix)
    if not state.encrypted:
        return Result(
            "encryption", OK, Keyed("doctor.encryption.plain"), Keyed("doctor.fix.encrypt")
        )
    return Result(
        "encryption", OK, Keyed(f"doctor.encryption.{state.key_source}", path=paths.data_dir)
    )


def check_database(paths: Paths, passphrase_fd: int | None = None) -> Result:
    from microalign.adapters.crypto.keys import PassphraseSource, unlock
    from microalign.adapters.store import probe

    path = paths.database
    if not path.exists():
        return Result(
            "database",
            WARN,
            Keyed("doctor.database.missing", path=path),
            Keyed("doctor.fix.init_database"),
        )
    try:
        key = unlock(paths.data_dir, PassphraseSource(fd=passphrase_fd))
    except MicroalignError as exc:
        return Result("database", FAIL, *_texts_of(exc))
    try:
        verdict, version = probe(path, key.database if key else None, key.source if key else "")
    except StoreError as exc:
        return Result(
            "database",
            FAIL,
            Keyed("doctor.database.unreadable", path=path, error=exc.message),
            Keyed("doctor.fix.database_unreadable"),
        )
    if verdict != "ok":
        return Result(
            "database",
            FAIL,
            Keyed("doctor.database.damaged", path=path, verdict=verdict),
            Keyed("doctor.fix.database_damaged"),
        )
    return Result("database", OK, Keyed("doctor.database.ok", path=path, version=version))


def check_device(config: Config, kind: str) -> Result:
    from microalign.adapters.probes import ProbeFailed, audio_device

    name = "microphone" if kind == "input" else "audio output"
    wanted = config.speech.input_device if kind == "input" else config.speech.output_device
    try:
        device, rate = audio_device(kind, wanted)
    except ProbeFailed as exc:
        if exc.missing_library:
            return Result(
                name,
                FAIL,
                Keyed("doctor.device.no_portaudio", error=exc),
                Keyed("doctor.fix.portaudio"),
            )
        if wanted:
            missing = Keyed("doctor.device.missing_named", device=repr(wanted), error=exc)
            return Result(name, FAIL, missing, Keyed(f"doctor.fix.{kind}_named"))
        missing = Keyed(f"doctor.device.missing_{kind}", error=exc)
        return Result(name, FAIL, missing, Keyed(f"doctor.fix.{kind}"))
    return Result(name, OK, f"{device} ({rate:.0f} Hz)")


def check_tts(config: Config) -> Result:
    from microalign.adapters.probes import ProbeFailed, tts_voices

    if shutil.which("espeak-ng") is None and shutil.which("espeak") is None:
        return Result("tts", FAIL, Keyed("doctor.tts.no_espeak"), Keyed("doctor.fix.espeak"))
    try:
        voices = tts_voices()
    except ProbeFailed as exc:
        return Result(
            "tts", FAIL, Keyed("doctor.tts.broken", error=exc), Keyed("doctor.fix.pyttsx3")
        )
    return Result("tts", OK, Keyed("doctor.tts.ok", count=voices))


def check_model(paths: Paths, config: Config) -> Result:
    language = config.general.language
    try:
        from microalign.adapters.speech import models
    except ImportError:
        return Result("model", WARN, Keyed("doctor.model.no_catalogue"))
    try:
        found = models.locate(
            config.speech.model,
            language,
            paths.models_dir,
            models.load_catalogue(),
            config.speech.engine,
        )
    except MicroalignError as exc:
        return Result("model", FAIL, *_texts_of(exc))
    shown = Keyed(
        "doctor.model.ok",
        name=found.name,
        engine=Keyed(f"engine.{found.engine}"),
        language=repr(language),
        path=found.path,
    )
    return Result("model", OK, shown)


def check_notifications() -> Result:
    return asyncio.run(notifications_result(5))


async def notifications_result(timeout: float) -> Result:
    """The notification check inside a running event loop (the daemon's start-up report)."""
    from microalign.adapters.probes import notification_server

    try:
        name, vendor, version = await asyncio.wait_for(notification_server(), timeout)
    except Exception as exc:
        return Result(
            "notifications",
            FAIL,
            Keyed("doctor.notifications.missing", error=exc or type(exc).__name__),
            Keyed("doctor.fix.notifications"),
        )
    return Result("notifications", OK, f"{name} {version} ({vendor})")


def check_service(paths: Paths) -> Result:
    from microalign.adapters.lock import daemon_holder

    running = daemon_holder(paths)
    systemd = _systemd_state()
    if systemd is not None and systemd[0]:
        return Result("service", OK, Keyed("doctor.service.ok", state=systemd[1]))
    if running is not None:
        foreground = Keyed("doctor.service.foreground", pid=running)
        return Result("service", OK, foreground, Keyed("doctor.fix.service_every_day"))
    if systemd is None:
        no_systemctl = Keyed("doctor.service.no_systemctl")
        return Result("service", WARN, no_systemctl, Keyed("doctor.fix.run"))
    stopped = Keyed("doctor.service.stopped", state=systemd[1])
    return Result("service", WARN, stopped, Keyed("doctor.fix.service"))


def _systemd_state() -> tuple[bool, str | Keyed] | None:
    """Whether the user unit is active, and its state as systemctl words it; None without
    systemctl."""
    if shutil.which("systemctl") is None:
        return None
    try:
        done = subprocess.run(
            ["systemctl", "--user", "is-active", "microalign"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, Keyed("doctor.service.failed", error=exc)
    return done.returncode == 0, done.stdout.strip() or done.stderr.strip() or "unknown"
