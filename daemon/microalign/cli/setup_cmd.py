"""`init` and `config`: first-time setup and configuration checks."""

from __future__ import annotations

from pathlib import Path

import click

from microalign.adapters.files import make_folders, write_private
from microalign.adapters.paths import private_dir
from microalign.app.context import App
from microalign.cli.output import emit_json, json_option
from microalign.config import Config, default_text, load
from microalign.errors import ConfigError


def write_atomically(path: Path, text: str) -> None:
    """Replace a config file in one step, so a crash never leaves half of it; the file is
    0600 and missing folders are created 0700 (the config names the user's values)."""
    make_folders(path.parent)
    write_private(path, text)


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing config with the defaults.")
@click.pass_obj
def init(app: App, force: bool) -> None:
    """Write the default config, create the data folder and the database."""
    path = app.paths.config_file
    if not app.paths.config_required:
        private_dir(path.parent)  # microalign's own folder: 0700 even if an older one made it 0755
    if path.exists() and not force:
        load(path)  # an invalid existing config is reported, not silently kept
        click.echo(app.pack.t("cli.init_exists", config=path))
    else:
        write_atomically(path, default_text())
    private_dir(app.paths.data_dir)
    private_dir(app.paths.audio_dir)
    app.store  # noqa: B018 - creates and migrates the database
    click.echo(app.pack.t("cli.init_done", config=path, data=app.paths.data_dir))


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
    return [f"speech.model: {problem}"] if problem else []


@config.command("path")
@click.pass_obj
def config_path(app: App) -> None:
    """Print where the config file is read from."""
    click.echo(app.paths.config_file)
