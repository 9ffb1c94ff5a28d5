"""`status`/`today`, `history` and `stats`: where you stand."""

from __future__ import annotations

import sys
from datetime import timedelta
from itertools import groupby

import click

from microalign.app.context import App
from microalign.cli.output import columns, emit_json, goal_state, json_option, table
from microalign.cli.width import fit, terminal_width, wrap
from microalign.cli.width import width as columns_of
from microalign.core.safetext import for_terminal as shown
from microalign.i18n import LanguagePack

STATUS_COLUMNS = ("id", "goal", "value", "state", "today", "streak", "best", "strength")


def status_data(app: App) -> dict:
    from microalign.app.figures import goal_figures

    today = app.today()
    answers = app.store.day_outcomes(today)
    goals = []
    for p in goal_figures(app, today, ("active", "paused"), since=today):
        item = p.as_dict()
        item["today"] = answers.get(p.goal.id)
        goals.append(item)
    checkins = today_checkins(app, today)
    return {
        "date": today,
        "checkins": checkins,
        "due": _due(app, today, checkins),
        "goals": goals,
        "encryption": _encryption(app),
    }


def _encryption(app: App) -> dict:
    """Whether the store is encrypted and where its key came from (status --json)."""
    key = app.data_key
    return {
        "encrypted": key is not None,
        "key_source": key.source if key is not None else None,
    }


def _due(app: App, today, checkins: dict[str, str | None]) -> dict[str, dict]:
    """Time and state of each check-in scheduled today that has not run."""
    from datetime import UTC, datetime

    from microalign.app.today import due
    from microalign.core.clock import local_zone

    now, zone = datetime.now(UTC), local_zone()
    settings = app.settings
    found = {}
    for name, status in checkins.items():
        at = settings.checkins[name].time_on(today.weekday()) if name in settings.checkins else None
        if status is None and at is not None:
            found[name] = due(today, at, settings.grace_minutes, now, zone).as_dict()
    return found


def today_checkins(app: App, today) -> dict[str, str | None]:
    """Status of each check-in scheduled today (in config order), then of any other one
    that ran today (started by hand, or since removed from the config)."""
    weekday = today.weekday()
    names = [n for n, c in app.settings.checkins.items() if c.time_on(weekday) is not None]
    names += [n for n in app.store.checkins_run_on(today) if n not in names]
    return {name: app.store.checkin_status(today, name) for name in names}


@click.command()
@json_option
@click.pass_obj
def status(app: App, as_json: bool) -> None:
    """Today's check-ins and every goal's streak and strength."""
    app.read_only_ok = True  # it only reads: a full or read-only disk is fine
    data = status_data(app)
    if as_json:
        emit_json(data)
        return
    lang = app.pack
    checkins = ", ".join(
        lang.t(
            "cli.status.checkin",
            checkin=lang.checkin_name(name),
            state=shown(_state(lang, state, data["due"].get(name))),
        )
        for name, state in data["checkins"].items()
    )
    day = data["date"]
    heading = lang.t(
        "cli.status.heading",
        weekday=lang.weekdays[day.weekday()],
        day=day.day,
        month=lang.months[day.month - 1],
        year=day.year,
        checkins=checkins,
    )
    width = terminal_width()
    click.echo("\n".join(wrap(heading, width, "  ")))
    if not data["goals"]:
        click.echo(lang.t("cli.no_goals"))
        return
    rows = [
        [
            g["id"],
            g["text"],
            app.values.label(g["value"]),
            goal_state(lang, g["state"]),
            lang.t(f"outcome.{g['today']}") if g["today"] else "-",
            g["streak"],
            g["best_streak"],
            f"{g['strength']:.0%}",
        ]
        for g in data["goals"]
    ]
    # The goal's text gives way first (to a readable stub), then its value, then the rest of
    # the goal's text: the figures stay whole.
    shrink = ((1, 12), (2, 0), (1, 0))
    click.echo(table(rows, columns(lang, STATUS_COLUMNS), width, shrink))


def _state(lang: LanguagePack, state: str | None, due: dict | None) -> str:
    if state is None and due is not None:
        at, until = lang.clock_of(due["at"]), lang.clock_of(due["until"])
        return lang.t(f"checkin_state.{due['state']}", at=at, until=until)
    key = f"checkin_state.{state or 'none'}"
    return lang.t(key) if lang.has(key) else str(state)


today = click.Command(
    "today", callback=status.callback, params=status.params, help="Same as `status`."
)


@click.command()
@click.option(
    "--days", type=click.IntRange(1, 3650), default=7, show_default=True, help="How many days back."
)
@json_option
@click.pass_obj
def history(app: App, days: int, as_json: bool) -> None:
    """Your answers of the last days, newest first."""
    from microalign.adapters.store.answers import HISTORY_COLUMNS

    app.read_only_ok = True  # it only reads: a full or read-only disk is fine
    since = app.today() - timedelta(days=days - 1)
    if as_json:
        # Plain tuples, oldest first, turned round: ten years need no record per answer.
        found = app.store.history_values(HISTORY_COLUMNS, since)
        emit_json([dict(zip(HISTORY_COLUMNS, values, strict=True)) for values in found[::-1]])
        return
    rows = app.store.history(since=since)
    lang = app.pack
    rows = [r for r in rows if r.text or r.outcome or r.audio_path]
    width = terminal_width()
    pending = lang.t("cli.history.audio_pending")
    for (day, name), group in groupby(rows, key=lambda r: (str(r.day), r.checkin or "")):
        heading = lang.t("cli.history.heading", day=day, checkin=lang.checkin_name(name))
        click.secho("\n" + shown(heading), bold=True)
        # Check-ins newest first, but a check-in's answers in the order they were asked.
        for r in sorted(group, key=lambda r: r.id):
            answer = r.text if r.text else pending if r.audio_path else "-"
            click.echo("\n".join(wrap("  " + shown(r.prompt), width, "  ")))
            click.echo("\n".join(wrap("    " + shown(answer), width, "    ")))
    if not rows:
        click.echo(lang.t("cli.history.none", count=days))


@click.command()
@click.option(
    "--months",
    type=click.IntRange(1, 24),
    default=3,
    show_default=True,
    help="Months shown in the calendar.",
)
@json_option
@click.pass_obj
def stats(app: App, months: int, as_json: bool) -> None:
    """Per goal: streak, best streak, strength, and a calendar of the last months."""
    app.read_only_ok = True  # it only reads: a full or read-only disk is fine
    from microalign.app.figures import goal_figures
    from microalign.app.progress import lineages, schedule_of

    today = app.today()
    since = today - timedelta(days=months * 31)
    progress = goal_figures(app, today, since=today if as_json else since)
    if as_json:
        emit_json([p.as_dict() for p in progress])
        return
    lang = app.pack
    if not progress:
        click.echo(lang.t("cli.no_goals"))
    origins = lineages(progress)
    pauses = app.goals.pauses()
    width = terminal_width()
    for p in progress:
        click.echo("\n".join(_goal_stats(lang, p, origins.get(p.goal.id), width)))
        schedule = schedule_of(p.goal, pauses.get(p.goal.id, []))
        _calendar(lang, p, schedule, since, today, width)


def _goal_stats(lang: LanguagePack, p, origin, width: int) -> list[str]:
    """The heading and figures of one goal, each line within `width` columns."""
    g = p.as_dict()
    state = goal_state(lang, g["state"])
    # The goal's text gives way to the id and state around it.
    room = width - columns_of(lang.t("cli.stats.heading", id=g["id"], text="", state=state))
    text = fit(shown(g["text"]), max(room, 10))
    lines = [
        "",
        click.style(lang.t("cli.stats.heading", id=g["id"], text=text, state=state), bold=True),
    ]
    figures = {
        "best": g["best_streak"],
        "strength": f"{g['strength']:.0%}",
        "kept": g["kept_days"],
        "count": g["scheduled_days"],
    }
    if g["state"] in ("active", "paused") or not p.goal.ended_on:
        line = lang.t("cli.stats.line", streak=g["streak"], **figures)
    else:
        line = lang.t("cli.stats.ended_line", state=state, day=p.goal.ended_on, **figures)
    lines += wrap(line, width, "   ")
    if origin is not None:
        came = lang.t("cli.stats.levelled_from", goal=shown(origin.parent), count=origin.days)
        lines += wrap(came, width, "   ")
        if len(origin.chain) > 2:
            chain = " → ".join(shown(text) for text in origin.chain)
            lines += wrap(lang.t("cli.stats.chain", chain=chain), width, "   ")
    return lines


def _calendar(lang: LanguagePack, p, schedule, since, today, width: int) -> None:
    from microalign.app.figures import drawn_states
    from microalign.cli.heatmap import render

    # A goal no longer active has no "today" to answer: its last day is not pending.
    open_today = p.goal.state in ("active", "paused")
    drawn = drawn_states(p.days, schedule, since).items()
    states = {d: s for d, s in drawn if open_today or s != "pending"}
    start = max(since, p.days[0][0]) if p.days else since  # no empty months before the goal
    click.echo(render(lang, states, start, today, width, color=sys.stdout.isatty()))
