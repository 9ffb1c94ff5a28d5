"""The wall clock and the local time zone, re-read on every call so that a time-zone change
(timedatectl set-timezone, travelling) is noticed without a restart. Tests shift it."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from microalign.i18n import Keyed

log = logging.getLogger(__name__)

LOCALTIME = Path("/etc/localtime")
ZONEINFO = "/usr/share/zoneinfo"
# A POSIX rule such as "CET-1CEST,M3.5.0,M10.5.0/3" or "UTC0": a name, then an offset.
_POSIX_RULE = re.compile(r"^(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)[+-]?\d")
# Names the C library turns into UTC even without a zone file: UTC is what they mean.
_UTC_NAMES = frozenset({"UTC", "UCT", "GMT", "Universal", "Zulu", "Etc/UTC", "Etc/GMT"})


def tz_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """What is wrong with $TZ, or None. The C library takes an unknown TZ for UTC without a
    word, so the day and the check-in times would silently be wrong."""
    environ = os.environ if environ is None else environ
    raw = environ.get("TZ", "")
    name = raw.removeprefix(":")
    if not name or name in _UTC_NAMES:
        return None  # unset or empty: /etc/localtime or UTC, as the C library does
    if _known_zone(name, environ) or (not raw.startswith(":") and _POSIX_RULE.match(name)):
        return None
    return Keyed("tz.unknown", tz=repr(raw))


def _known_zone(name: str, environ: Mapping[str, str]) -> bool:
    """A zone file, by path or by name under $TZDIR, as the C library looks for it."""
    if name.startswith("/"):
        return _is_zone_file(Path(name))
    if ".." in name.split("/"):
        return False
    return _is_zone_file(Path(environ.get("TZDIR") or ZONEINFO, name))


def _is_zone_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"TZif"
    except OSError:
        return False


def check_tz() -> None:
    """Refuse to work out "today" (or a check-in time) from an unknown time zone."""
    problem = tz_problem()
    if problem:
        from microalign.errors import ConfigError

        error = ConfigError("the TZ environment variable", [problem], Keyed("hint.tz_unknown"))
        # The config was read: the message can be shown in its language.
        error.key, error.fields = "tz_unknown", {"problem": problem}
        raise error


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

    def from_real(self, moment: datetime) -> datetime:
        """What the shifted clock shows at the real instant `moment` (a time another
        process wrote)."""
        return moment.astimezone(UTC) + self.offset
