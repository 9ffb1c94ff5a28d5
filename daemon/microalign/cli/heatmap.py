"""A calendar heatmap for the terminal: one column per week, one row per weekday."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import click

MARKS = {  # state -> (character, colour)
    "kept": ("■", "green"),
    "partly": ("▪", "yellow"),
    "frozen": ("❄", "cyan"),
    "missed": ("·", "red"),
    "rest": ("○", None),
    "pending": ("?", None),
}
ROW_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LEGEND = "■ kept  ▪ partly  ❄ freeze  · missed  ○ rest  ? today, not answered yet"


def render(states: Mapping[date, str], since: date, today: date, color: bool = False) -> str:
    """Days outside `states` (before the goal existed) stay blank."""
    first = since - timedelta(days=since.weekday())
    weeks = (today - first).days // 7 + 1
    header = ""
    for w in range(weeks):
        monday = first + timedelta(weeks=w)
        label = f"{monday:%b}" if monday.day <= 7 or w == 0 else ""
        if len(header) <= w * 2:
            header = header.ljust(w * 2) + label
    lines = ["    " + header.rstrip()]
    for weekday in range(7):
        cells = []
        for w in range(weeks):
            day = first + timedelta(weeks=w, days=weekday)
            state = states.get(day)
            if day > today or state is None:
                cells.append(" ")
                continue
            char, colour = MARKS[str(state)]
            cells.append(click.style(char, fg=colour) if color and colour else char)
        lines.append(f"{ROW_NAMES[weekday]:<4}" + " ".join(cells).rstrip())
    lines.append("    " + LEGEND)
    return "\n".join(lines)
