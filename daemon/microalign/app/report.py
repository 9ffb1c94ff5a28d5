"""A self-contained HTML report: strength over time, a calendar per goal, value alignment.

Plain SVG written by hand: one file that opens in any browser, no plotting library to load.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from microalign.core.safetext import for_html

COLOURS = {
    "kept": "#2e7d32",
    "partly": "#f9a825",
    "frozen": "#4fc3f7",
    "missed": "#e57373",
    "rest": "#e0e0e0",
    "pending": "#bdbdbd",
}
STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}
h1{font-weight:600}section{margin:2rem 0}.figures{color:#555}
table{border-collapse:collapse}td,th{padding:.2rem .8rem;text-align:left}"""


def strength_chart(series: list[tuple[date, float]], width: int = 600, height: int = 120) -> str:
    if len(series) < 2:
        return "<p>Not enough days yet for a chart.</p>"
    step = width / (len(series) - 1)
    points = " ".join(
        f"{i * step:.1f},{height - v * height:.1f}" for i, (_, v) in enumerate(series)
    )
    return (
        f'<svg role="img" aria-label="strength" width="{width}" height="{height + 20}" '
        f'viewBox="0 -5 {width} {height + 25}"><rect width="{width}" height="{height}" '
        f'fill="#fafafa"/><polyline fill="none" stroke="#2e7d32" stroke-width="2" '
        f'points="{points}"/><text x="0" y="{height + 15}" font-size="11">{series[0][0]}</text>'
        f'<text x="{width}" y="{height + 15}" font-size="11" text-anchor="end">'
        f"{series[-1][0]}</text></svg>"
    )


def calendar(states: dict[date, str], since: date, today: date, cell: int = 12) -> str:
    first = since - timedelta(days=since.weekday())
    weeks = (today - first).days // 7 + 1
    rects = []
    for w in range(weeks):
        for d in range(7):
            day = first + timedelta(weeks=w, days=d)
            state = states.get(day)
            if state is None or day > today:
                continue
            rects.append(
                f'<rect x="{w * (cell + 2)}" y="{d * (cell + 2)}" width="{cell}" height="{cell}" '
                f'fill="{COLOURS[str(state)]}"><title>{day}: {state}</title></rect>'
            )
    size = f'width="{weeks * (cell + 2)}" height="{7 * (cell + 2)}"'
    return f'<svg role="img" aria-label="calendar" {size}>{"".join(rects)}</svg>'


def alignment_table(rates: list[Any]) -> str:
    rows = "".join(
        f"<tr><td>{for_html(r.value)}</td><td>{r.period_start}</td>"
        f"<td>{'-' if r.rate is None else f'{r.rate:.0%}'}</td>"
        f"<td>{r.aligned_days}/{r.scheduled_days}</td></tr>"
        for r in rates
    )
    head = "<tr><th>value</th><th>week of</th><th>aligned</th><th>days</th></tr>"
    return f"<table>{head}{rows}</table>" if rows else "<p>No goals linked to a value yet.</p>"


def render(
    progress: list[Any],
    series: dict[int, list[tuple[date, float]]],
    rates: list[Any],
    today: date,
    months: int,
) -> str:
    since = today - timedelta(days=31 * months)
    sections = []
    for p in progress:
        g = p.as_dict()
        states = {d: s for d, s in p.days if d >= since}
        recent = [(d, v) for d, v in series[g["id"]] if d >= since]
        sections.append(
            f"<section><h2>{for_html(g['text'])}</h2><p class='figures'>{for_html(g['state'])} · "
            f"streak {g['streak']} · best {g['best_streak']} · strength {g['strength']:.0%}"
            f"</p>{calendar(states, since, today)}<h3>Strength</h3>{strength_chart(recent)}"
            "</section>"
        )
    body = "".join(sections) or "<p>No micro-goals yet.</p>"
    return (
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>microalign report "
        f"{today}</title><style>{STYLE}</style><h1>microalign — {today:%d %B %Y}</h1>{body}"
        f"<section><h2>Values, week by week</h2>{alignment_table(rates)}</section></html>\n"
    )
