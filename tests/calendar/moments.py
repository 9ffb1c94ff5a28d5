"""The moments the calendar sweep visits, and what the default schedule says about each.

The expectations here are worked out from first principles (instants from the zone
database, plain arithmetic), not with the code under test, so the sweep can tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BERLIN, NEW_YORK, SYDNEY = "Europe/Berlin", "America/New_York", "Australia/Sydney"

# The default config (config/microalign.toml): local times per check-in, weekdays Monday=0.
DEFAULT_TIMES = {"morning": time(7, 30), "evening": time(21, 0), "weekly": time(21, 30)}
DEFAULT_DAYS = {"morning": range(7), "evening": range(7), "weekly": (6,)}
GRACE = timedelta(minutes=120)


@dataclass(frozen=True)
class Moment:
    wall: datetime  # naive, local in `zone`
    zone: str
    why: str

    @property
    def id(self) -> str:
        return f"{self.wall:%a-%Y-%m-%d-%H%M}-{self.zone.split('/')[-1]}"

    @property
    def aware(self) -> datetime:
        return self.wall.replace(tzinfo=ZoneInfo(self.zone))

    @property
    def day(self) -> date:
        return self.wall.date()


def _instant(day: date, at: time, zone: str) -> datetime:
    # A wall time skipped by a spring-forward counts from the offset before the gap, so it
    # lands the length of the gap later (SPEC: the same distance after the gap).
    return datetime.combine(day, at).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def expected_due(moment: Moment, done: set[tuple[date, str]] = frozenset()) -> dict:
    """{(day, name): "run" | "missed"} for yesterday's and today's default check-ins at
    `moment`: due within the grace window, missed after it, absent before their time."""
    now = moment.aware.astimezone(UTC)
    found = {}
    for day in (moment.day - timedelta(days=1), moment.day):
        for name, at in DEFAULT_TIMES.items():
            if day.weekday() not in DEFAULT_DAYS[name] or (day, name) in done:
                continue
            late = now - _instant(day, at, moment.zone)
            if late >= timedelta(0):
                found[(day, name)] = "run" if late <= GRACE else "missed"
    return found


def _week_moments() -> list[Moment]:
    """Every weekday of an ordinary week, at the edges of the day and of each default
    check-in."""
    monday = date(2027, 1, 11)
    clock = ["00:05", "07:29", "07:31", "12:00", "20:59", "21:01", "21:29", "21:31", "23:59"]
    return [
        Moment(datetime.combine(monday + timedelta(days=n), time.fromisoformat(at)), BERLIN, "week")
        for n in range(7)
        for at in clock
    ]


# Clock changes: spring forward (an hour missing) and fall back (an hour twice).
DST_DAYS = [
    (date(2027, 3, 28), BERLIN),
    (date(2027, 10, 31), BERLIN),
    (date(2027, 3, 14), NEW_YORK),
    (date(2027, 11, 7), NEW_YORK),
    (date(2027, 4, 4), SYDNEY),
    (date(2027, 10, 3), SYDNEY),
]
# 01:50 and 02:50: a snooze of twenty minutes crosses the change.
DST_TIMES = ["00:05", "01:50", "02:50", "03:30", "07:29", "07:31", "21:01", "23:59"]

EDGES = [
    (datetime(2026, 12, 31, 23, 59), "year end"),
    (datetime(2027, 1, 1, 0, 5), "new year"),
    (datetime(2027, 4, 30, 23, 59), "month end"),
    (datetime(2027, 5, 1, 0, 5), "month start"),
    (datetime(2028, 2, 28, 23, 59), "before a leap day"),
    (datetime(2028, 2, 29, 12, 0), "leap day"),
    (datetime(2028, 2, 29, 23, 59), "leap day's end"),
    (datetime(2028, 3, 1, 0, 5), "after a leap day"),
]


def exists(wall: datetime, zone: str) -> bool:
    """False for a wall time a spring-forward skips."""
    there = wall.replace(tzinfo=ZoneInfo(zone))
    return there.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) == wall


def moments() -> list[Moment]:
    found = _week_moments()
    found += [
        Moment(wall, zone, "clock change")
        for day, zone in DST_DAYS
        for at in DST_TIMES
        if exists(wall := datetime.combine(day, time.fromisoformat(at)), zone)
    ]
    found += [Moment(wall, BERLIN, why) for wall, why in EDGES]
    return found


MOMENTS = moments()
