"""`encrypt`, `decrypt` and `key change`: encryption at rest of the database and the audio."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from microalign.app.context import App
from microalign.cli.output import emit_json, json_option

if TYPE_CHECKING:
    from microalign.adapters.crypto.convert import Outcome

WRAPPINGS = ("keyring", "passphrase")

with_option = click.option(
    "--with",
    "wrapped_by",
    type=click.Choice(WRAPPINGS),
    default="keyring",
    show_default=True,
    help="Keep the key in the desktop keyring, or behind a passphrase "
    "(MICROALIGN_PASSPHRASE, --passphrase-fd N, or asked on the terminal).",
)


def _progress(app: App) -> Callable[[int, int], None]:
    """Recordings converted so far, on a terminal only."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else "\r"
        click.echo(app.pack.t("crypt.progress", done=done, total=total), err=True, nl=False)
        click.echo(end, err=True, nl=False)

    return show


def _summary(
    app: App, outcome: Outcome | None, as_json: bool, done_key: str, same_key: str
) -> None:
    from microalign.app.encryption import describe

    state = describe(app.paths)
    if as_json:
        data = state.as_json()
        data["changed"] = outcome is not None
        data["recordings"] = outcome.recordings if outcome else 0
        emit_json(data)
        return
    if outcome is None:
        click.echo(app.pack.t(same_key, data=app.paths.data_dir))
        return
    click.echo(
        app.pack.t(
            done_key,
            data=app.paths.data_dir,
            count=outcome.recordings,
            source=app.pack.t(f"crypt.source.{state.key_source or 'none'}"),
        )
    )


@click.command()
@with_option
@json_option
@click.pass_obj
def encrypt(app: App, wrapped_by: str, as_json: bool) -> None:
    """Encrypt the database and every recording; new answers are written encrypted.

    Safe to stop at any moment: run it again to finish. The daemon must not run meanwhile.
    """
    from microalign.app.encryption import encrypt as run

    outcome = run(app, wrapped_by, _progress(app))
    _summary(app, outcome, as_json, "crypt.encrypted", "crypt.already_encrypted")


@click.command()
@json_option
@click.pass_obj
def decrypt(app: App, as_json: bool) -> None:
    """Make the database and every recording plain again and remove the key.

    Safe to stop at any moment: run it again to finish. The daemon must not run meanwhile.
    """
    from microalign.app.encryption import decrypt as run

    outcome = run(app, _progress(app))
    _summary(app, outcome, as_json, "crypt.decrypted", "crypt.already_plain")


@click.group()
def key() -> None:
    """The key of an encrypted store."""


@key.command()
@click.option(
    "--with",
    "wrapped_by",
    type=click.Choice(WRAPPINGS),
    help="Move the key into the desktop keyring, or behind a passphrase [default: as now].",
)
@click.option(
    "--new-passphrase-fd",
    type=int,
    metavar="N",
    help="Read the new passphrase from file descriptor N "
    "(else MICROALIGN_NEW_PASSPHRASE, else asked on the terminal).",
)
@click.pass_obj
def change(app: App, wrapped_by: str | None, new_passphrase_fd: int | None) -> None:
    """Wrap the key anew (another passphrase, or the keyring): the data is not re-encrypted."""
    from microalign.adapters.crypto.keys import wrapping_of
    from microalign.app.encryption import change_key
    from microalign.errors import UsageError

    wrapped_by = wrapped_by or wrapping_of(app.paths.data_dir)
    source = change_key(app, wrapped_by, new_passphrase_fd) if wrapped_by else None
    if wrapped_by is None or source is None:
        raise UsageError.keyed("crypt_not_encrypted", data=app.paths.data_dir)
    click.echo(app.pack.t("crypt.key_changed", source=app.pack.t(f"crypt.source.{wrapped_by}")))
