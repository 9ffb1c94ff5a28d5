"""`checkin NAME`: run a configured check-in now, by voice or typed (--text)."""

from __future__ import annotations

from datetime import date, timedelta

import click

from microalign.app.context import App
from microalign.core.vocabulary import DONE, NO_SPEECH, STOPPED
from microalign.errors import UsageError

# How far back a check-in can be answered: enough to catch up after a holiday, not so far
# that a mistyped year (1900, 2062) is taken for a real day.
DAYS_BACK = 365


def parse_day(
    value: str | None, today: date, option: str = "--date", earliest: date | None = None
) -> date:
    if value is None:
        return today
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError.keyed("not_a_date", option=option, value=value) from None
    if day > today:
        raise UsageError.keyed("future_date", option=option, day=day)
    if earliest is not None and day < earliest:
        raise UsageError.keyed(
            "date_too_old", option=option, day=day, limit=DAYS_BACK, earliest=earliest, today=today
        )
    return day


def _answer_count(app: App, day: date, name: str) -> int:
    """Answers stored for the day's check-in `name`; commands ("repeat") and unclear words
    do not count."""
    from microalign.adapters.store import UNUSED

    return sum(1 for a in app.store.day_answers(day, name) if not a.step.endswith(UNUSED))


def configured_name(app: App, name: str, typed: bool, day: str | None, again: bool) -> str:
    """The configured check-in `name` means: itself, or the one that differs only in letter
    case (config names are lower case). Otherwise a usage error that suggests a near name,
    or how to add it when the config would accept that name."""
    import difflib
    import shlex

    from microalign.config import is_checkin_name

    names = list(app.config.checkins)
    same = [known for known in names if known.casefold() == name.casefold()]
    if same:
        return same[0]
    known = ", ".join(names)
    near = difflib.get_close_matches(name.casefold(), names, n=1)
    if near:
        flags = [" --text" if typed else "", f" --date {shlex.quote(day)}" if day else ""]
        command = f"microalign checkin {near[0]}{''.join(flags)}{' --again' if again else ''}"
        raise UsageError.keyed(
            "unknown_checkin_near", name=name, near=near[0], command=command, known=known
        )
    if not is_checkin_name(name):
        raise UsageError.keyed("unknown_checkin_bad_name", name=name, known=known)
    raise UsageError.keyed("unknown_checkin", name=name, known=known)


@click.command()
@click.argument("name", metavar="NAME")
@click.option("--text", "typed", is_flag=True, help="Type the answers instead of speaking them.")
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    help=f"Answer for an earlier day (at most {DAYS_BACK} days back).",
)
@click.option("--again", is_flag=True, help="Answer a check-in that is already done once more.")
@click.pass_obj
def checkin(app: App, name: str, typed: bool, day: str | None, again: bool) -> int:
    """Run the check-in NAME now: one of the config's [checkins.NAME].

    Unless the config changes them, these are `morning` (the morning reflection: your
    intention and today's micro-goals), `evening` (the evening review: yes/no for each
    micro-goal, then how the day felt) and `weekly` (the weekly review: the week's
    alignment per value and your best streaks, then the value to focus on next week and
    what to carry forward). A check-in the config adds, e.g. [checkins.lunch] with
    flow = "evening", runs by its own name.

    Answers to yes/no questions: yes, no, partly, or skip (a rest day, optionally with
    a reason: "skip, I was ill"). Say or type "repeat", "stop" or "later" at any time;
    "later" with a time ("in twenty minutes", "in an hour") says when the daemon asks
    again. Ctrl-C or Ctrl-D also stop and keep every answer given so far.
    """
    from microalign.app.checkin import run_checkin
    from microalign.cli import SPEECH
    from microalign.service.compose import make_listener, make_speaker

    name = configured_name(app, name, typed, day, again)
    today = app.today()
    when = parse_day(day, today, earliest=today - timedelta(days=DAYS_BACK))
    if app.store.checkin_status(when, name) == DONE and not again:
        click.echo(app.pack.t("cli.checkin_done", checkin=app.pack.checkin_name(name), day=when))
        return 0
    mode = "text" if typed else "voice"
    speech = click.get_current_context().meta.get(SPEECH)
    if speech is not None and not typed:  # main() was given the speech to compose with
        speaker, listener = speech(app.config, app.pack, app.paths)
    else:
        speaker = make_speaker(mode, app.config, app.pack)
        listener = make_listener(mode, app.config, app.pack, app.paths)
    answered = _answer_count(app, when, name)
    try:
        settled = () if again else (DONE,)
        result = run_checkin(app, name, speaker, listener, day=when, source=mode, settled=settled)
    finally:
        listener.close()
        speaker.close()
    status = result.status
    if status == STOPPED and _answer_count(app, when, name) == answered:
        status = NO_SPEECH  # input closed (or "stop") before a single answer
    ending = "unanswered" if result.unanswered else status
    click.echo(app.pack.t(f"cli.checkin_end.{ending}"), err=True)
    # Stopping after some answers is the user's choice, not a failure; a check-in that
    # ended without any answer is.
    return 1 if status == NO_SPEECH else 0
