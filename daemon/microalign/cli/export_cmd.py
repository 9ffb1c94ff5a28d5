"""`export`: your answers as Markdown, CSV, JSON or a jrnl journal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from microalign.app.context import App
from microalign.app.export import FORMATS, export_text


def _file_name(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.name in ("", ".", ".."):
        raise click.BadParameter(f"{str(value)!r} is not a file name, e.g. journal.md.")
    return value


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="md: readable journal; csv: spreadsheets; json: scripts; jrnl: `jrnl --import`.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_file_name,
    help="Write to this file instead of standard output.",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Only answers from this day on.")
@click.pass_obj
def export(app: App, fmt: str, output: Path | None, since: str | None) -> None:
    """Export every answer (or those since a day)."""
    app.read_only_ok = True  # it only reads: a full or read-only disk is fine
    from microalign.cli.checkin_cmd import parse_day

    start = parse_day(since, app.today(), "--since") if since else None
    text, count = export_text(app.store, fmt, start, app.pack)
    write_private(text, output)
    if output is not None:
        click.echo(app.pack.t("cli.exported", count=count, path=output), err=True)


def write_private(text: str, output: Path | None) -> None:
    """Standard output, or a 0600 file replaced atomically (answers are private)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from microalign.adapters.files import write_private as write_file

    write_file(output, text)


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_file_name,
    help="The file to write  [default: microalign-report.html, or .png with --png]",
)
@click.option(
    "--months",
    type=click.IntRange(1, 24),
    default=3,
    show_default=True,
    help="How many months the charts show.",
)
@click.option(
    "--png", is_flag=True, help="Write a PNG picture of the report instead (needs Chromium)."
)
@click.option(
    "--width",
    type=click.IntRange(360, 2000),
    default=900,
    show_default=True,
    help="The PNG's width in pixels.",
)
@click.pass_obj
def report(app: App, output: Path | None, months: int, png: bool, width: int) -> None:
    """Write an HTML (or PNG) report with charts: a calendar and strength per goal,
    level-ups, and value alignment week by week."""
    app.read_only_ok = True  # it only reads: a full or read-only disk is fine
    from microalign.app.progress import goal_progress, rules_of, value_rates
    from microalign.app.report import render as render_report
    from microalign.core.strength import series_from_states

    output = output or Path("microalign-report.png" if png else "microalign-report.html")
    today = app.today()
    progress = goal_progress(app, today)
    rules = rules_of(app.config)
    series = {p.goal.id: series_from_states(p.days, rules) for p in progress}
    rates = [
        replace(r, value=app.values.label(r.value))
        for r in value_rates(app, progress, today, "week", 4 * months)
    ]
    html = render_report(app.pack, progress, series, rates, today, months)
    if png:
        from microalign.adapters.browser import save_png

        shot_width, height = save_png(html, output, width)
        text = app.pack.t("cli.report_png_written", path=output, width=shot_width, height=height)
    else:
        write_private(html, output)
        text = app.pack.t("cli.report_written", path=output)
    click.echo(text, err=True)
