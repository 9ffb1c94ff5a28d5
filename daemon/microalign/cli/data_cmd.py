"""`backup`, `restore` and `import`: the store in one file and back, and history brought
over from other tools."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from microalign.app.backup import Done
from microalign.app.context import App
from microalign.cli.output import emit_json, json_option
from microalign.core.safetext import for_terminal
from microalign.errors import UsageError
from microalign.i18n import LanguagePack

# A run shorter than this shows no progress at all.
PROGRESS_AFTER_SECONDS = 1.0


class TerminalProgress:
    """Bytes copied so far, on one line of standard error, when it is a terminal."""

    def __init__(self, lang: LanguagePack, key: str, total: int) -> None:
        self.lang, self.key, self.total = lang, key, max(total, 1)
        self.done, self.started, self.shown = 0, time.monotonic(), 0.0
        self.active = sys.stderr.isatty()

    def __call__(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if not self.active or now - self.started < PROGRESS_AFTER_SECONDS:
            return
        if now - self.shown >= 0.2 or self.done >= self.total:
            self.shown = now
            percent = min(100, self.done * 100 // self.total)
            text = self.lang.t(
                self.key, done=_megabytes(self.done), total=_megabytes(self.total), percent=percent
            )
            click.echo(f"\r{text}", nl=False, err=True)

    def finish(self) -> None:
        if self.active and self.shown:
            click.echo(err=True)


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f}"


class _Progresses:
    def __init__(self, lang: LanguagePack, key: str) -> None:
        self.lang, self.key = lang, key
        self.made: list[TerminalProgress] = []

    def __call__(self, total: int) -> TerminalProgress:
        progress = TerminalProgress(self.lang, self.key, total)
        self.made.append(progress)
        return progress

    def finish(self) -> None:
        for progress in self.made:
            progress.finish()


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The backup file to write (replaced if it exists).",
)
@click.option(
    "--scheduled",
    is_flag=True,
    help="As the daemon does: into [backup] folder when one is due, keeping the newest.",
)
@json_option
@click.pass_obj
def backup(app: App, output: Path | None, scheduled: bool, as_json: bool) -> None:
    """Write the database and every recording into one file (readable by you only).

    The daemon may keep running meanwhile. The file is checked before it is kept.
    """
    from microalign.app.backup import backup as make_backup

    if (output is None) == (not scheduled):
        raise UsageError.keyed("backup_target")
    if scheduled:
        from datetime import datetime

        from microalign.app.backup_schedule import backup_if_due

        written = backup_if_due(app, datetime.now())
        if written is None:
            click.echo(app.pack.t("cli.backup_not_due"))
            return
        output = written
    assert output is not None
    progresses = _Progresses(app.pack, "cli.backup_progress")
    try:
        done = make_backup(app, output, progresses) if not scheduled else _done(output)
    finally:
        progresses.finish()
    if as_json:
        emit_json({"path": str(done.path), "audio_files": done.audio_files, "bytes": done.size})
        return
    click.echo(
        app.pack.t("cli.backup_done", path=done.path, count=done.audio_files, size=_size(done))
    )


def _done(path: Path) -> Done:
    from microalign.adapters.backup import read_listing

    _, listing, _ = read_listing(path)
    return Done(path, listing.audio_count, path.stat().st_size)


def _size(done: Done) -> str:
    return _megabytes(done.size) + " MB"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing store (it is kept in a folder inside the data folder).",
)
@json_option
@click.pass_obj
def restore(app: App, file: Path, force: bool, as_json: bool) -> None:
    """Bring back the store saved by `microalign backup`.

    The whole file is checked before anything changes; the daemon must not run.
    """
    from microalign.app.restore import restore as bring_back

    progresses = _Progresses(app.pack, "cli.restore_progress")
    try:
        done = bring_back(app, file, force, progresses)
    finally:
        progresses.finish()
    if as_json:
        aside = str(done.aside) if done.aside else None
        emit_json({"database": str(done.path), "audio_files": done.audio_files, "aside": aside})
        return
    click.echo(app.pack.t("cli.restore_done", file=file, data=app.paths.data_dir))
    if done.aside is not None:
        click.echo(app.pack.t("cli.restore_aside", aside=done.aside))


SOURCES = ("loop", "jrnl", "json")


@click.command("import")
@click.argument("source", type=click.Choice(SOURCES))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@json_option
@click.pass_obj
def import_group(app: App, source: str, file: Path, dry_run: bool, as_json: bool) -> None:
    """Bring history over from another tool: goals with their days, notes, journals.

    \b
    loop  Loop Habit Tracker's CSV export (the zip)
    jrnl  jrnl's plain-text or JSON export (`jrnl --export txt` / `--export json`)
    json  microalign's own `export --format json`

    The whole file is checked first, then added in one step; what was imported before
    is not added again.
    """
    from microalign.app.importing import import_file

    summary = import_file(app, source, file, dry_run)
    if as_json:
        goals = [
            {"goal": g.text, "start": g.start, "new": g.new, "days": dict(g.outcomes)}
            for g in summary.goals
        ]
        emit_json({"dry_run": dry_run, "goals": goals, "notes": summary.notes})
        return
    lang = app.pack
    if summary.empty:
        click.echo(lang.t("cli.import_nothing", path=file))
        return
    click.echo(lang.t("cli.import_dry_run" if dry_run else "cli.import_done", path=file))
    for goal in summary.goals:
        counts = goal.outcomes
        click.echo(
            lang.t(
                "cli.import_goal",
                goal=for_terminal(goal.text),
                start=goal.start.isoformat(),
                days=sum(counts.values()),
                kept=counts["kept"],
                partly=counts["partly"],
                missed=counts["missed"],
                rest=counts["rest"],
                new=lang.t("cli.import_goal_new") if goal.new else "",
            )
        )
    if summary.notes:
        click.echo(lang.t("cli.import_notes", count=summary.notes))
