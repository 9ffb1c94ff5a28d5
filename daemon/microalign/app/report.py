"""A self-contained HTML report: a calendar and strength per goal, level-up chains, and
value alignment week by week; and the same page as a PNG for sharing.

One file with inline CSS and SVG: it opens in any browser, offline, without scripts.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from microalign.app.figures import drawn_states
from microalign.app.report_style import STYLE
from microalign.app.report_svg import STATES, calendars, strength_chart, swatch, value_chart
from microalign.core.safetext import for_html
from microalign.i18n import LanguagePack
from microalign.ports.records import Goal


def first_month(today: date, months: int) -> date:
    """The first day of the oldest of the `months` calendar months shown (this one last)."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def legend(lang: LanguagePack) -> str:
    """What each day's shape and colour mean."""
    items = "".join(
        f"<li>{swatch(state)}<span>{lang.t(f'report.state.{state}')}</span></li>"
        for state in STATES
    )
    return (
        f"<section class='card legend'><h2>{lang.t('report.legend')}</h2><ul>{items}</ul>"
        f"<p class='note'>{lang.t('report.legend_note')}</p></section>"
    )


def first_day(goal: Goal) -> date:
    """The goal's first day: where its schedule starts, so the report begins where its
    days and figures do."""
    from microalign.app.progress import schedule_of

    return schedule_of(goal, []).start


def period_start(progress: list[Any], since: date) -> date:
    """The first day the report speaks of: the first month shown, or the first goal's first
    day when it is later (no days before any goal existed)."""
    return max([since, min((first_day(p.goal) for p in progress), default=since)])


def chains(progress: list[Any]) -> list[list[Any]]:
    """Each path of level-ups from a goal that started it to the goal that ends it."""
    by_id = {p.goal.id: p for p in progress}
    children: dict[int, list[Any]] = {}
    for p in progress:
        parent = p.goal.parent_id
        if parent in by_id:
            children.setdefault(parent, []).append(p)
    paths: list[list[Any]] = []

    def walk(path: list[Any]) -> None:
        nexts = children.get(path[-1].goal.id, [])
        if not nexts:
            paths.append(path)
        for child in nexts:
            if child not in path:  # a corrupt relation must not loop
                walk([*path, child])

    for p in progress:
        if p.goal.id in children and p.goal.parent_id not in by_id:
            walk([p])
    return paths


def chain_section(lang: LanguagePack, progress: list[Any]) -> str:
    paths = chains(progress)
    if not paths:
        return ""
    arrow = '<span class="arrow" aria-hidden="true">→</span>'
    label = lang.t("report.levelups")
    rows = []
    for path in paths:
        steps = [
            f"<li>{arrow if i else ''}<div class='step'><strong>{for_html(p.goal.text)}"
            "</strong><small>"
            + lang.t("report.chain_days", count=p.summary.scheduled_days, kept=p.summary.kept_days)
            + "</small></div></li>"
            for i, p in enumerate(path)
        ]
        rows.append(f'<ol class="chain" aria-label="{label}">{"".join(steps)}</ol>')
    return (
        f"<section class='card'><h2>{lang.t('report.levelups')}</h2>"
        f"<p class='note'>{lang.t('report.levelups_note')}</p>{''.join(rows)}</section>"
    )


def goal_section(
    lang: LanguagePack,
    p: Any,
    series: list[tuple[date, float]],
    parent: str | None,
    since: date,
    today: date,
) -> str:
    g = p.as_dict()
    state = f"goal_state.{g['state']}"
    figures = lang.t(
        "report.figures",
        state=lang.t(state) if lang.has(state) else for_html(g["state"]),
        streak=g["streak"],
        best=g["best_streak"],
        strength=lang.t("report.percent", value=round(g["strength"] * 100)),
    )
    origin = (
        f"<p class='note'>{lang.t('report.levelled_from', goal=for_html(parent))}</p>"
        if parent is not None
        else ""
    )
    states = drawn_states(p.days, p.record.schedule, since)
    recent = [(d, v) for d, v in series if d >= since]
    months = _goal_months(lang, p.goal, states, since, today)
    wide = " wide" if len(months) > 4 else ""  # many months: the strength chart goes below
    shown = (
        f"<div class='months'>{''.join(months)}</div>"
        if months
        else f"<p class='note'>{lang.t('report.ended_before', day=p.goal.ended_on)}</p>"
    )
    return (
        f"<section class='card goal'><h2>{for_html(g['text'])}</h2>"
        f"<p class='figures'>{figures}</p>{origin}<div class='goal-body{wide}'>"
        f"<div><h3>{lang.t('report.calendar')}</h3>{shown}</div>"
        f"<div><h3>{lang.t('report.strength')}</h3>"
        f"{strength_chart(lang, recent)}</div></div></section>"
    )


def _goal_months(
    lang: LanguagePack, goal: Goal, states: dict[date, str], since: date, today: date
) -> list[str]:
    """Calendars of the months the goal ran in, within the report's months."""
    first = max(since, first_day(goal))
    end = goal.ended_on or today
    last = min(today, end)
    return calendars(lang, states, first, last, today) if first <= last else []


def _from_first_week(rates: list[Any]) -> list[Any]:
    """The rates from the first week in which any value had a scheduled day."""
    starts = [r.period_start for r in rates if r.rate is not None]
    return [r for r in rates if r.period_start >= min(starts)] if starts else rates


def values_section(lang: LanguagePack, rates: list[Any]) -> str:
    parts = []
    for value, group in groupby(_from_first_week(rates), key=lambda r: r.value):
        weeks = list(group)
        counted = [r for r in weeks if r.rate is not None]
        if counted:
            aligned = sum(r.aligned_days for r in counted)
            scheduled = sum(r.scheduled_days for r in counted)
            share = lang.t("report.percent", value=round(aligned / scheduled * 100))
            note = lang.t("report.value_summary", share=share, count=len(counted))
        else:
            note = lang.t("report.no_days")
        parts.append(
            f"<div><h3>{for_html(value)}</h3><p class='note'>{note}</p>"
            f"{value_chart(lang, weeks)}</div>"
        )
    body = f"<div class='values'>{''.join(parts)}</div>" if parts else ""
    body = body or f"<p class='note'>{lang.t('report.no_values')}</p>"
    return f"<section class='card'><h2>{lang.t('report.values')}</h2>{body}</section>"


def render(
    lang: LanguagePack,
    progress: list[Any],
    series: dict[int, list[tuple[date, float]]],
    rates: list[Any],
    today: date,
    months: int,
) -> str:
    since = first_month(today, months)
    texts = {p.goal.id: p.goal.text for p in progress}
    sections = [
        goal_section(lang, p, series[p.goal.id], texts.get(p.goal.parent_id), since, today)
        for p in progress
    ]
    if sections:
        body = legend(lang) + chain_section(lang, progress) + "".join(sections)
    else:
        body = f"<section class='card'><p>{lang.t('report.no_goals')}</p></section>"
    title = lang.t("report.title", day=today)
    heading = lang.t(
        "report.heading", day=today.day, month=lang.months[today.month - 1], year=today.year
    )
    # No goal, no period: nothing was kept or missed before the first one.
    start = period_start(progress, since)
    period = lang.t("report.period", start=start.isoformat(), end=today.isoformat())
    period = f"<p class='sub'>{period}</p>" if progress else ""
    return (
        f'<!doctype html><html lang="{lang.code}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{heading}</h1>{period}</header>{body}"
        f"{values_section(lang, rates)}<footer>{lang.t('report.footer')}</footer>"
        "</body></html>\n"
    )
