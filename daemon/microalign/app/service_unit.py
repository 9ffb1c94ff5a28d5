"""`microalign service install|uninstall|status`: the systemd user unit that runs this
installation's daemon with every session."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from microalign.adapters import userunit
from microalign.adapters.files import make_folders, write_private
from microalign.adapters.paths import Paths
from microalign.errors import ServiceError, access_error

log = logging.getLogger(__name__)

# What to run by hand when no user manager can be reached from here.
ENABLE_COMMANDS = [
    "systemctl --user daemon-reload",
    "systemctl --user enable --now microalign",
]


# How the check of a unit went (a unit with problems is not installed).
PASSED = "passed"
NO_CHECKER = "no_checker"  # systemd-analyze is not installed
COULD_NOT_RUN = "could_not_run"  # systemd-analyze fails whatever unit it is given


@dataclass
class Installed:
    path: Path
    exec_start: str
    check: str  # PASSED, NO_CHECKER or COULD_NOT_RUN
    enabled: bool  # False: no user manager reachable; run `commands`
    commands: list[str] = field(default_factory=list)
    checker_output: str | None = None  # why the checker could not run

    @property
    def verified(self) -> bool:
        return self.check == PASSED

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "exec_start": self.exec_start,
            "verified": self.verified,
            "check": self.check,
            "checker_output": self.checker_output,
            "enabled": self.enabled,
            "commands": self.commands,
        }


@dataclass
class Removed:
    path: Path
    was_installed: bool
    disabled: bool  # stopped and disabled through the user manager

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "was_installed": self.was_installed,
            "disabled": self.disabled,
        }


@dataclass
class Status:
    path: Path
    installed: bool
    exec_start: str | None  # of the installed unit
    this_installation: bool  # its ExecStart runs this installation
    up_to_date: bool  # it is what `install` would write now
    manager: bool  # a user manager is reachable; enabled and active are known
    enabled: str | None
    active: str | None
    expected_exec_start: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "installed": self.installed,
            "exec_start": self.exec_start,
            "this_installation": self.this_installation,
            "up_to_date": self.up_to_date,
            "manager_reachable": self.manager,
            "enabled": self.enabled,
            "active": self.active,
            "expected_exec_start": self.expected_exec_start,
        }


def install(paths: Paths) -> Installed:
    """Write the unit for this installation, check it, then enable and start it when a
    user manager is reachable. A unit that fails the check is not installed."""
    command = userunit.entry_point()
    text = userunit.render(command, paths)
    unit = userunit.unit_file()
    check, checker_output = _verify(text, unit)
    make_folders(unit.parent)
    write_private(unit, text)
    enabled = userunit.manager_reachable()
    if enabled:
        _systemctl("daemon-reload")
        _systemctl("enable", "--now", userunit.UNIT_NAME)
    return Installed(
        unit,
        userunit.command_line(command),
        check,
        enabled,
        [] if enabled else list(ENABLE_COMMANDS),
        checker_output,
    )


def uninstall(paths: Paths) -> Removed:
    """Stop and disable the unit when a user manager is reachable, then remove it and the
    link `enable` made."""
    unit = userunit.unit_file()
    link = userunit.wants_link(unit)
    installed = unit.exists() or link.is_symlink()
    if not installed:
        return Removed(unit, False, False)
    reachable = userunit.manager_reachable()
    if reachable:
        _systemctl("disable", "--now", userunit.UNIT_NAME)
    for path in (link, unit):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise access_error(exc, path, "remove") from None
    if reachable:
        _systemctl("daemon-reload")
    return Removed(unit, True, reachable)


def status(paths: Paths) -> Status:
    unit = userunit.unit_file()
    command = userunit.entry_point()
    expected = userunit.command_line(command)
    try:
        text: str | None = unit.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    except OSError as exc:
        raise access_error(exc, unit, "read") from None
    found = userunit.exec_start(text) if text is not None else None
    reachable = userunit.manager_reachable()
    enabled = active = None
    if reachable:
        # Their answer is one word on stdout ("enabled", "inactive", ...), even on failure.
        enabled = userunit.systemctl("is-enabled", userunit.UNIT_NAME).stdout or None
        active = userunit.systemctl("is-active", userunit.UNIT_NAME).stdout or None
    return Status(
        path=unit,
        installed=text is not None,
        exec_start=found,
        this_installation=found == expected,
        up_to_date=text == userunit.render(command, paths),
        manager=reachable,
        enabled=enabled,
        active=active,
        expected_exec_start=expected,
    )


def _verify(text: str, unit: Path) -> tuple[str, str | None]:
    """Check the unit as systemd would load it before it replaces anything: how the check
    went, and the checker's output when it could not run. A unit with problems raises."""
    with tempfile.TemporaryDirectory(prefix="microalign-unit-") as folder:
        candidate = Path(folder) / userunit.UNIT_NAME
        candidate.write_text(text, encoding="utf-8")
        outcome = userunit.verify(candidate)
        if outcome is None:
            return NO_CHECKER, None
        if outcome.ok:
            return PASSED, None
        # A failure says nothing about the unit when the checker fails a unit with
        # nothing wrong in it as well (no user manager to check with, a broken install).
        if outcome.code == userunit.NOT_RUN or not userunit.checker_runs(Path(folder)):
            log.info("systemd-analyze could not check the unit: %s", outcome.output)
            return COULD_NOT_RUN, outcome.output or str(outcome.code)
    output = outcome.output.replace(str(candidate), str(unit))
    log.info("systemd-analyze found problems in %s:\n%s", unit, output)
    raise ServiceError.keyed("service_verify", path=unit, output=output or outcome.code)


def _systemctl(*args: str) -> None:
    outcome = userunit.systemctl(*args)
    if not outcome.ok:
        log.info("%s: %s", " ".join(outcome.command), outcome.output)
        raise ServiceError.keyed(
            "service_systemctl",
            command=" ".join(outcome.command),
            output=outcome.output or outcome.code,
        )
