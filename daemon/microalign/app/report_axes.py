"""Where the charts' words go: month and year labels under a time axis, in as many rows as
they need so that none is dropped, and the 90 % label beside the strength line, never on it.

The page is drawn by a browser we do not control, so text sizes are estimated from the
characters, on the wide side: DejaVu Sans (the usual Linux sans-serif, and a wide one) and
Korean fonts stay within these widths, bold included.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

Point = tuple[float, float]

_WIDE_LATIN = frozenset("%@mwMW")
_NARROW = frozenset(" .,:;!|'ijlIft()[]")
ASCENT, DESCENT = 0.95, 0.3  # of the font size, above and below the baseline


def text_width(text: str, size: float) -> float:
    """A width `text` set at `size` px does not exceed."""
    total = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F") or char in _WIDE_LATIN:
            total += 1.0
        elif char in _NARROW:
            total += 0.45
        elif char.isupper():
            total += 0.85
        else:
            total += 0.75
    return total * size


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)


def text_box(x: float, baseline: float, text: str, size: float, anchor: str = "start") -> Box:
    width = text_width(text, size)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, baseline - ASCENT * size, left + width, baseline + DESCENT * size)


@dataclass(frozen=True)
class Placed:
    x: float
    baseline: float
    text: str
    anchor: str = "start"


def axis_rows(
    marks: Sequence[tuple[float, str]], first_baseline: float, size: float
) -> list[Placed]:
    """Each mark's text starting just after its x (where its tick is), in the first row where
    it clears the text before it: every text stays at its own tick."""
    gap, pitch = size * 0.4, size * 1.3
    ends: list[float] = []  # per row, where its last text ends
    placed = []
    for x, text in marks:
        left = x + 1.5
        row = next((r for r, end in enumerate(ends) if left >= end + gap), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = left + text_width(text, size)
        placed.append(Placed(left, first_baseline + row * pitch, text))
    return placed


def rows_bottom(placed: Sequence[Placed], size: float) -> float:
    """The lowest point the placed texts reach."""
    return max((p.baseline + DESCENT * size for p in placed), default=0.0)


def rows_right(placed: Sequence[Placed], size: float) -> float:
    """The rightmost point the placed texts reach."""
    return max((p.x + text_width(p.text, size) for p in placed), default=0.0)


def target_label(
    line: Sequence[Point], target_y: float, text: str, size: float, left: float, right: float
) -> Placed | None:
    """Where the target line's label goes: just above or below that line, at its right end,
    its left end or in between, wherever it keeps clear of the strength `line`; None when
    the line leaves no such place."""
    clearance = 3.0  # half the line's stroke and the halo around the letters, and a little
    width = text_width(text, size)
    above, below = target_y - DESCENT * size - 2, target_y + ASCENT * size + 2
    step = max(8.0, (right - left - width) / 12)
    starts = [right - width, left + 4]
    at = right - width - step
    while at > left + 4:
        starts.append(at)
        at -= step
    for start in starts:
        for baseline in (above, below):
            box = text_box(start, baseline, text, size).grown(clearance)
            if not any(_crosses(box, a, b) for a, b in pairwise(line)):
                return Placed(start, baseline, text)
    return None


def _crosses(box: Box, a: Point, b: Point) -> bool:
    """Whether the segment from a to b passes through `box` (Liang and Barsky's clipping)."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x1 - box.left),
        (dx, box.right - x1),
        (-dy, y1 - box.top),
        (dy, box.bottom - y1),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True
