"""`status`/`today`, `history` and `stats`: where you stand."""

from __future__ import annotations

import sys
from datetime import timedelta

import click

from microalign import texts
from microalign.app import App
from microalign.cli.output import emit_json, json_option, table
from microalign.safetext import for_terminal as shown

OUTCOME_MARK = {"kept": "yes", "partly": "partly", "missed": "no", "rest": "skip", None: "-"}


def status_data(app: App) -> dict:
    from microalign.progress import goal_progress

    today = app.today()
    goals = []
    for p in goal_progress(app, today, ("active", "paused")):
        item = p.as_dict()
        answer = p.record.answers.get(today)
        item["today"] = str(answer) if answer else None
        goals.append(item)
    return {"date": today, "checkins": today_checkins(app, today), "goals": goals}


def today_checkins(app: App, today) -> dict[str, str | None]:
    """Status of each check-in scheduled today (in config order), then of any other one
    that ran today (started by hand, or since removed from the config)."""
    weekday = today.weekday()
    names = [n for n, c in app.config.checkins.items() if c.time_on(weekday) is not None]
    ran = app.store.rows(
        "SELECT slot FROM checkins WHERE day = ? GROUP BY slot ORDER BY MIN(id)",
        (today.isoformat(),),
    )
    names += [r["slot"] for r in ran if r["slot"] not in names]
    return {name: app.store.slot_status(today, name) for name in names}


@click.command()
@json_option
@click.pass_obj
def status(app: App, as_json: bool) -> None:
    """Today's check-ins and every goal's streak and strength."""
    data = status_data(app)
    if as_json:
        emit_json(data)
        return
    slots = ", ".join(
        f"{slot} {shown(state or 'not yet')}" for slot, state in data["checkins"].items()
    )
    click.echo(f"{data['date']:%A %d %B %Y} — {slots}")
    if not data["goals"]:
        click.echo(texts.NO_GOALS)
        return
    rows = [
        [
            g["id"],
            g["text"],
            g["value"] or "-",
            g["state"],
            OUTCOME_MARK[g["today"]],
            g["streak"],
            g["best_streak"],
            f"{g['strength']:.0%}",
        ]
        for g in data["goals"]
    ]
    click.echo(table(rows, ["id", "goal", "value", "state", "today", "streak", "best", "strength"]))


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
    rows = app.store.history(since=app.today() - timedelta(days=days - 1))
    if as_json:
        emit_json(rows)
        return
    current = None
    rows = [r for r in rows if r["text"] or r["outcome"] or r["audio_path"]]
    for r in rows:
        if (r["day"], r["slot"]) != current:
            current = (r["day"], r["slot"])
            click.secho(f"\n{shown(r['day'])} {shown(r['slot'])}", bold=True)
        answer = (
            r["text"] if r["text"] else "(audio, not transcribed yet)" if r["audio_path"] else "-"
        )
        click.echo(f"  {shown(r['prompt'])}\n    {shown(answer)}")
    if not rows:
        click.echo(f"No answers in the last {days} days.")


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
    from microalign.heatmap import render
    from microalign.progress import goal_progress

    today = app.today()
    since = today - timedelta(days=months * 31)
    progress = goal_progress(app, today)
    if as_json:
        emit_json([p.as_dict() for p in progress])
        return
    if not progress:
        click.echo(texts.NO_GOALS)
    for p in progress:
        g = p.as_dict()
        click.secho(f"\n{g['id']}. {shown(g['text'])}  [{shown(g['state'])}]", bold=True)
        click.echo(
            f"   streak {g['streak']} · best {g['best_streak']} · strength {g['strength']:.0%}"
            f" · kept {g['kept_days']} of {g['scheduled_days']} days"
        )
        states = {d: s for d, s in p.days if d >= since}
        click.echo(render(states, since, today, color=sys.stdout.isatty()))
