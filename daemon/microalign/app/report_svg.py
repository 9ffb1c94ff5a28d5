"""The report's charts as inline SVG: month calendars, strength over time, value bars.

Colours come from CSS classes (report_style.py), so one drawing serves light and dark;
every day state also has its own shape, so no state is told apart by colour alone.
Texts passed in are already escaped or come from the language pack.
"""

from __future__ import annotations

import calendar as cal
import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from microalign.app.report_axes import (
    ASCENT,
    DESCENT,
    axis_rows,
    rows_bottom,
    rows_right,
    target_label,
    text_width,
)
from microalign.core.safetext import for_html
from microalign.i18n import LanguagePack

STATES = ("kept", "partly", "frozen", "missed", "rest", "pending", "none")
CELL = 13  # a day's square; PITCH leaves a gap between squares
PITCH = 16
# Charts are drawn in a WIDTH x HEIGHT box and scaled by CSS to the space they get.
WIDTH, HEIGHT = 360, 140
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 8, 22
AXIS_SIZE, TARGET_SIZE = 11, 10  # px, as report_style.py sets them
Mark = tuple[float, date, str]  # where a month starts on the time axis, its day, its text


def day_mark(state: str, x: float, y: float, size: int = CELL) -> str:
    """One day: a shape per state (filled, half, striped, ringed, dashed, empty)."""
    box = f'x="{x}" y="{y}" width="{size}" height="{size}" rx="2"'
    mid_x, mid_y, end_x, end_y = x + size / 2, y + size / 2, x + size, y + size
    if state == "kept":
        return f'<rect class="kept" {box}/>'
    if state == "partly":
        half = f'<path class="partly" d="M{x} {end_y}L{end_x} {end_y}L{end_x} {y}Z"/>'
        return f'<rect class="partly-edge" {box}/>{half}'
    if state == "frozen":
        cross = f"M{x + 2} {mid_y}H{end_x - 2}M{mid_x} {y + 2}V{end_y - 2}"
        return f'<rect class="frozen" {box}/><path class="frozen-line" d="{cross}"/>'
    if state == "missed":
        dot = f'<circle class="missed-dot" cx="{mid_x}" cy="{mid_y}" r="{size / 7:.1f}"/>'
        return f'<rect class="missed" {box}/>{dot}'
    if state in ("rest", "pending"):
        return f'<rect class="{state}" {box}/>'
    return f'<rect class="none" {box}/>'


def swatch(state: str) -> str:
    """A day's shape on its own, for the legend."""
    mark = day_mark(state, 0, 0)
    return f'<svg class="swatch" viewBox="-1 -1 15 15" aria-hidden="true">{mark}</svg>'


def month_calendar(
    lang: LanguagePack, year: int, month: int, states: dict[date, str], today: date
) -> str:
    """A month as a wall calendar: weekday columns (Monday first), one row per week."""
    weeks = cal.Calendar().monthdatescalendar(year, month)
    initials = lang.t("report.weekday_initials").split()
    head = "".join(
        f'<text class="axis" x="{d * PITCH + CELL / 2}" y="9" text-anchor="middle">{name}</text>'
        for d, name in enumerate(initials)
    )
    marks = []
    for row, week in enumerate(weeks):
        for col, day in enumerate(week):
            if day.month != month or day > today:
                continue
            state = states.get(day, "none")
            mark = day_mark(state, col * PITCH, 14 + row * PITCH)
            marks.append(f"<g><title>{_day_title(lang, day, state)}</title>{mark}</g>")
    height = 14 + len(weeks) * PITCH
    name = lang.t("report.month_title", month=lang.months[month - 1], year=year)
    return (
        f'<figure class="month"><figcaption>{name}</figcaption>'
        f'<svg role="img" aria-label="{lang.t("report.calendar_label")}" '
        f'viewBox="-1 -1 {7 * PITCH} {height + 1}">{head}{"".join(marks)}</svg></figure>'
    )


def _day_title(lang: LanguagePack, day: date, state: str) -> str:
    key = f"report.state.{state}"
    shown = lang.t(key) if lang.has(key) else for_html(state)
    return f"{day.isoformat()}: {shown}"


def calendars(
    lang: LanguagePack, states: dict[date, str], first: date, last: date, today: date
) -> list[str]:
    """A calendar for each month from `first`'s to `last`'s."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(month_calendar(lang, year, month, states, today))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _y(share: float) -> float:
    return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM)


def _percent_axis(lang: LanguagePack, marks: Sequence[float] = (0, 0.5, 1)) -> str:
    parts = []
    for share in marks:
        y = _y(share)
        label = lang.t("report.percent", value=round(share * 100))
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{LEFT - 4}" y="{y + 3.5:.1f}" text-anchor="end">{label}</text>'
        )
    return "".join(parts)


def _month_marks(lang: LanguagePack, since: date, until: date, x_of: Any) -> list[Mark]:
    """The first day shown, then the first day of each month."""
    names = lang.t("report.months_short").split()
    marks = []
    if since.day != 1:
        start = lang.t("report.day_short", day=since.day, month=names[since.month - 1])
        marks.append((x_of(since), since, start))
    day = date(since.year, since.month, 1)
    while day <= until:
        if day >= since:
            marks.append((x_of(day), day, names[day.month - 1]))
        day = (day + timedelta(days=32)).replace(day=1)
    return marks


def _time_axis(marks: list[Mark]) -> tuple[str, float, int]:
    """A tick where each month starts with its name beside it, then the year under the first
    month and under each January; texts that would touch go to another row, none is left
    out. Returns the drawing, its lowest point and the width the whole chart needs (a
    month starting at the right edge keeps its name there, past the usual width)."""
    base = _y(0)
    ticks = "".join(
        f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{base:.1f}" y2="{base + 4:.1f}"/>'
        for x, _, _ in marks
    )
    months = axis_rows([(x, text) for x, _, text in marks], base + 14, AXIS_SIZE)
    changes = [
        (x, str(day.year))
        for i, (x, day, _) in enumerate(marks)
        if i == 0 or day.year != marks[i - 1][1].year
    ]
    below = rows_bottom(months, AXIS_SIZE) + ASCENT * AXIS_SIZE + 2
    years = axis_rows(changes, below, AXIS_SIZE)
    texts = "".join(
        f'<text class="axis{" year" if i >= len(months) else ""}" x="{p.x:.1f}" '
        f'y="{p.baseline:.1f}">{p.text}</text>'
        for i, p in enumerate([*months, *years])
    )
    width = max(WIDTH, math.ceil(rows_right([*months, *years], AXIS_SIZE) + 1))
    return ticks + texts, max(rows_bottom(years, AXIS_SIZE), base), width


def strength_chart(lang: LanguagePack, series: list[tuple[date, float]]) -> str:
    """Strength from 0 to 100 % over the days of `series`, with the 90 % line."""
    if len(series) < 2:
        return f"<p class='note'>{lang.t('report.no_chart')}</p>"
    since, until = series[0][0], series[-1][0]
    span = max(1, (until - since).days)

    def x_of(day: date) -> float:
        return LEFT + (day - since).days / span * (WIDTH - LEFT - RIGHT)

    line = [(round(x_of(d), 1), round(_y(v), 1)) for d, v in series]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in line)
    first, last = line[0][0], line[-1][0]
    area = f"M{first:.1f},{_y(0):.1f} L{points} L{last:.1f},{_y(0):.1f}Z"
    target = _y(0.9)
    label, top = _target_label(lang.t("report.target", value=90), line, target)
    axis, bottom, width = _time_axis(_month_marks(lang, since, until, x_of))
    top, height = math.floor(top), math.ceil(max(HEIGHT, bottom + 3))
    return (
        f'<svg class="chart" role="img" aria-label="{lang.t("report.strength_label")}" '
        f'viewBox="0 {top} {width} {height - top}">{_percent_axis(lang)}'
        f'<path class="area" d="{area}"/><polyline class="line" points="{points}"/>'
        f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{target:.1f}" '
        f'y2="{target:.1f}"/>{label}{axis}</svg>'
    )


def _target_label(text: str, line: list[tuple[float, float]], target: float) -> tuple[str, float]:
    """The target line's label beside it where the strength line leaves room; else, above the
    chart, as a key with a piece of the dashed line. Returns it and the drawing's top."""
    found = target_label(line, target, text, TARGET_SIZE, LEFT, WIDTH - RIGHT)
    if found is not None:
        where = f'x="{found.x:.1f}" y="{found.baseline:.1f}"'
        return f'<text class="target-label" {where}>{text}</text>', 0
    baseline = -TARGET_SIZE * DESCENT - 3
    start = WIDTH - RIGHT - text_width(text, TARGET_SIZE)
    mid = baseline - TARGET_SIZE * 0.35
    key = (
        f'<line class="target-key" x1="{start - 22:.1f}" x2="{start - 4:.1f}" y1="{mid:.1f}" '
        f'y2="{mid:.1f}"/><text class="target-label" x="{start:.1f}" y="{baseline:.1f}">'
        f"{text}</text>"
    )
    return key, baseline - TARGET_SIZE * ASCENT - 2


def value_chart(lang: LanguagePack, rates: list[Any]) -> str:
    """One bar per week: the share of the value's scheduled days that were aligned."""
    count = len(rates)
    pitch = (WIDTH - LEFT - RIGHT) / max(1, count)  # each week's width, its bar and gaps
    bars = []
    for i, r in enumerate(rates):
        x = LEFT + i * pitch + pitch * 0.15
        week = lang.t("report.week_of", day=r.period_start.isoformat())
        if r.rate is None:
            title = f"{week}: {lang.t('report.no_days')}"
            mark = (
                f'<rect class="empty-bar" x="{x:.1f}" y="{_y(0) - 2:.1f}" '
                f'width="{pitch * 0.7:.1f}" height="2"/>'
            )
        else:
            share = lang.t("report.percent", value=round(r.rate * 100))
            title = f"{week}: {share} ({r.aligned_days}/{r.scheduled_days})"
            top = _y(r.rate)
            height = max(_y(0) - top, 1.5)
            mark = (
                f'<rect class="bar" x="{x:.1f}" y="{_y(0) - height:.1f}" '
                f'width="{pitch * 0.7:.1f}" height="{height:.1f}"/>'
            )
        bars.append(f"<g><title>{title}</title>{mark}</g>")
    axis, bottom, width = _time_axis(_week_marks(lang, rates, pitch))
    name = lang.t("report.value_label", value=for_html(rates[0].value)) if rates else ""
    return (
        f'<svg class="chart values-chart" role="img" aria-label="{name}" '
        f'viewBox="0 0 {width} {math.ceil(max(HEIGHT, bottom + 3))}">{_percent_axis(lang)}'
        f"{''.join(bars)}{axis}</svg>"
    )


def _week_marks(lang: LanguagePack, rates: list[Any], pitch: float) -> list[Mark]:
    """The month's short name at the first week that starts in it (the first week too), from
    the left edge of its bar."""
    names = lang.t("report.months_short").split()
    return [
        (LEFT + (i + 0.15) * pitch, r.period_start, names[r.period_start.month - 1])
        for i, r in enumerate(rates)
        if i == 0 or r.period_start.month != rates[i - 1].period_start.month
    ]
