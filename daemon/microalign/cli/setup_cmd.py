"""`init` and `config`: first-time setup and configuration checks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from microalign.adapters.files import make_folders, write_private
from microalign.adapters.paths import private_dir
from microalign.app.context import App
from microalign.cli.output import emit_json, json_option
from microalign.config import Config, default_text, load
from microalign.errors import ConfigError, UsageError, access_error
from microalign.i18n import Keyed


def write_atomically(path: Path, text: str) -> None:
    """Replace a config file in one step, so a crash never leaves half of it; the file is
    0600 and missing folders are created 0700 (the config names the user's values)."""
    make_folders(path.parent)
    write_private(path, text)


LANGUAGES = ("en", "ko")


@click.command()
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing config with the defaults (a copy of it is kept beside it).",
)
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help="Language of check-ins: en or ko [the installed speech model's, else en].",
)
@click.option("--goal", metavar="TEXT", help="Add this first micro-goal.")
@click.option("--value", help="The value the first goal serves (one of general.values).")
@click.option("--no-input", is_flag=True, help="Ask nothing; use the flags and the defaults.")
@click.option(
    "--encrypt",
    "encrypt_with",
    is_flag=False,
    flag_value="keyring",
    type=click.Choice(("keyring", "passphrase")),
    help="Create the store encrypted, its key in the keyring (or --encrypt=passphrase).",
)
@click.pass_obj
def init(
    app: App,
    force: bool,
    language: str | None,
    goal: str | None,
    value: str | None,
    no_input: bool,
    encrypt_with: str | None,
) -> None:
    """Write the default config, create the data folder and the database, add a first
    goal, and list what is still missing, each with the command that fixes it.

    On a terminal (and without --no-input or other flags) it asks for the language and
    a first goal; run again, it keeps an existing config and adds no goal twice.
    """
    if value is not None and goal is None:
        raise UsageError.keyed("value_without_goal")
    ask = not (no_input or language or goal) and sys.stdin.isatty()
    path = app.paths.config_file
    if not app.paths.config_required:
        private_dir(path.parent)  # microalign's own folder: 0700 even if an older one made it 0755
    if path.exists() and not force:
        kept = load(path)  # an invalid existing config is reported, not silently kept
        click.echo(app.pack.t("cli.init_exists", config=path))
        if language and language != kept.general.language:
            click.echo(app.pack.t("cli.init_language_kept", language=kept.general.language))
    else:
        if ask:
            language = click.prompt(
                app.pack.t("cli.init_ask_language"),
                type=click.Choice(LANGUAGES),
                default=default_language(app),
            )
        text = config_text(language or default_language(app, asked=False))
        backup = keep_copy(path, text) if path.exists() else None
        write_atomically(path, text)
        app.forget_config()
        if backup is not None:
            click.echo(app.pack.t("cli.init_backup", backup=backup))
    private_dir(app.paths.data_dir)
    private_dir(app.paths.audio_dir)
    if encrypt_with is not None:
        from microalign.app.encryption import encrypt

        encrypt(app, encrypt_with)  # a new store is created encrypted; an old one converted
    app.store  # noqa: B018 - creates and migrates the database
    click.echo(app.pack.t("cli.init_done", config=path, data=app.paths.data_dir))
    if ask and not app.goals.active():
        goal, value = _ask_goal(app)
    if goal:
        _first_goal(app, goal, value)
    _next_steps(app)


def keep_copy(path: Path, replacement: str) -> Path | None:
    """Copy the config about to be replaced to a free name beside it (0600: it names the
    user's values), unless it says exactly what replaces it. Returns the copy."""
    try:
        old = path.read_bytes()
    except OSError as exc:
        raise access_error(exc, path, "read") from None
    if old == replacement.encode("utf-8"):
        return None
    backup, number = path.with_name(f"{path.name}.bak"), 0
    while backup.exists():  # an earlier copy stays as it is
        number += 1
        backup = path.with_name(f"{path.name}.bak.{number}")
    write_private(backup, old)
    return backup


def default_language(app: App, asked: bool = True) -> str:
    """The language `.ci/setup --language` installed for; else, offered on a terminal, the
    language of the installed speech models (when they are all of one); else English.
    Without a question the models do not decide: a script gets the same config wherever
    it runs."""
    from microalign.adapters.speech import models

    noted = models.setup_language()
    if noted in LANGUAGES:
        return str(noted)
    if not asked:
        return "en"
    found = models.installed_languages(app.paths.models_dir, models.load_catalogue())
    return found.pop() if len(found) == 1 and found <= set(LANGUAGES) else "en"


def config_text(language: str) -> str:
    """The default config, in `language`."""
    text = default_text()
    line = 'language = "en"\n'
    assert line in text  # the shipped default names it once, in [general]
    return text.replace(line, f'language = "{language}"\n', 1)


def _ask_goal(app: App) -> tuple[str | None, str | None]:
    lang = app.pack
    text = click.prompt(lang.t("cli.init_ask_goal"), default="", show_default=False).strip()
    if not text:
        return None, None
    keys = app.values.ordered()
    values = app.values.labels()
    value = click.prompt(
        lang.t("cli.init_ask_value", values=", ".join(values)),
        type=click.Choice([*values, *keys, ""]),
        default="",
        show_default=False,
        show_choices=False,
    )
    return text, value or None


def _first_goal(app: App, text: str, value: str | None) -> None:
    """Add the goal unless an active one says the same (init may run again)."""
    from microalign.cli.goals_cmd import show_change

    if any(g.text == text.strip() for g in app.goals.active()):
        return
    show_change(app, app.goals.add(text, value, None, None, app.today()), "added")


def _next_steps(app: App) -> None:
    """What is missing (the same list `microalign run` gives at start), then what to do."""
    from microalign.app import readiness

    lang = app.pack
    found, unchecked = readiness.find_gaps(app)
    gaps = [gap.shown(lang) for gap in found]
    click.echo()
    lines = readiness.describe(lang, gaps, unchecked, heading="ready.init_heading")
    click.echo("\n".join(lines or [lang.t("ready.all_set")]))
    click.echo()
    click.echo(lang.t("cli.init_next"))


@click.group()
def config() -> None:
    """Check or locate the configuration file."""


@config.command("check")
@json_option
@click.pass_obj
def config_check(app: App, as_json: bool) -> None:
    """Validate the config file; every problem is listed with its key."""
    path = app.paths.config_file
    try:
        problems = _model_problems(app.config)  # loading validates the rest
        if problems:
            raise ConfigError(path, problems)
    except ConfigError as exc:
        if as_json:
            emit_json({"path": str(path), "valid": False, "problems": exc.problems})
        raise
    if as_json:
        emit_json({"path": str(path), "valid": True, "exists": path.exists()})
    elif path.exists():
        click.echo(app.pack.t("cli.config_ok", path=path))
    else:
        click.echo(app.pack.t("cli.config_defaults", path=path))


def _model_problems(config: Config) -> list[str]:
    """speech.model must name a model that can exist: a catalogue name of the configured
    language, or a Vosk model directory (whether it is installed is for `doctor`)."""
    from microalign.adapters.speech import models

    problem = models.setting_problem(
        config.speech.model, config.general.language, models.load_catalogue()
    )
    if not problem:
        return []
    return [Keyed("config.problem.at_key", key="speech.model", problem=problem)]


@config.command("path")
@click.pass_obj
def config_path(app: App) -> None:
    """Print where the config file is read from."""
    click.echo(app.paths.config_file)
