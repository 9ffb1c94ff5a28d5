"""`init` and `config`: first-time setup and configuration checks."""

from __future__ import annotations

import os
from pathlib import Path

import click

from microalign import texts
from microalign.app import App
from microalign.cli.output import emit_json, json_option
from microalign.config import default_text, load
from microalign.errors import ConfigError
from microalign.paths import private_dir


def write_atomically(path: Path, text: str) -> None:
    """Replace a config file in one step, so a crash never leaves half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing config with the defaults.")
@click.pass_obj
def init(app: App, force: bool) -> None:
    """Write the default config, create the data folder and the database."""
    path = app.paths.config_file
    if path.exists() and not force:
        load(path)  # an invalid existing config is reported, not silently kept
        click.echo(texts.INIT_EXISTS.format(config=path))
    else:
        write_atomically(path, default_text())
    private_dir(app.paths.data_dir)
    private_dir(app.paths.audio_dir)
    app.store  # noqa: B018 - creates and migrates the database
    click.echo(texts.INIT_DONE.format(config=path, data=app.paths.data_dir))


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
        app.config  # noqa: B018 - loading validates
    except ConfigError as exc:
        if as_json:
            emit_json({"path": str(path), "valid": False, "problems": exc.problems})
        raise
    if as_json:
        emit_json({"path": str(path), "valid": True, "exists": path.exists()})
    elif path.exists():
        click.echo(texts.CONFIG_OK.format(path=path))
    else:
        click.echo(texts.CONFIG_DEFAULTS.format(path=path))


@config.command("path")
@click.pass_obj
def config_path(app: App) -> None:
    """Print where the config file is read from."""
    click.echo(app.paths.config_file)
