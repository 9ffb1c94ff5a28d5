"""Where today's check-ins stand for `status`: one that has not run is still to come, open
(its time has passed, inside the grace window the daemon still starts it in) or missed.
A moment is passed in, so any time of day can be asked about."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from microalign.core import schedule

UPCOMING = "upcoming"
OPEN = "open"
MISSED = "missed"
_STATE = {
    schedule.Decision.WAIT: UPCOMING,
    schedule.Decision.RUN: OPEN,
    schedule.Decision.MISSED: MISSED,
}


@dataclass(frozen=True)
class Due:
    at: str  # its time today, "HH:MM"
    until: str  # the end of its grace window, "HH:MM" (local)
    state: str  # UPCOMING, OPEN or MISSED

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def due(day: date, at: time, grace_minutes: int, now: datetime, zone: tzinfo) -> Due:
    """How a check-in due at `at` on `day` (local, in `zone`) stands at `now`."""
    start = schedule.local_instant(day, at, zone)
    grace = timedelta(minutes=grace_minutes)
    state = _STATE[schedule.classify(now, start, grace)]
    until = (start + grace).astimezone(zone).strftime("%H:%M")
    return Due(at.strftime("%H:%M"), until, state)
