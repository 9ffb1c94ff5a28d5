"""English texts of `microalign service`: the systemd user unit. Part of en.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "service.written": "Wrote {path}\n  ExecStart={command}",
    "service.verified": "Checked with `systemd-analyze --user verify`: no problems.",
    "service.not_verified": (
        "Warning: systemd-analyze is not installed, so the unit was not checked "
        "(apt install systemd)."
    ),
    "service.check_not_run": (
        "Warning: `systemd-analyze --user verify` could not run here, so the unit was not "
        "checked; it is installed anyway. The checker said:\n{output}\n"
        "  Check the unit later, in your desktop session: systemd-analyze --user verify {path}"
    ),
    "service.enabled": (
        "Enabled and started: the daemon now starts with every session.\n"
        "  Logs: journalctl --user -u microalign"
    ),
    "service.no_manager": (
        "No systemd user manager can be reached from here. To enable and start the daemon "
        "in your desktop session, run:\n{commands}"
    ),
    "service.removed": "Removed {path}.",
    "service.disabled": "Stopped and disabled microalign.service.",
    "service.not_installed": "microalign.service is not installed ({path}).",
    "service.status.installed": "{path}: installed",
    "service.status.missing": (
        "{path}: not installed. Run `microalign service install` to start the daemon with "
        "every session."
    ),
    "service.status.this_installation": "It runs this installation: {command}",
    "service.status.other_installation": (
        "It runs another installation: {found}\n"
        "  Run `microalign service install` to point it at this one: {command}"
    ),
    "service.status.outdated": (
        "It differs from what `microalign service install` would write now (the config "
        "or data folder changed?); run that again."
    ),
    "service.status.manager": "enabled: {enabled}, active: {active}",
    "service.status.no_manager": (
        "No systemd user manager can be reached from here: enabled and active are unknown."
    ),
    "file.doing.remove": "remove",
    "file.doing.read": "read",
    "error.service_verify": "`systemd-analyze --user verify` found problems in {path}:\n{output}",
    "hint.service_verify": (
        "Nothing was installed. Check the paths it names, then run `microalign service "
        "install` again; `microalign run` in a terminal works meanwhile."
    ),
    "error.service_systemctl": "`{command}` failed: {output}",
    "hint.service_systemctl": (
        "See `systemctl --user status microalign` and `journalctl --user -u microalign`."
    ),
}
