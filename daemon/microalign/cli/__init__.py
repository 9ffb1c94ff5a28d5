"""The `microalign` command: a thin click layer over the library.

Subcommands live in their own modules and are imported only when used, so that
`microalign status` does not pay for speech, scheduling or notification libraries.
`main(argv) -> int` is the one exit point: it maps our errors to exit codes.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import traceback
from typing import TYPE_CHECKING, Any

import click

from microalign.adapters.logsetup import configure
from microalign.core.safetext import for_terminal
from microalign.errors import MicroalignError, UsageError

if TYPE_CHECKING:
    from microalign.i18n import LanguagePack
    from microalign.service.compose import SpeechFactory

INTERNAL_ERROR = 70
# ctx.meta key: the speech spoken check-ins are composed with when main() was given one.
SPEECH = "microalign.speech"
# The App of the command being run: main() speaks the configured language when it can.
_running: dict[str, Any] = {}

COMMANDS = {
    "init": "microalign.cli.setup_cmd:init",
    "config": "microalign.cli.setup_cmd:config",
    "goals": "microalign.cli.goals_cmd:goals",
    "values": "microalign.cli.goals_cmd:values",
    "checkin": "microalign.cli.checkin_cmd:checkin",
    "status": "microalign.cli.progress_cmd:status",
    "today": "microalign.cli.progress_cmd:today",
    "history": "microalign.cli.progress_cmd:history",
    "stats": "microalign.cli.progress_cmd:stats",
    "export": "microalign.cli.export_cmd:export",
    "report": "microalign.cli.export_cmd:report",
    "models": "microalign.cli.voice_cmd:models",
    "retranscribe": "microalign.cli.voice_cmd:retranscribe",
    "run": "microalign.cli.daemon_cmd:run",
    "doctor": "microalign.cli.daemon_cmd:doctor",
    "service": "microalign.cli.service_cmd:service",
    "backup": "microalign.cli.data_cmd:backup",
    "restore": "microalign.cli.data_cmd:restore",
    "import": "microalign.cli.data_cmd:import_group",
    "encrypt": "microalign.cli.crypt_cmd:encrypt",
    "decrypt": "microalign.cli.crypt_cmd:decrypt",
    "key": "microalign.cli.crypt_cmd:key",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            # Click suggests from the commands it holds, and this group holds none until
            # one is asked for: give it every name ("stauts": did you mean 'status'?).
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=COMMANDS, ctx=ctx
            ) from None


@click.group(
    cls=LazyGroup,
    context_settings={
        "help_option_names": ["-h", "--help"],
        # Commands, options and choices in any letter case ("Status", "--JSON"); every
        # subcommand inherits it.
        "token_normalize_func": str.lower,
    },
)
@click.version_option(package_name="microalign", prog_name="microalign")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    envvar="MICROALIGN_CONFIG",
    help="Configuration file [default: $XDG_CONFIG_HOME/microalign/microalign.toml].",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar="MICROALIGN_DATA_DIR",
    help="Data directory [default: $XDG_DATA_HOME/microalign].",
)
@click.option(
    "--passphrase-fd",
    type=int,
    metavar="N",
    help="Read the passphrase of an encrypted store from file descriptor N.",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(
    ctx: click.Context,
    config_file: str | None,
    data_dir: str | None,
    passphrase_fd: int | None,
    verbose: int,
    debug: bool,
) -> None:
    """microalign: a voice-first coach for small daily goals.

    Every morning it asks for your intention; every evening it walks you through your
    micro-goals (yes / no / partly / skip) and how the day felt. Everything stays on
    this computer.
    """
    from microalign.adapters.paths import resolve
    from microalign.app.context import App
    from microalign.core.clock import tz_problem

    level = logging.DEBUG if debug or verbose > 1 else logging.INFO if verbose else logging.WARNING
    configure(level)
    for name, value in (("config_file", config_file), ("data_dir", data_dir)):
        if value == "":
            flag = "--" + name.removesuffix("_file").replace("_", "-")
            raise UsageError(f"{flag} is empty.", f"Give a path, or leave out {flag}.")
    speech = ctx.obj  # what main() was given: the speech factory, or None
    app = App(resolve(config_file, data_dir), passphrase_fd=passphrase_fd)
    _running["app"] = app
    ctx.obj = app
    ctx.meta[SPEECH] = speech
    ctx.call_on_close(app.close)
    problem = tz_problem()
    if problem:
        # Commands that work out "today" refuse (App.today); the others only warn.
        def warn() -> None:
            if not app.tz_checked:
                click.echo(
                    "microalign: " + _language().t("cli.tz_warning", problem=problem), err=True
                )

        ctx.call_on_close(warn)


def _check_arguments(args: list[str]) -> None:
    """Bytes that are not UTF-8 arrive as lone surrogates, which nothing can store."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(
                f'The argument "{shown}" is not valid UTF-8 text.',
                "Type it again in a terminal that uses UTF-8 (see `locale`).",
            ) from None


def main(argv: list[str] | None = None, *, speech: SpeechFactory | None = None) -> int:
    """Run the command `argv`; a spoken check-in speaks with the speaker and listener
    `speech` makes (default: the voice of the config; tests give scripted speech)."""
    args = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in args or bool(os.environ.get("MICROALIGN_DEBUG"))
    _running.clear()
    try:
        _check_arguments(args)
        result = cli.main(args=args, prog_name="microalign", standalone_mode=False, obj=speech)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("\n" + _language().t("cli.interrupted"), err=True)
        return 130
    except MicroalignError as exc:
        return _report(exc, debug)
    except OSError as exc:
        # A full disk or a permission problem where no caller named the file: still the
        # user's to fix, not a bug.
        from microalign.errors import ENVIRONMENT_ERRNOS, access_error

        if exc.errno not in ENVIRONMENT_ERRNOS:
            return _internal_error(debug)
        return _report(access_error(exc, exc.filename, "use"), debug)
    except Exception:
        return _internal_error(debug)
    return result if isinstance(result, int) else 0


def _language() -> LanguagePack:
    """The configured language, or English when there is no (valid) config to say so."""
    from microalign.i18n import EN

    app = _running.get("app")
    if app is None:
        return EN
    try:
        return app.pack
    except Exception:  # the config itself is what failed: the language it names, if any
        from microalign.cli.output import language_of_broken_config

        return language_of_broken_config(app.paths.config_file)


def _report(exc: MicroalignError, debug: bool) -> int:
    if debug:
        traceback.print_exc()
    text = exc.render(_language())
    # Messages may quote names from the database: keep their lines, escape the rest.
    message = "\n".join(for_terminal(line) for line in text.split("\n"))
    click.echo(f"microalign: {message}", err=True)
    return exc.exit_code


def _internal_error(debug: bool) -> int:
    if debug:
        raise  # the exception being handled by main()
    error = repr(sys.exc_info()[1])
    try:
        text = _language().t("cli.internal_error", error=error)
    except Exception:  # a bug must still be reported, whatever else is broken
        text = f"internal error: {error}"
    click.echo(f"microalign: {text}", err=True)
    return INTERNAL_ERROR


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
