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
from microalign.errors import ConfigError, MicroalignError

log = logging.getLogger(__name__)

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass
class Result:
    name: str
    state: str
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def run_checks(paths: Paths) -> list[Result]:
    config, config_result = check_config(paths)
    checks: list[Callable[[], Result]] = [
        lambda: check_database(paths),
        lambda: check_device(config, "input"),
        lambda: check_device(config, "output"),
        lambda: check_tts(config),
        lambda: check_model(paths, config),
        check_notifications,
        check_service,
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
        problems = "; ".join(exc.problems)
        return DEFAULT, Result("config", FAIL, f"{path}: {problems}", exc.hint or "")
    if not path.exists():
        return config, Result(
            "config", WARN, f"{path} does not exist: defaults in use", "Run `microalign init`."
        )
    return config, Result("config", OK, f"{path} is valid")


def check_database(paths: Paths) -> Result:
    import sqlite3

    from microalign.adapters.store import probe

    path = paths.database
    if not path.exists():
        return Result(
            "database", WARN, f"{path} does not exist yet", "Run `microalign init` to create it."
        )
    try:
        verdict, version = probe(path)
    except sqlite3.Error as exc:
        return Result(
            "database",
            FAIL,
            f"{path} cannot be read: {exc}",
            "Check permissions and free space; restore a backup if the file is damaged.",
        )
    if verdict != "ok":
        return Result(
            "database",
            FAIL,
            f"{path} is damaged: {verdict}",
            "Stop the daemon, keep a copy of the file, and restore a backup.",
        )
    return Result("database", OK, f"{path} (schema {version}) passes an integrity check")


def check_device(config: Config, kind: str) -> Result:
    from microalign.adapters.probes import ProbeFailed, audio_device

    name = "microphone" if kind == "input" else "audio output"
    wanted = config.speech.input_device if kind == "input" else config.speech.output_device
    try:
        device, rate = audio_device(kind, wanted)
    except ProbeFailed as exc:
        if exc.missing_library:
            return Result(
                name, FAIL, f"PortAudio is missing: {exc}", "Install it: apt install libportaudio2"
            )
        where = f"device {wanted!r}" if wanted else f"default {kind} device"
        fix = (
            "Plug in a microphone / headset and check `pactl info` (PulseAudio or PipeWire)"
            if kind == "input"
            else "Connect speakers or headphones and check `pactl info`"
        )
        if wanted:
            fix += f"; or fix speech.{kind}_device in the config (see `python -m sounddevice`)"
        return Result(name, FAIL, f"No {where}: {exc}", fix + ".")
    return Result(name, OK, f"{device} ({rate:.0f} Hz)")


def check_tts(config: Config) -> Result:
    from microalign.adapters.probes import ProbeFailed, tts_voices

    if shutil.which("espeak-ng") is None and shutil.which("espeak") is None:
        return Result(
            "tts", FAIL, "espeak-ng is not installed", "Install it: apt install espeak-ng"
        )
    try:
        voices = tts_voices()
    except ProbeFailed as exc:
        return Result(
            "tts", FAIL, f"pyttsx3 cannot start: {exc}", "Reinstall: pip install -U pyttsx3"
        )
    return Result("tts", OK, f"pyttsx3 with espeak-ng, {voices} voices")


def check_model(paths: Paths, config: Config) -> Result:
    language = config.general.language
    try:
        from microalign.adapters.speech import models
    except ImportError:
        return Result("model", WARN, "the speech model catalogue is not installed")
    try:
        found = models.locate(
            config.speech.model, language, paths.models_dir, models.load_catalogue()
        )
    except MicroalignError as exc:
        return Result("model", FAIL, exc.message, exc.hint or "")
    return Result("model", OK, f"{found.name} for {language!r} at {found.path}")


def check_notifications() -> Result:
    from microalign.adapters.probes import notification_server

    try:
        name, vendor, version = asyncio.run(asyncio.wait_for(notification_server(), 5))
    except Exception as exc:
        return Result(
            "notifications",
            FAIL,
            f"No notification server on the session bus: {exc or type(exc).__name__}",
            "Start your desktop's notification daemon (or install one: apt install dunst); "
            "the daemon prints notifications to its log meanwhile.",
        )
    return Result("notifications", OK, f"{name} {version} ({vendor})")


def check_service() -> Result:
    if shutil.which("systemctl") is None:
        return Result("service", WARN, "systemctl is not available", "Run `microalign run`.")
    try:
        done = subprocess.run(
            ["systemctl", "--user", "is-active", "microalign"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Result("service", WARN, f"systemctl failed: {exc}")
    state = done.stdout.strip() or done.stderr.strip() or "unknown"
    if done.returncode == 0:
        return Result("service", OK, f"microalign.service is {state}")
    return Result(
        "service",
        WARN,
        f"microalign.service is not running ({state})",
        "Install systemd/microalign.service to ~/.config/systemd/user/ and run "
        "`systemctl --user enable --now microalign`, or run `microalign run`.",
    )
