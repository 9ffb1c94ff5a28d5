"""The wall clock and the local time zone, re-read on every call so that a time-zone change
(timedatectl set-timezone, travelling) is noticed without a restart. Tests shift it."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

LOCALTIME = Path("/etc/localtime")


def local_zone(localtime: Path = LOCALTIME) -> tzinfo:
    """$TZ, else /etc/localtime (a symlink into the zoneinfo database, or a zone file);
    a DST-aware ZoneInfo, never a fixed offset, so DST changes are followed."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("TZ=%r is not a known time zone; using /etc/localtime", name)
    try:
        target = os.readlink(localtime)
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    try:
        with localtime.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        return UTC


@dataclass
class Clock:
    # Tests run the real clock shifted to a chosen wall time; timers still run in real time.
    offset: timedelta = field(default_factory=timedelta)
    zone_name: str | None = None

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def zone(self) -> tzinfo:
        return ZoneInfo(self.zone_name) if self.zone_name else local_zone()

    def to_real(self, moment: datetime) -> datetime:
        """The real instant at which the shifted clock shows `moment` (for timers)."""
        return moment.astimezone(UTC) - self.offset
