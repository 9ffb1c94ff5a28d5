"""`checkin morning|evening`: run a check-in now, by voice or typed (--text)."""

from __future__ import annotations

from datetime import date

import click

from microalign import texts
from microalign.app import App
from microalign.errors import UsageError


def parse_day(value: str | None, today: date) -> date:
    if value is None:
        return today
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--date {value!r} is not a date.", "Use YYYY-MM-DD, e.g. 2026-11-20."
        ) from None
    if day > today:
        raise UsageError(f"--date {day} is in the future.", "Check in for today or a past day.")
    return day


@click.command()
@click.argument("slot", type=click.Choice(["morning", "evening"]))
@click.option("--text", "typed", is_flag=True, help="Type the answers instead of speaking them.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Answer for an earlier day.")
@click.option("--again", is_flag=True, help="Answer a check-in that is already done once more.")
@click.pass_obj
def checkin(app: App, slot: str, typed: bool, day: str | None, again: bool) -> int:
    """Run the morning reflection or the evening review now.

    Answers to yes/no questions: yes, no, partly, or skip (a rest day, optionally with
    a reason: "skip, I was ill"). Say or type "repeat", "stop" or "later" at any time;
    Ctrl-C or Ctrl-D also stop and keep every answer given so far.
    """
    from microalign.checkin import run_checkin
    from microalign.speech.factory import make_listener, make_speaker

    when = parse_day(day, app.today())
    if app.store.slot_status(when, slot) == "done" and not again:
        click.echo(texts.SLOT_DONE.format(slot=slot, day=when))
        return 0
    mode = "text" if typed else "voice"
    speaker = make_speaker(mode, app.config, app.pack)
    listener = make_listener(mode, app.config, app.pack, app.paths)
    try:
        settled = () if again else ("done",)
        result = run_checkin(app, slot, speaker, listener, day=when, source=mode, settled=settled)
    finally:
        listener.close()
        speaker.close()
    click.echo(texts.CHECKIN_END[result.status], err=True)
    # Stopping is the user's choice, not a failure; only a check-in nobody answered is.
    return 1 if result.status == "no_speech" else 0
