"""Configuration: TOML validated with pydantic; every problem names file, key and expectation."""

from __future__ import annotations

import errno
import re
import tomllib
from datetime import time
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from microalign.errors import ConfigError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(value: str) -> time:
    match = _TIME.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f'expected a time "HH:MM" from 00:00 to 23:59, got {value!r}')
    return time(int(match[1]), int(match[2]))


def _check_hhmm(value: str) -> str:
    parse_hhmm(value)
    return value


HHMM = Annotated[str, AfterValidator(_check_hhmm)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class General(_Section):
    language: Literal["en", "ko"] = "en"
    values: list[str] = ["honesty", "respect", "compassion", "commitment", "courage"]
    soft_goal_limit: Annotated[int, Field(ge=1, le=5)] = 3
    partly_counts_as_kept: bool = True


class Slot(_Section):
    enabled: bool = True
    time: HHMM
    days: list[Weekday] = list(WEEKDAYS)
    times: dict[Weekday, HHMM] = {}

    def time_on(self, weekday: int) -> time | None:
        """The slot's time on weekday 0=Monday, or None when the slot is off that day."""
        name = WEEKDAYS[weekday]
        if not self.enabled or name not in self.days:
            return None
        return parse_hhmm(self.times.get(name, self.time))


class Schedule(_Section):
    morning: Slot = Slot(time="07:30")
    evening: Slot = Slot(time="21:00")
    grace_minutes: Annotated[int, Field(ge=0, le=24 * 60)] = 120
    snooze_minutes: Annotated[int, Field(ge=1, le=240)] = 15


class Prompts(_Section):
    # Empty: the language pack's own prompts.
    intention: list[str] = []
    extra: list[str] = []
    ask_intention_kept: bool = True
    ask_feeling: bool = True
    ask_extra: bool = True


class Streaks(_Section):
    freeze_days_per_week: Annotated[int, Field(ge=0, le=3)] = 1
    level_up_after_days: Annotated[int, Field(ge=1, le=365)] = 21


class Milestones(_Section):
    streak_days: list[Annotated[int, Field(ge=1)]] = [3, 7, 14, 21, 30, 66, 100, 365]
    total_checkins: list[Annotated[int, Field(ge=1)]] = [10, 50, 100, 365]
    strength: Annotated[float, Field(gt=0, le=1)] = 0.9


class Speech(_Section):
    enabled: bool = True
    model: str = ""  # catalogue name or directory; empty: the language's default
    input_device: str = ""  # empty: the system default
    output_device: str = ""
    voice: str = ""  # empty: the language pack's voice
    rate: Annotated[int, Field(ge=0, le=400)] = 0  # 0: the language pack's rate
    silence_seconds: Annotated[float, Field(ge=0.3, le=5)] = 1.0
    max_answer_seconds: Annotated[float, Field(ge=2, le=300)] = 30
    no_speech_timeout_seconds: Annotated[float, Field(ge=2, le=60)] = 8
    confirm_below_confidence: Annotated[float, Field(ge=0, le=1)] = 0.0
    chime: bool = True


class Audio(_Section):
    keep_days: Annotated[int, Field(ge=0)] = 0  # 0: keep forever


class Notifications(_Section):
    enabled: bool = True


class Presence(_Section):
    enabled: bool = True
    idle_source: Literal["logind", "none"] = "logind"


class Config(_Section):
    general: General = General()
    schedule: Schedule = Schedule()
    prompts: Prompts = Prompts()
    streaks: Streaks = Streaks()
    milestones: Milestones = Milestones()
    speech: Speech = Speech()
    audio: Audio = Audio()
    notifications: Notifications = Notifications()
    presence: Presence = Presence()


DEFAULT = Config()


def _describe(error: dict) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{key}: unknown key; remove it or check its spelling"
    if kind == "missing":
        return f"{key}: required key is missing"
    message = error["msg"].removeprefix("Value error, ")
    got = error.get("input")
    if kind != "value_error" and not isinstance(got, dict):
        message = f"{message}, got {got!r}"
    return f"{key}: {message}"


def validate(data: dict, source: Path | str) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, [_describe(e) for e in exc.errors()]) from None


def load(path: Path, required: bool = False) -> Config:
    """Read and validate `path`; a missing file means the defaults, unless it is `required`
    (named by --config or MICROALIGN_CONFIG: a typo there must not go unnoticed)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if not required:
            return DEFAULT
        raise ConfigError(
            path,
            ["the file does not exist"],
            f"Create it with `microalign --config {path} init`, or leave out --config and "
            "MICROALIGN_CONFIG to use the default location.",
        ) from None
    except OSError as exc:
        raise ConfigError(
            path, [f"cannot read the file: {exc.strerror}"], _unreadable_hint(exc, path)
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, ["the file is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"not valid TOML: {exc}"]) from None
    return validate(data, path)


def _unreadable_hint(exc: OSError, path: Path) -> str | None:
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder: give the config file itself, or move the folder away."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"Make it readable for you: chmod 600 {path} (it should belong to you)."
    if exc.errno == errno.ENOTDIR:
        return f"A part of {path} is a file, not a folder: correct the path."
    return None


def default_text() -> str:
    """The commented default configuration shipped in config/microalign.toml."""
    from importlib.resources import files

    return files("microalign").joinpath("data/microalign.toml").read_text(encoding="utf-8")
