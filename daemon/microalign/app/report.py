"""A self-contained HTML report: strength over time, a calendar per goal, value alignment.

Plain SVG written by hand: one file that opens in any browser, no plotting library to load.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from microalign.core.safetext import for_html
from microalign.i18n import LanguagePack

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
table{border-collapse:collapse}td,th{padding:.2rem .8rem;text-align:left}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem}"""


def strength_chart(
    lang: LanguagePack, series: list[tuple[date, float]], width: int = 600, height: int = 120
) -> str:
    if len(series) < 2:
        return f"<p>{lang.t('report.no_chart')}</p>"
    step = width / (len(series) - 1)
    points = " ".join(
        f"{i * step:.1f},{height - v * height:.1f}" for i, (_, v) in enumerate(series)
    )
    label = lang.t("report.strength_label")
    return (
        f'<svg role="img" aria-label="{label}" width="{width}" height="{height + 20}" '
        f'viewBox="0 -5 {width} {height + 25}"><rect width="{width}" height="{height}" '
        f'fill="#fafafa"/><polyline fill="none" stroke="#2e7d32" stroke-width="2" '
        f'points="{points}"/><text x="0" y="{height + 15}" font-size="11">{series[0][0]}</text>'
        f'<text x="{width}" y="{height + 15}" font-size="11" text-anchor="end">'
        f"{series[-1][0]}</text></svg>"
    )


def calendar(
    lang: LanguagePack, states: dict[date, str], since: date, today: date, cell: int = 12
) -> str:
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
                f'fill="{COLOURS[str(state)]}"><title>{day}: {_state(lang, state)}</title></rect>'
            )
    size = f'width="{weeks * (cell + 2)}" height="{7 * (cell + 2)}"'
    label = lang.t("report.calendar_label")
    return f'<svg role="img" aria-label="{label}" {size}>{"".join(rects)}</svg>'


def _state(lang: LanguagePack, state: str) -> str:
    key = f"report.state.{state}"
    return lang.t(key) if lang.has(key) else for_html(state)


def legend(lang: LanguagePack) -> str:
    """What the calendar's colours mean."""
    items = "".join(
        f'<span style="background:{colour}"></span>{_state(lang, state)}'
        for state, colour in COLOURS.items()
    )
    return f"<p class='legend'>{lang.t('report.legend')}:{items}</p>"


def alignment_table(lang: LanguagePack, rates: list[Any]) -> str:
    rows = "".join(
        f"<tr><td>{for_html(r.value)}</td><td>{r.period_start}</td>"
        f"<td>{'-' if r.rate is None else f'{r.rate:.0%}'}</td>"
        f"<td>{r.aligned_days}/{r.scheduled_days}</td></tr>"
        for r in rates
    )
    if not rows:
        return f"<p>{lang.t('report.no_values')}</p>"
    names = ("value", "week", "aligned", "days")
    head = "".join(f"<th>{lang.t(f'report.column.{name}')}</th>" for name in names)
    return f"<table><tr>{head}</tr>{rows}</table>"


def render(
    lang: LanguagePack,
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
        state = f"goal_state.{g['state']}"
        figures = lang.t(
            "report.figures",
            state=lang.t(state) if lang.has(state) else for_html(g["state"]),
            streak=g["streak"],
            best=g["best_streak"],
            strength=f"{g['strength']:.0%}",
        )
        sections.append(
            f"<section><h2>{for_html(g['text'])}</h2><p class='figures'>{figures}</p>"
            f"{calendar(lang, states, since, today)}<h3>{lang.t('report.strength')}</h3>"
            f"{strength_chart(lang, recent)}</section>"
        )
    body = (legend(lang) + "".join(sections)) if sections else ""
    body = body or f"<p>{lang.t('report.no_goals')}</p>"
    title = lang.t("report.title", day=today)
    heading = lang.t(
        "report.heading", day=today.day, month=lang.months[today.month - 1], year=today.year
    )
    return (
        f'<!doctype html><html lang="{lang.code}"><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style><h1>{heading}</h1>{body}<section><h2>{lang.t('report.values')}"
        f"</h2>{alignment_table(lang, rates)}</section></html>\n"
    )
