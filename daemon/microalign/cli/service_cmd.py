"""`service install|uninstall|status`: the systemd user unit that starts the daemon with
every session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from microalign.cli.output import emit_json, json_option

if TYPE_CHECKING:
    from microalign.app.context import App
    from microalign.i18n import LanguagePack


def _language(app: App) -> LanguagePack:
    """The configured language; English when the config cannot be read (the unit does not
    depend on it)."""
    from microalign.errors import ConfigError
    from microalign.i18n import EN

    try:
        return app.pack
    except ConfigError:
        return EN


@click.group()
def service() -> None:
    """The systemd user service that starts the daemon with every session.

    `install` writes ~/.config/systemd/user/microalign.service for this installation
    (its own Python, your config and data folder), checks it with systemd-analyze and
    enables it; `uninstall` removes it; `status` shows how it stands.
    """


@service.command("install")
@json_option
@click.pass_obj
def install(app: App, as_json: bool) -> None:
    """Write, check, enable and start the user unit for this installation."""
    from microalign.app import service_unit

    done = service_unit.install(app.paths)
    if as_json:
        emit_json(done.as_dict())
        return
    lang = _language(app)
    click.echo(lang.t("service.written", path=done.path, command=done.exec_start))
    if done.verified:
        click.echo(lang.t("service.verified"))
    elif done.checker_output is not None:
        output = "\n".join(f"    {line}" for line in done.checker_output.splitlines())
        click.echo(lang.t("service.check_not_run", output=output, path=done.path), err=True)
    else:
        click.echo(lang.t("service.not_verified"), err=True)
    if done.enabled:
        click.echo(lang.t("service.enabled"))
    else:
        commands = "\n".join(f"  {command}" for command in done.commands)
        click.echo(lang.t("service.no_manager", commands=commands))


@service.command("uninstall")
@json_option
@click.pass_obj
def uninstall(app: App, as_json: bool) -> None:
    """Stop and disable the user unit (when systemd can be reached) and remove it."""
    from microalign.app import service_unit

    done = service_unit.uninstall(app.paths)
    if as_json:
        emit_json(done.as_dict())
        return
    lang = _language(app)
    if not done.was_installed:
        click.echo(lang.t("service.not_installed", path=done.path))
        return
    if done.disabled:
        click.echo(lang.t("service.disabled"))
    click.echo(lang.t("service.removed", path=done.path))


@service.command("status")
@json_option
@click.pass_obj
def status(app: App, as_json: bool) -> None:
    """Whether the unit is installed, runs this installation, is enabled and active."""
    from microalign.app import service_unit

    found = service_unit.status(app.paths)
    if as_json:
        emit_json(found.as_dict())
        return
    lang = _language(app)
    if not found.installed:
        click.echo(lang.t("service.status.missing", path=found.path))
        return
    click.echo(lang.t("service.status.installed", path=found.path))
    if found.this_installation:
        click.echo(lang.t("service.status.this_installation", command=found.exec_start))
    else:
        click.echo(
            lang.t(
                "service.status.other_installation",
                found=found.exec_start,
                command=found.expected_exec_start,
            )
        )
    if found.this_installation and not found.up_to_date:
        click.echo(lang.t("service.status.outdated"))
    if found.manager:
        click.echo(lang.t("service.status.manager", enabled=found.enabled, active=found.active))
    else:
        click.echo(lang.t("service.status.no_manager"))
