"""`export`: your answers as Markdown, CSV, JSON or a jrnl journal."""

from __future__ import annotations

import os
from pathlib import Path

import click

from microalign import texts
from microalign.app import App
from microalign.export import FORMATS, render


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
    help="Write to this file instead of standard output.",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Only answers from this day on.")
@click.pass_obj
def export(app: App, fmt: str, output: Path | None, since: str | None) -> None:
    """Export every answer (or those since a day)."""
    from microalign.cli.checkin_cmd import parse_day

    start = parse_day(since, app.today()) if since else None
    rows = app.store.history(since=start)
    text = render(rows, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, output)
    click.echo(texts.EXPORTED.format(count=len(rows), path=output), err=True)
