"""`goals` and `values`: managing micro-goals and the values they serve."""

from __future__ import annotations

from datetime import date, timedelta

import click

from microalign.app.context import App
from microalign.app.goals import Change, weekday_names
from microalign.cli.checkin_cmd import DAYS_BACK, parse_day
from microalign.cli.output import columns, emit_json, goal_state, json_option, table
from microalign.core.safetext import for_terminal as shown

# SQLite's integers end at 2**63 - 1; a larger id is a typo, not a goal.
ID = click.argument("goal_id", type=click.IntRange(max=2**63 - 1), metavar="ID")
SINCE = click.option(
    "--since",
    metavar="YYYY-MM-DD",
    help=f"The goal's first day [default: today]; at most {DAYS_BACK} days back.",
)


def since_day(value: str | None, today: date) -> date | None:
    """The day of --since, checked like a check-in's --date (a date, not ahead, not too old)."""
    if value is None:
        return None
    earliest = today - timedelta(days=DAYS_BACK)
    return parse_day(value, today, option="--since", earliest=earliest)


def show_change(app: App, change: Change, verb: str) -> None:
    """`verb`: the text key "cli.goal.<verb>" (added, changed, paused, ...)."""
    lang, g = app.pack, change.goal
    state = goal_state(lang, g.state)
    click.echo(lang.t(f"cli.goal.{verb}", id=g.id, text=shown(g.text), state=state))
    if g.question:
        click.echo(lang.t("cli.goal.asks", question=shown(g.question)))
    if change.warning:
        click.secho(lang.t("cli.note", warning=lang.render(change.warning)), fg="yellow", err=True)


@click.group()
def goals() -> None:
    """Add, change and list your micro-goals."""


@goals.command("add")
@click.argument("text")
@click.option("--value", help="The value this goal serves (see `microalign values`).")
@click.option("--area", help="An area of life: social, professional, physical, ...")
@click.option("--days", help="Weekdays it is scheduled on: daily (default), weekdays, mon,wed,fri.")
@click.option(
    "--ask",
    "question",
    metavar="QUESTION",
    help='The evening question, e.g. "Did you stretch today?" [default: made from TEXT].',
)
@SINCE
@click.pass_obj
def goals_add(
    app: App,
    text: str,
    value: str | None,
    area: str | None,
    days: str | None,
    question: str | None,
    since: str | None,
) -> None:
    """Add a micro-goal, e.g. "Ask one question in the team meeting".

    With --since, its history starts on that day (days before it are not scheduled):
    bring earlier days over with `microalign checkin evening --text --date DAY`.
    """
    today = app.today()
    start = since_day(since, today)
    change = app.goals.add(text, value, area, days, today, question=question, since=start)
    show_change(app, change, "added")


@goals.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include mastered and retired goals.")
@json_option
@click.pass_obj
def goals_list(app: App, show_all: bool, as_json: bool) -> None:
    """List goals (active and paused; --all for every goal)."""
    app.read_only_ok = True  # it only reads: a full or read-only disk is fine
    states = ("active", "paused", "mastered", "retired") if show_all else ("active", "paused")
    rows = app.goals.list(states)
    if as_json:
        emit_json([r.to_row() for r in rows])
        return
    lang = app.pack
    if not rows:
        click.echo(lang.t("cli.no_goals"))
        return
    body = [
        [
            r.id,
            r.text,
            app.values.label(r.value),
            r.area or "-",
            weekday_names(r.weekdays, lang),
            goal_state(lang, r.state),
            lang.t("cli.goal.from", id=r.parent_id) if r.parent_id else "",
        ]
        for r in rows
    ]
    names = ("id", "goal", "value", "area", "days", "state", "levelled_up")
    from microalign.cli.width import terminal_width

    # The goal's text gives way first, to a readable stub; then area, value, the rest.
    shrink = ((1, 12), (3, 0), (2, 0), (1, 0))
    click.echo(table(body, columns(lang, names), terminal_width(), shrink))


@goals.command("edit")
@ID
@click.option("--text", help="New wording.")
@click.option("--value", help='New value ("" removes it).')
@click.option("--area", help='New area ("" removes it).')
@click.option("--days", help="New weekdays: daily, weekdays, mon,wed,fri.")
@click.option(
    "--ask", "question", metavar="QUESTION", help='New evening question ("" asks the default).'
)
@SINCE
@click.pass_obj
def goals_edit(app: App, goal_id: int, text, value, area, days, question, since) -> None:
    """Change a goal's wording, evening question, value, area, days or start day."""
    today = app.today()
    start = since_day(since, today) if since is not None else None
    change = app.goals.edit(goal_id, text, value, area, days, question, since=start, today=today)
    show_change(app, change, "changed")


def _transition(action: str, verb: str, doc: str) -> click.Command:
    @click.pass_obj
    def command(app: App, goal_id: int) -> None:
        show_change(app, app.goals.transition(goal_id, action, app.today()), verb)

    command.__doc__ = doc
    return goals.command(action)(ID(command))


_transition("pause", "paused", "Pause a goal: its days count as rest until you resume it.")
_transition("resume", "resumed", "Resume a paused goal.")
_transition("retire", "retired", "Retire a goal you no longer want to track (history is kept).")
_transition("master", "mastered", "Mark a goal as mastered: it has become routine.")


@goals.command("level-up")
@ID
@click.argument("text")
@click.pass_obj
def goals_level_up(app: App, goal_id: int, text: str) -> None:
    """Replace a goal that feels routine with a harder one, keeping the chain.

    Example: microalign goals level-up 1 "Make eye contact with three people"
    """
    change = app.goals.level_up(goal_id, text, app.today())
    chain = " → ".join(shown(g.text) for g in app.goals.chain(change.goal.id))
    show_change(app, change, "levelled_up")
    click.echo(app.pack.t("cli.goal.chain", chain=chain))


@click.group(invoke_without_command=True)
@json_option
@click.pass_context
def values(ctx: click.Context, as_json: bool) -> None:
    """List your values with this week's and this month's alignment rate."""
    if ctx.invoked_subcommand:
        return
    from microalign.app.progress import goal_progress, value_rates

    app: App = ctx.obj
    app.read_only_ok = True  # it only reads: a full or read-only disk is fine
    today = app.today()
    progress = goal_progress(app, today)
    rates = {
        period: {r.value: r for r in value_rates(app, progress, today, period, 1)}
        for period in ("week", "month")
    }
    data = [
        {
            "value": name,  # its key: the same in every language
            "goals": sum(1 for p in progress if p.goal.value == name and p.goal.state == "active"),
            "week": rates["week"][name].rate if name in rates["week"] else None,
            "month": rates["month"][name].rate if name in rates["month"] else None,
        }
        for name in app.values.ordered()
    ]
    if as_json:
        emit_json(data)
        return
    pct = lambda r: "-" if r is None else f"{r:.0%}"  # noqa: E731
    names = ("value", "active_goals", "this_week", "this_month")
    click.echo(
        table(
            [
                [
                    app.values.label(str(d["value"])),
                    d["goals"],
                    pct(d["week"]),
                    pct(d["month"]),
                ]
                for d in data
            ],
            columns(app.pack, names),
        )
    )


@values.command("add")
@click.argument("name")
@click.pass_obj
def values_add(app: App, name: str) -> None:
    """Add a value of your own."""
    added = app.values.add(name)
    click.echo(app.pack.t("cli.value_added", name=shown(added)))


@values.command("remove")
@click.argument("name")
@click.pass_obj
def values_remove(app: App, name: str) -> None:
    """Remove a value no goal uses."""
    label = app.values.label(app.values.key_of(name) or name)
    app.values.remove(name)
    click.echo(app.pack.t("cli.value_removed", name=shown(label)))
