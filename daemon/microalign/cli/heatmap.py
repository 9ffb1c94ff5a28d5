"""A calendar heatmap for the terminal: one column per week, one row per weekday.

Weeks that do not fit the terminal's width wrap into further blocks, each starting at a
month where it can, so `stats --months 24` stays inside the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import click

from microalign.cli.width import fit, pad, width
from microalign.i18n import LanguagePack

MARKS = {  # state -> (character, colour)
    "kept": ("■", "green"),
    "partly": ("▪", "yellow"),
    "frozen": ("❄", "cyan"),
    "missed": ("·", "red"),
    "rest": ("○", None),
    "none": ("-", None),  # not due that day: a weekday off or a pause
    "pending": ("?", None),
}
ROWS_LABELLED = (0, 2, 4, 6)  # Mon, Wed, Fri, Sun
GUTTER = 4


def render(
    lang: LanguagePack,
    states: Mapping[date, str],
    since: date,
    today: date,
    columns: int = 80,
    color: bool = False,
) -> str:
    """Days outside `states` (before the goal existed, or not shown) stay blank."""
    first = since - timedelta(days=since.weekday())
    mondays = [first + timedelta(weeks=w) for w in range((today - first).days // 7 + 1)]
    lines: list[str] = []
    for block in _blocks(mondays, max((columns - GUTTER + 1) // 2, 1)):
        lines += _block(lang, block, states, today, color, columns - GUTTER)
    shown = {str(s) for d, s in states.items() if first <= d <= today}
    lines += _legend(lang, shown, columns)
    return "\n".join(lines)


def _starts_month(monday: date, index: int) -> bool:
    return index == 0 or monday.day <= 7


def _blocks(mondays: list[date], per_block: int) -> list[list[date]]:
    """Consecutive runs of at most `per_block` weeks, broken at a month's first week when
    the month fits in the block (else wherever the block is full)."""
    blocks: list[list[date]] = []
    current: list[date] = []
    months: list[list[date]] = []
    for i, monday in enumerate(mondays):
        if _starts_month(monday, i):
            months.append([])
        months[-1].append(monday)
    for month in months:
        if current and len(current) + len(month) > per_block:
            blocks.append(current)
            current = []
        for monday in month:
            if len(current) == per_block:
                blocks.append(current)
                current = []
            current.append(monday)
    if current:
        blocks.append(current)
    return blocks


def _block(
    lang: LanguagePack,
    mondays: list[date],
    states: Mapping[date, str],
    today: date,
    color: bool,
    room: int,
) -> list[str]:
    header = ""
    for w, monday in enumerate(mondays):
        label = lang.months[monday.month - 1][:3]  # "Jan", "1월", "12월"
        # A name too wide for the last columns ends at the edge, still over its week.
        start = min(w * 2, room - width(label))
        if _starts_month(monday, w) and width(header) <= start:
            header = pad(header, start) + label
    lines = [" " * GUTTER + header.rstrip()]
    for weekday in range(7):
        cells = []
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            state = states.get(day)
            if day > today or state is None:
                cells.append(" ")
                continue
            char, colour = MARKS[str(state)]
            cells.append(click.style(char, fg=colour) if color and colour else char)
        name = lang.weekdays_short[weekday].capitalize() if weekday in ROWS_LABELLED else ""
        lines.append(pad(fit(name, GUTTER - 1), GUTTER) + " ".join(cells).rstrip())
    return lines


def _legend(lang: LanguagePack, shown: set[str], columns: int) -> list[str]:
    """One entry per state; "not scheduled" and "? today" only when shown."""
    entries = [
        f"{char} {lang.t(f'cli.heatmap.{state}')}"
        for state, (char, _) in MARKS.items()
        if state not in ("none", "pending") or state in shown
    ]
    return [" " * GUTTER + line for line in _wrap_entries(entries, columns - GUTTER)]


def _wrap_entries(entries: list[str], columns: int) -> list[str]:
    lines = [""]
    for entry in entries:
        candidate = f"{lines[-1]}  {entry}" if lines[-1] else entry
        if width(candidate) <= columns or not lines[-1]:
            lines[-1] = candidate
        else:
            lines.append(entry)
    return [fit(line, columns) for line in lines]
