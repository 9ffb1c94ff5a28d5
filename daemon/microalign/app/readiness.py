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
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

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
        models.locate(config.speech.model, language, paths.models_dir, models.load_catalogue())
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


def find_gaps(app: App) -> list[Gap]:
    """Everything missing, in CHECKS order (the terminal's `init`)."""
    config = app.config
    checks = dict(machine_checks(config))
    if NOTIFICATIONS in wanted_checks(config):
        checks[NOTIFICATIONS] = lambda: _from_doctor(doctor.check_notifications())
    found = quick_gaps(app, config) + [gap for _, gap in run_checks(checks) if gap is not None]
    return sorted(found, key=lambda gap: CHECKS.index(gap.name))


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
    paths = resolve()
    config = configuration.load(paths.config_file, paths.config_required)
    lang = get_pack(config.general.language)
    for name, gap in run_checks(machine_checks(config)):
        row = {"check": name, "gap": gap.shown(lang).as_dict() if gap else None}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
