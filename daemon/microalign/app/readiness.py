"""What is still missing before check-ins work as meant: an active goal, the speech model of
the configured language, a microphone, an audio output, text-to-speech and a notification
server, each with the command that fixes it. The one source for `microalign run` (its
start-up report), `init` (its next steps) and the daemon's choice of a typed check-in.

`python -m microalign.app.readiness` probes the machine (audio devices, text-to-speech) and
prints one JSON line per check: the daemon runs it as a child process, so that a probe that
hangs, or loads PortAudio and espeak-ng, never holds up or grows the daemon itself.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, TextIO

from microalign.app import doctor
from microalign.errors import MicroalignError, SpeechError
from microalign.i18n import Keyed, LanguagePack

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.app.context import App
    from microalign.config import Config

log = logging.getLogger(__name__)

GOALS = "goals"
MODEL = "model"
MICROPHONE = "microphone"
OUTPUT = "audio output"
TTS = "tts"
NOTIFICATIONS = "notifications"
# In the order they are shown.
CHECKS = (GOALS, MODEL, MICROPHONE, OUTPUT, TTS, NOTIFICATIONS)
SPEECH_CHECKS = frozenset({MODEL, MICROPHONE, OUTPUT, TTS})
LIST_MODELS = "microalign models list"
CHILD_SECONDS = 15.0  # how long `init` waits for the machine checks


@dataclass(frozen=True)
class Gap:
    """One missing thing: `problem` says what, `fix` the command (English; a Keyed text
    renders in any language)."""

    name: str
    problem: str
    fix: str

    def shown(self, lang: LanguagePack) -> Gap:
        return Gap(self.name, lang.render(self.problem), lang.render(self.fix))

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def speech_problem(paths: Paths, config: Config) -> MicroalignError | None:
    """Why a voice check-in cannot start (speech off, no usable model); None if it can."""
    if not config.speech.enabled:
        return SpeechError.keyed("speech_off")
    from microalign.adapters.speech import models

    language = config.general.language
    try:
        models.locate(
            config.speech.model,
            language,
            paths.models_dir,
            models.load_catalogue(),
            config.speech.engine,
        )
    except MicroalignError as exc:
        return exc
    return None


def install_command(config: Config) -> str:
    """The command that installs (and selects) the speech model the config asks for, or
    the recommended one of its language: the first of the catalogue's."""
    from microalign.adapters.speech import models

    entries = models.load_catalogue()
    setting, language = config.speech.model, config.general.language
    entry = models.find_entry(setting, entries) if setting else None
    if entry is None and not setting:
        entry = next((e for e in entries if e.language == language), None)
    if entry is None or entry.language != language:
        return LIST_MODELS
    if entry.pip:
        return f"pip install {entry.pip}"
    return f"microalign models fetch {entry.name} && microalign models use {entry.name}"


def goal_gap(app: App) -> Gap | None:
    if app.goals.active():
        return None
    return Gap(GOALS, Keyed("ready.goals.none"), Keyed("ready.fix.goals"))


def model_gap(paths: Paths, config: Config) -> Gap | None:
    if not config.speech.enabled:
        return None  # typed check-ins need no model
    result = doctor.check_model(paths, config)
    if result.state == doctor.OK:
        return None
    fix = install_command(config)
    if fix == LIST_MODELS and result.fix:
        fix = result.fix  # nothing to install: the error's own hint (fix the setting)
    return Gap(MODEL, result.detail, fix)


def _from_doctor(result: doctor.Result) -> Gap | None:
    return None if result.state == doctor.OK else Gap(result.name, result.detail, result.fix)


def quick_gaps(app: App, config: Config) -> list[Gap]:
    """Goals and model: a database query and a look at the disk."""
    checks: dict[str, Callable[[], Gap | None]] = {GOALS: lambda: goal_gap(app)}
    if MODEL in wanted_checks(config):
        checks[MODEL] = lambda: model_gap(app.paths, config)
    return [gap for _, gap in run_checks(checks) if gap is not None]


def machine_checks(config: Config) -> dict[str, Callable[[], Gap | None]]:
    """The probes of the machine that speech needs (slow: they start PortAudio, espeak-ng)."""
    checks: dict[str, Callable[[], Gap | None]] = {
        TTS: lambda: _from_doctor(doctor.check_tts(config)),
        MICROPHONE: lambda: _from_doctor(doctor.check_device(config, "input")),
        OUTPUT: lambda: _from_doctor(doctor.check_device(config, "output")),
    }
    wanted = wanted_checks(config)
    return {name: check for name, check in checks.items() if name in wanted}


async def notification_gap(timeout: float) -> Gap | None:
    return _from_doctor(await doctor.notifications_result(timeout))


def run_checks(checks: dict[str, Callable[[], Gap | None]]) -> Iterator[tuple[str, Gap | None]]:
    """(check, gap or None) for each check; one that breaks is logged and left out, so
    that it cannot hide the others."""
    for name, check in checks.items():
        try:
            yield name, check()
        except Exception as exc:
            log.warning("Checking the %s failed: %s", name, exc)


def find_gaps(app: App, wait: float = CHILD_SECONDS) -> tuple[list[Gap], tuple[str, ...]]:
    """Everything missing, in CHECKS order, and the checks that did not answer in `wait`
    seconds (the terminal's `init`). The machine is probed in a child process here too:
    PortAudio reads the sound server's settings once, when it is loaded."""
    config = app.config
    answered = probe_machine(app.paths, wait)
    if NOTIFICATIONS in wanted_checks(config):
        answered.update(run_checks({NOTIFICATIONS: _notifications}))
    found = quick_gaps(app, config) + [gap for gap in answered.values() if gap is not None]
    unchecked = tuple(name for name in probed_checks(config) if name not in answered)
    return sorted(found, key=lambda gap: CHECKS.index(gap.name)), unchecked


def probed_checks(config: Config) -> list[str]:
    """The checks that probe the machine (the child's, and the notification server)."""
    wanted = wanted_checks(config)
    return [name for name in (TTS, MICROPHONE, OUTPUT, NOTIFICATIONS) if name in wanted]


def _notifications() -> Gap | None:
    return _from_doctor(doctor.check_notifications())


def child_command() -> list[str]:
    return [sys.executable, "-m", "microalign.app.readiness"]


def child_env(paths: Paths) -> dict[str, str]:
    """The environment of the probing child: it reads the same config and data."""
    from microalign.adapters.paths import CONFIG_ENV, DATA_ENV

    env = dict(os.environ)
    env[CONFIG_ENV] = str(paths.config_file)
    env[DATA_ENV] = str(paths.data_dir)
    return env


def read_row(line: bytes | str) -> tuple[str, Gap | None] | None:
    """One of the child's lines as (check, gap or None); None for anything else."""
    try:
        row = json.loads(line)
        if isinstance(row, dict) and "log" in row:  # what the child logged: a raw error
            log.info("machine check: %s", row["log"])
            return None
        gap = row["gap"]
        return row["check"], None if gap is None else Gap(**gap)
    except (ValueError, KeyError, TypeError):
        return None


def probe_machine(paths: Paths, wait: float) -> dict[str, Gap | None]:
    """The child's answers (rendered in the configured language), waiting up to `wait` s."""
    try:
        done = subprocess.run(
            child_command(),
            env=child_env(paths),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=wait,
        )
        lines = done.stdout.splitlines()
    except subprocess.TimeoutExpired as exc:
        lines = (exc.stdout or b"").splitlines()
    except OSError as exc:
        log.warning("The machine checks could not start: %s", exc)
        return {}
    return dict(row for row in map(read_row, lines) if row is not None)


def wanted_checks(config: Config) -> tuple[str, ...]:
    speech = config.speech.enabled
    notify = config.notifications.enabled
    return tuple(
        name
        for name in CHECKS
        if (speech or name not in SPEECH_CHECKS) and (notify or name != NOTIFICATIONS)
    )


def label(lang: LanguagePack, name: str) -> str:
    key = name.replace(" ", "_")
    return lang.t(f"doctor.check.{key}")


def describe(
    lang: LanguagePack,
    gaps: list[Gap],
    unchecked: tuple[str, ...] = (),
    heading: str = "ready.heading",
) -> list[str]:
    """The gaps as terminal/log lines: a heading, then each problem and its command."""
    lines = [lang.t(heading, count=len(gaps))] if gaps else []
    for gap in gaps:
        lines.append(f"  - {label(lang, gap.name)}: {gap.problem}")
        lines.append(f"      → {gap.fix}")
    if any(gap.name in SPEECH_CHECKS for gap in gaps):
        lines.append(lang.t("ready.typed"))
    if unchecked:
        names = ", ".join(label(lang, name) for name in unchecked)
        lines.append(lang.t("ready.unchecked", names=names))
    return lines


def main() -> None:
    """The child's side: one JSON line per machine check, in the configured language."""
    from microalign import config as configuration
    from microalign.adapters.paths import resolve
    from microalign.i18n import get_pack

    # Libraries may print (ALSA, espeak-ng): only the lines written here are JSON.
    out = sys.stdout
    _log_as_rows(out)
    paths = resolve()
    config = configuration.load(paths.config_file, paths.config_required)
    lang = get_pack(config.general.language)
    for name, gap in run_checks(machine_checks(config)):
        row = {"check": name, "gap": gap.shown(lang).as_dict() if gap else None}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()


class _RowHandler(logging.Handler):
    """The child's log as JSON lines among its answers: the raw words of a failed probe
    ("Error querying device -1") reach the daemon's log, never a message."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(logging.INFO)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out.write(json.dumps({"log": record.getMessage()}, ensure_ascii=False) + "\n")
        self.out.flush()


def _log_as_rows(out: TextIO) -> None:
    logger = logging.getLogger("microalign")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(_RowHandler(out))


if __name__ == "__main__":
    main()
