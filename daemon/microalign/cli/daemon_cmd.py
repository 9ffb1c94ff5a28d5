"""`microalign run` and `microalign doctor`, two of the commands `COMMANDS` in cli/__init__.py
puts on the main group."""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING

import click

from microalign.adapters.paths import Paths, resolve
from microalign.errors import MicroalignError

if TYPE_CHECKING:
    from microalign.i18n import LanguagePack


def _paths(ctx: click.Context) -> Paths:
    """The group's Paths (ctx.obj is Paths or has .paths), else flags/env/XDG defaults."""
    obj = ctx.find_root().obj
    if isinstance(obj, Paths):
        return obj
    found = getattr(obj, "paths", None)
    return found if isinstance(found, Paths) else resolve()


def _setup_logging(verbose: bool) -> None:
    # stderr goes to the journal under systemd; keep lines short, systemd adds timestamps.
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("apscheduler", "desktop_notifier"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@click.command("run")
@click.option("--verbose", "-v", is_flag=True, help="Log debugging details.")
@click.pass_context
def run(ctx: click.Context, verbose: bool) -> None:
    """Run the daemon in the foreground (systemd starts it as `microalign run`).

    Starts each check-in on time, catches up a check-in missed while the computer was off or
    asleep (inside schedule.grace_minutes), posts notifications and milestone news.
    SIGHUP re-reads the configuration; SIGTERM saves and exits.
    """
    from microalign.service.serve import serve

    _setup_logging(verbose)
    root = ctx.find_root().obj
    if hasattr(root, "tz_checked"):
        root.tz_checked = True  # serve() refuses an unknown TZ: no warning on top
    try:
        code = serve(_paths(ctx))
    except MicroalignError as exc:
        click.echo(f"Error: {exc}", err=True)
        ctx.exit(exc.exit_code)
    ctx.exit(code)


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
@click.pass_context
def doctor(ctx: click.Context, as_json: bool) -> None:
    """Check microphone, audio output, TTS, model, notifications, database, config and
    the service; each failing check says how to fix it. Exit code 1 if any failed."""
    from microalign.app.doctor import run_checks

    fd = getattr(ctx.find_root().obj, "passphrase_fd", None)  # --passphrase-fd, given to App
    checked = run_checks(_paths(ctx), fd if isinstance(fd, int) else None)
    lang = _language(ctx)
    results = [result.shown(lang) for result in checked]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        marks = {state: lang.t(f"doctor.mark.{state}") for state in ("ok", "warn", "fail")}
        width = max(len(mark) for mark in marks.values())
        for result in results:
            key = "doctor.check." + result.name.replace(" ", "_")
            name = lang.t(key) if lang.has(key) else result.name
            click.echo(f"[{marks[result.state].ljust(width)}] {name}: {result.detail}")
            if result.fix:  # an ok check may still suggest something (the service)
                click.echo(f"       → {result.fix}")
    ctx.exit(1 if any(r.state == "fail" for r in checked) else 0)


def _language(ctx: click.Context) -> LanguagePack:
    """The configured language; when the config is invalid (doctor says why), the one it
    names, else English."""
    try:
        return ctx.find_root().obj.pack
    except Exception:
        from microalign.cli.output import language_of_broken_config

        return language_of_broken_config(_paths(ctx).config_file)
