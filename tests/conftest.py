"""Shared fixtures: every test gets its own XDG directories, never the user's."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from microalign.adapters.paths import resolve
from microalign.app.context import App
from microalign.cli import main
from tests.harness.cli import Result, run_microalign

# The property tests check results, never speed: on a shared, busy machine a draw or an
# example may take seconds, which Hypothesis would otherwise report as a failure.
settings.register_profile("shared", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shared")

# The harness (private desktop, PulseAudio, speech, models) and the pinned clock, for
# every directory.
pytest_plugins = ["tests.harness.fixtures", "tests.harness.clock"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private config, data, runtime and cache directories, also for child processes."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_CACHE_HOME"):
        path = tmp_path / name.lower()
        path.mkdir(mode=0o700)
        monkeypatch.setenv(name, str(path))
    monkeypatch.delenv("MICROALIGN_CONFIG", raising=False)
    monkeypatch.delenv("MICROALIGN_DATA_DIR", raising=False)
    return tmp_path


@pytest.fixture
def app(home: Path):
    application = App(resolve())
    yield application
    application.close()


@pytest.fixture
def cli(home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `microalign ARGS` in this process with `stdin` as standard input."""

    def run(*args: str, stdin: str = "") -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_process(home: Path):
    """Run `microalign ARGS` as a real process, as a user would."""

    def run(*args: str, stdin: str = "", timeout: float = 60) -> Result:
        return run_microalign(*args, stdin=stdin, timeout=timeout)

    return run
