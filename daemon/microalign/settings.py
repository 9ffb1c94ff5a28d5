"""The fast, read-only settings that commands read: derived from the validated config
(`Settings.from_config`), or read back from their cache (`adapters.settings`), so a read
command needs neither pydantic nor a second validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microalign.config import Config


@dataclass(frozen=True)
class GeneralSettings:
    language: str
    values: tuple[str, ...]
    soft_goal_limit: int
    partly_counts_as_kept: bool


@dataclass(frozen=True)
class StreakSettings:
    freeze_days_per_week: int


@dataclass(frozen=True)
class CheckinSettings:
    flow: str
    times: tuple[str | None, ...]  # "HH:MM" per weekday (Monday first), None: off that day

    def time_on(self, weekday: int) -> time | None:
        """The check-in's time on weekday 0=Monday, or None when it is off that day."""
        found = self.times[weekday]
        return None if found is None else time.fromisoformat(found)


@dataclass(frozen=True)
class Settings:
    general: GeneralSettings
    streaks: StreakSettings
    checkins: dict[str, CheckinSettings]
    grace_minutes: int  # how late a check-in may still start (schedule.grace_minutes)

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        g = config.general
        return cls(
            GeneralSettings(
                g.language, tuple(g.values), g.soft_goal_limit, g.partly_counts_as_kept
            ),
            StreakSettings(config.streaks.freeze_days_per_week),
            {
                name: CheckinSettings(c.flow, tuple(_hhmm(c.time_on(day)) for day in range(7)))
                for name, c in config.checkins.items()
            },
            config.schedule.grace_minutes,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        g = data["general"]
        return cls(
            GeneralSettings(
                g["language"], tuple(g["values"]), g["soft_goal_limit"], g["partly_counts_as_kept"]
            ),
            StreakSettings(**data["streaks"]),
            {
                name: CheckinSettings(c["flow"], tuple(c["times"]))
                for name, c in data["checkins"].items()
            },
            data["grace_minutes"],
        )


def _hhmm(value: time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")
