"""Configuration: TOML validated with pydantic; every problem names file, key and expectation."""

from __future__ import annotations

import errno
import logging
import re
import tomllib
from datetime import time
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from microalign.core import schedule as scheduling
from microalign.errors import ConfigError
from microalign.i18n import Keyed

log = logging.getLogger(__name__)

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ClockTime = time  # the field `Timing.time` hides the type inside the class
Flow = Literal["morning", "evening", "weekly"]
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# The check-ins every config has unless it changes or turns them off ([checkins.NAME]).
DEFAULT_CHECKINS: dict[str, dict] = {
    "morning": {"flow": "morning", "time": "07:30"},
    "evening": {"flow": "evening", "time": "21:00"},
    # After the evening review, so a Sunday's answers count in the week it reads out.
    "weekly": {"flow": "weekly", "time": "21:30", "days": ["sun"]},
}
LEGACY_CHECKINS = ("morning", "evening")  # [schedule.morning] / [schedule.evening]


def parse_hhmm(value: str) -> time:
    match = _TIME.match(value) if isinstance(value, str) else None
    if not match:
        raise PydanticCustomError(
            "time_format",
            'expected a time "HH:MM" from 00:00 to 23:59, got {got}',
            {"got": repr(value)},
        )
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


class Timing(_Section):
    enabled: bool = True
    time: HHMM
    days: list[Weekday] = list(WEEKDAYS)
    times: dict[Weekday, HHMM] = {}

    def time_on(self, weekday: int) -> ClockTime | None:
        """The time on weekday 0=Monday, or None when the check-in is off that day."""
        name = WEEKDAYS[weekday]
        if not self.enabled or name not in self.days:
            return None
        return parse_hhmm(self.times.get(name, self.time))


def is_checkin_name(name: str) -> bool:
    """Whether [checkins.NAME] may use `name`."""
    return _NAME.match(name) is not None


def _check_name(name: str) -> str:
    if not is_checkin_name(name):
        raise PydanticCustomError(
            "checkin_name",
            "check-in name {got} is not allowed: use 1 to 32 lower-case letters, digits, "
            '"-" or "_", starting with a letter (e.g. [checkins.lunch])',
            {"got": repr(name)},
        )
    return name


CheckinName = Annotated[str, AfterValidator(_check_name)]


class Checkin(Timing):
    """A named check-in ([checkins.NAME]): which dialogue it runs, and when."""

    flow: Flow


def _default_checkins() -> dict[str, Checkin]:
    return {name: Checkin(**fields) for name, fields in DEFAULT_CHECKINS.items()}


class Schedule(_Section):
    # The old form of [checkins.morning] / [checkins.evening]; moved there on load.
    morning: Timing | None = None
    evening: Timing | None = None
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
    # Which recogniser: "auto" Vosk where a Vosk model of the language is installed, else
    # Whisper where one is; "vosk" / "whisper" only that one.
    engine: Literal["auto", "vosk", "whisper"] = "auto"
    input_device: str = ""  # empty: the system default
    output_device: str = ""
    voice: str = ""  # empty: the language pack's voice
    rate: Annotated[int, Field(ge=0, le=400)] = 0  # 0: the language pack's rate
    silence_seconds: Annotated[float, Field(ge=0.3, le=5)] = 1.0  # ends a free answer
    # ends a yes/no/partly/skip answer (or a command): one or two words, a shorter pause
    choice_silence_seconds: Annotated[float, Field(ge=0.2, le=5)] = 0.5
    max_answer_seconds: Annotated[float, Field(ge=2, le=300)] = 30
    no_speech_timeout_seconds: Annotated[float, Field(ge=2, le=60)] = 8
    confirm_below_confidence: Annotated[float, Field(ge=0, le=1)] = 0.0
    chime: bool = True


class Audio(_Section):
    keep_days: Annotated[int, Field(ge=0)] = 0  # 0: keep forever


class Backup(_Section):
    """The daemon's own backups (`microalign backup --scheduled`)."""

    enabled: bool = False
    folder: str = ""  # empty: microalign-backups beside the data folder
    every_days: Annotated[int, Field(ge=1, le=365)] = 7
    keep: Annotated[int, Field(ge=1, le=1000)] = 4


class Notifications(_Section):
    enabled: bool = True


class Presence(_Section):
    enabled: bool = True
    idle_source: Literal["logind", "none"] = "logind"


class Config(_Section):
    general: General = General()
    schedule: Schedule = Schedule()
    checkins: dict[CheckinName, Checkin] = Field(default_factory=_default_checkins)
    prompts: Prompts = Prompts()
    streaks: Streaks = Streaks()
    milestones: Milestones = Milestones()
    speech: Speech = Speech()
    audio: Audio = Audio()
    backup: Backup = Backup()
    notifications: Notifications = Notifications()
    presence: Presence = Presence()

    @field_validator("checkins", mode="before")
    @classmethod
    def _over_defaults(cls, given: object) -> object:
        """A [checkins.NAME] of a default check-in changes only the keys it names."""
        if not isinstance(given, dict):
            return given
        merged: dict[str, object] = {k: dict(v) for k, v in DEFAULT_CHECKINS.items()}
        for name, fields in given.items():
            base = merged.get(name)
            merged[name] = (
                base | fields if isinstance(base, dict) and isinstance(fields, dict) else fields
            )
        return merged

    def plan(self) -> scheduling.Plan:
        """The check-ins as plain data for the scheduler."""
        return scheduling.Plan(
            tuple(
                scheduling.CheckinTimes(name, tuple(c.time_on(day) for day in range(7)))
                for name, c in self.checkins.items()
            ),
            self.schedule.grace_minutes,
        )

    def flow_of(self, name: str) -> str | None:
        """The flow of the check-in `name`, or None when the config has no such check-in."""
        found = self.checkins.get(name)
        return found.flow if found is not None else None


DEFAULT = Config()


# pydantic's error types, and the key of the text that says each in the user's language
# (i18n: "config.problem.<kind>"); the others keep pydantic's English words.
_KINDS = {
    "extra_forbidden": "unknown_key",
    "missing": "missing",
    "time_format": "time_format",
    "checkin_name": "checkin_name",
    "literal_error": "one_of",
    "enum": "one_of",
    "int_parsing": "integer",
    "int_type": "integer",
    "int_from_float": "integer",
    "bool_parsing": "boolean",
    "bool_type": "boolean",
    "string_type": "text",
    "list_type": "list",
    "dict_type": "table",
    "model_type": "table",
    "greater_than_equal": "at_least",
    "less_than_equal": "at_most",
}
_LIMITS = {"greater_than_equal": "ge", "less_than_equal": "le"}


def _describe(error: ErrorDetails) -> Keyed:
    key = ".".join(str(part) for part in error["loc"] if part != "[key]") or "(top level)"
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing" and key.startswith("checkins.") and key.endswith(".flow"):
        return Keyed("config.problem.missing_flow", key=key)
    said = _KINDS.get(kind)
    if said is None:  # a rule without a text of its own: pydantic's words, with the input
        got = error.get("input")
        shown = "" if isinstance(got, dict) else f", got {got!r}"
        return Keyed("config.problem.other", key=key, message=error["msg"], got=shown)
    fields = {"key": key, "got": ctx.get("got", repr(error.get("input")))}
    if kind in _LIMITS:
        fields["limit"] = ctx.get(_LIMITS[kind])
    if said == "one_of":
        fields["expected"] = _one_of(re.findall(r"'[^']*'", str(ctx.get("expected", ""))))
    return Keyed(f"config.problem.{said}", **fields)


def _one_of(choices: list[str]) -> str:
    """ "'a', 'b' or 'c'" in whichever language shows it."""
    if len(choices) < 2:
        return "".join(choices)
    return Keyed("list.or", first=", ".join(choices[:-1]), rest=choices[-1])


def validate(data: dict, source: Path | str) -> Config:
    try:
        found = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, [_describe(e) for e in exc.errors()]) from None
    return _adopt_legacy(found, data, source)


def _adopt_legacy(found: Config, data: dict, source: Path | str) -> Config:
    """Move [schedule.morning] / [schedule.evening] (the old form) to [checkins.*]."""
    given: dict = data["checkins"] if isinstance(data.get("checkins"), dict) else {}
    moved = dict(found.checkins)
    problems = []
    for name in LEGACY_CHECKINS:
        timing = getattr(found.schedule, name)
        if timing is None:
            continue
        if name in given:
            problems.append(Keyed("config.problem.legacy_twice", name=name))
            continue
        moved[name] = Checkin(flow=moved[name].flow, **timing.model_dump())
        log.info(
            "%s: [schedule.%s] is the old name of [checkins.%s]; rename the section to "
            "[checkins.%s] (its keys stay the same)",
            source,
            name,
            name,
            name,
        )
    if problems:
        raise ConfigError(source, problems)
    if all(getattr(found.schedule, name) is None for name in LEGACY_CHECKINS):
        return found
    schedule = found.schedule.model_copy(update={"morning": None, "evening": None})
    return found.model_copy(update={"checkins": moved, "schedule": schedule})


def load(path: Path, required: bool = False) -> Config:
    """Read and validate `path`; a missing file means the defaults, unless it is `required`
    (named by --config or MICROALIGN_CONFIG: a typo there must not go unnoticed)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if not required:
            return DEFAULT
        no_file = Keyed("config.problem.no_file")
        raise ConfigError(path, [no_file], Keyed("config.hint.no_file", path=path)) from None
    except OSError as exc:
        problem = Keyed("config.problem.unreadable", error=exc.strerror or str(exc))
        raise ConfigError(path, [problem], _unreadable_hint(exc, path)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, [Keyed("config.problem.not_utf8")]) from None
    except tomllib.TOMLDecodeError as exc:
        log.info("%s: %s", path, exc)
        raise ConfigError(path, [_toml_problem(exc, raw)]) from None
    return validate(data, path)


def language_named(path: Path) -> str | None:
    """The general.language of a config file that may be invalid otherwise (its problems
    are then told in that language), or None."""
    try:
        found = tomllib.loads(path.read_text(encoding="utf-8")).get("general", {})
        language = found.get("language") if isinstance(found, dict) else None
    except (OSError, ValueError):
        return None
    return language if isinstance(language, str) else None


# The start of tomllib's words for a slip -> its kind, told in every language.
_TOML_SLIPS = (
    ("Invalid value", "value"),
    ("Invalid date", "value"),
    ("Invalid hex", "value"),
    ("Expected '=' after", "equals"),
    ("Expected newline", "newline"),
    ("Expected ']", "unclosed"),
    ("Unclosed", "unclosed"),
    ("Unterminated string", "string"),
    ("Unescaped", "string"),
    ("Escaped character", "string"),
    ("Cannot overwrite", "twice"),
    ("Cannot declare", "twice"),
    ("Cannot redefine", "twice"),
    ("Cannot mutate", "twice"),
    ("Duplicate", "twice"),
    ("Illegal character", "character"),
    ("Found invalid character", "character"),
    ("Invalid initial character", "character"),
    ("Invalid statement", "statement"),
)


def _toml_problem(exc: tomllib.TOMLDecodeError, raw: bytes) -> Keyed:
    """tomllib says what and where in English words ("Invalid value (at line 3, column
    9)"): the place is shown in every language, the slip by its kind."""
    message = str(exc)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if found:
        line, column = found.groups()
    else:  # "(at end of document)": where the text ends
        lines = raw.decode("utf-8").split("\n")
        line, column = str(len(lines)), str(len(lines[-1]) + 1)
    kind = next((kind for start, kind in _TOML_SLIPS if message.startswith(start)), "other")
    return Keyed("config.problem.toml", what=Keyed(f"config.toml.{kind}"), line=line, column=column)


def _unreadable_hint(exc: OSError, path: Path) -> Keyed | None:
    if exc.errno == errno.EISDIR:
        return Keyed("config.hint.is_folder", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Keyed("config.hint.permission", path=path)
    if exc.errno == errno.ENOTDIR:
        return Keyed("config.hint.not_dir", path=path)
    return None


def default_text() -> str:
    """The commented default configuration shipped in config/microalign.toml."""
    from importlib.resources import files

    return files("microalign").joinpath("data/microalign.toml").read_text(encoding="utf-8")
