"""The systemd user unit of this installation: rendered from the shipped template, checked
with `systemd-analyze --user verify`, handed to the user's service manager (systemctl)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from microalign.adapters.paths import CONFIG_ENV, DATA_ENV, Paths

log = logging.getLogger(__name__)

UNIT_NAME = "microalign.service"
# In a checkout, systemd/ beside daemon/ holds the unit.
CHECKOUT_UNIT = Path(__file__).resolve().parents[3] / "systemd" / UNIT_NAME
# Characters that end or change a word in a unit file's value unless it is quoted.
_NEEDS_QUOTES = frozenset(" \t\"'\\;")


NOT_RUN = -1  # Outcome.code of a command that could not start or did not finish


@dataclass(frozen=True)
class Outcome:
    """A finished systemd command: its exit status and what it printed."""

    command: list[str]
    code: int
    stdout: str
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def output(self) -> str:
        return "\n".join(text for text in (self.stdout, self.stderr) if text)


def unit_file() -> Path:
    """Where systemd looks for the user's own units: $XDG_CONFIG_HOME/systemd/user."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    config = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return config / "systemd" / "user" / UNIT_NAME


def wants_link(unit: Path) -> Path:
    """The link `systemctl --user enable` makes for WantedBy=default.target."""
    return unit.parent / "default.target.wants" / UNIT_NAME


def entry_point() -> list[str]:
    """The command that runs this installation's daemon: its console script when that
    runs this Python, else this Python with `-m microalign`."""
    python = sys.executable
    script = Path(python).parent / "microalign"
    try:
        with script.open("rb") as handle:
            first = handle.readline().decode(errors="replace").strip()
    except OSError:
        first = ""
    interpreter = first.removeprefix("#!").split(" ")[0] if first.startswith("#!") else ""
    if interpreter and Path(interpreter).parent == Path(python).parent:
        return [str(script), "run"]
    return [python, "-m", "microalign", "run"]


def template() -> str:
    """The unit as shipped: package data in an installed wheel (microalign/systemd/), the
    repository's systemd/ folder in a checkout, whose file the wheel carries."""
    packaged = resources.files("microalign").joinpath("systemd", UNIT_NAME)
    if packaged.is_file():
        return packaged.read_text("utf-8")
    return CHECKOUT_UNIT.read_text("utf-8")


def render(command: list[str], paths: Paths) -> str:
    """The shipped unit with this installation's command, config file and data folder."""
    template_text = template()
    data = str(paths.data_dir.absolute())
    config = str(paths.config_file.absolute())
    lines: list[str] = []
    for line in template_text.splitlines():
        key = line.partition("=")[0]
        if key == "ExecStart":
            lines.append("ExecStart=" + command_line(command))
            lines.append("Environment=" + _quote(f"{CONFIG_ENV}={config}"))
            lines.append("Environment=" + _quote(f"{DATA_ENV}={data}"))
        elif key == "ExecStartPre":
            # "+": outside the sandbox, whose read-only home would refuse to create it.
            lines.append("ExecStartPre=+" + command_line(["/bin/mkdir", "-p", data]))
        elif key == "ReadWritePaths":
            lines.append("ReadWritePaths=" + _quote("-" + data))
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def command_line(argv: list[str]) -> str:
    """`argv` as an Exec*= value: specifiers and variables escaped, spaces quoted."""
    return " ".join(_quote(word.replace("$", "$$")) for word in argv)


def exec_start(text: str) -> str | None:
    """The (last) ExecStart= value of a unit file's text."""
    found = [line.partition("=")[2] for line in text.splitlines() if line.startswith("ExecStart=")]
    return found[-1] if found else None


def _quote(word: str) -> str:
    word = word.replace("%", "%%")
    if word and not _NEEDS_QUOTES & set(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def verify(unit: Path) -> Outcome | None:
    """`systemd-analyze --user verify` of `unit`, or None when systemd-analyze is missing."""
    if shutil.which("systemd-analyze") is None:
        return None
    command = ["systemd-analyze", "--user", "verify", str(unit)]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and os.path.isdir(runtime):
        return _run(command, timeout=60)
    # Without a runtime directory (su, sudo -u, a login without a session) it cannot set
    # up the user manager it checks with ("Failed to initialize manager"): lend it a
    # private one for the check.
    with tempfile.TemporaryDirectory(prefix="microalign-runtime-") as folder:
        return _run(command, timeout=60, env={**os.environ, "XDG_RUNTIME_DIR": folder})


def checker_runs(folder: Path) -> bool:
    """Whether `systemd-analyze --user verify` passes a unit with nothing wrong in it,
    written to `folder`: when it fails that too, it is the checker that cannot run here."""
    probe = folder / "microalign-probe.service"
    probe.write_text(
        "[Service]\nExecStart=" + command_line([sys.executable, "-V"]) + "\n", encoding="utf-8"
    )
    outcome = verify(probe)
    return outcome is not None and outcome.ok


def manager_reachable() -> bool:
    """Whether a systemd user manager answers (`systemctl --user` needs one)."""
    if shutil.which("systemctl") is None:
        return False
    return _run(["systemctl", "--user", "show", "--property=Version"]).ok


def systemctl(*args: str) -> Outcome:
    return _run(["systemctl", "--user", *args], timeout=90)


def _run(command: list[str], timeout: float = 20, env: dict[str, str] | None = None) -> Outcome:
    log.debug("running %s", command)
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Outcome(command, NOT_RUN, "", str(exc))
    return Outcome(command, done.returncode, done.stdout.strip(), done.stderr.strip())
