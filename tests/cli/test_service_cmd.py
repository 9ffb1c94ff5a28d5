"""`microalign service install|uninstall|status`: the user unit written for this
installation, checked by the real systemd-analyze, never touching a real user session
(no user manager is reachable: a fresh runtime folder and a session bus that does not
exist). A stand-in systemctl plays a reachable user manager."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.harness import ROOT
from tests.harness.clock import FAKETIME_SITE
from tests.harness.unitfile import service_settings

NEEDS_SYSTEMD = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd is not installed"
)


@pytest.fixture
def session(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own and no reachable systemd user manager."""
    (home / "home").mkdir()
    monkeypatch.setenv("HOME", str(home / "home"))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home / 'no-session-bus'}")
    return home


def _unit(session: Path) -> Path:
    return session / "xdg_config_home" / "systemd" / "user" / "microalign.service"


def _verify(unit: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemd-analyze", "--user", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _fake_tool(folder: Path, name: str, code: int, log: Path | None = None) -> None:
    """A stand-in for a systemd tool: logs its arguments, says something, exits `code`."""
    folder.mkdir(exist_ok=True)
    tool = folder / name
    record = f'echo "$*" >> {log}\n' if log else ""
    tool.write_text(f"#!/bin/sh\n{record}echo '{name} says no: bad setting' >&2\nexit {code}\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def non_editable_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """microalign installed (not editable) into a fresh venv; its dependencies come from
    the running environment through a .pth file, so only the build may reach PyPI."""
    root = tmp_path_factory.mktemp("installed")
    source = root / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("daemon", "systemd"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg*")
        )
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", str(source)],
        check=True,
        timeout=600,
    )
    return venv


@NEEDS_SYSTEMD
def test_service_install_from_installed_venv_unit_verifies_and_runs_that_venv(
    session, non_editable_venv
):
    # Not the source tree; only the test clock's sitecustomize (harness/faketime_site).
    env = {**os.environ, "PYTHONPATH": str(FAKETIME_SITE)}
    microalign = str(non_editable_venv / "bin" / "microalign")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [microalign, *args], capture_output=True, text=True, env=env, timeout=120
        )

    installed = run("service", "install")
    assert installed.returncode == 0, installed.stderr
    unit = _unit(session)
    settings = service_settings(unit)
    assert settings["ExecStart"] == [f"{non_editable_venv}/bin/microalign run"]
    data = session / "xdg_data_home" / "microalign"
    assert settings["ReadWritePaths"] == [f"-{data}"]
    assert f"MICROALIGN_DATA_DIR={data}" in settings["Environment"]
    assert _verify(unit).returncode == 0, _verify(unit).stderr
    assert "Checked with `systemd-analyze --user verify`" in installed.stdout
    assert "systemctl --user enable --now microalign" in installed.stdout
    status = json.loads(run("service", "status", "--json").stdout)
    assert status["installed"] and status["this_installation"] and status["up_to_date"]
    assert status["manager_reachable"] is False
    removed = run("service", "uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not unit.exists()


@NEEDS_SYSTEMD
def test_service_install_data_dir_with_space_and_percent_unit_verifies(session, cli, tmp_path):
    data = tmp_path / "my data 100%"
    result = cli("--data-dir", str(data), "service", "install", "--json")
    assert result.code == 0, result.err
    unit = _unit(session)
    assert _verify(unit).returncode == 0, _verify(unit).stderr
    assert service_settings(unit)["ReadWritePaths"] == [f'"-{tmp_path}/my data 100%%"']
    assert json.loads(result.out)["verified"] is True


def test_service_install_unit_folder_is_a_file_exits_12_naming_it(session, cli):
    (session / "xdg_config_home" / "systemd").write_text("not a folder")
    result = cli("service", "install")
    assert result.code == 12, result.err
    assert "systemd" in result.err and "Cannot" in result.err


def _picky_analyze(folder: Path) -> None:
    """A systemd-analyze that works, and finds a problem in microalign.service only."""
    folder.mkdir(exist_ok=True)
    tool = folder / "systemd-analyze"
    tool.write_text(
        '#!/bin/sh\ncase "$3" in\n  */microalign.service)\n'
        '    echo "$3:12: bad setting" >&2; exit 1 ;;\nesac\nexit 0\n'
    )
    tool.chmod(0o755)


def test_service_install_verify_fails_exits_13_with_output_nothing_written(
    session, cli, monkeypatch, tmp_path
):
    _picky_analyze(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = cli("service", "install")
    assert result.code == 13, result.err
    assert f"{_unit(session)}:12: bad setting" in result.err
    assert "Nothing was installed" in result.err
    assert not _unit(session).exists()


def test_service_install_checker_cannot_run_says_so_and_installs(
    session, cli, monkeypatch, tmp_path
):
    # It fails whatever unit it is given: the checker is broken, not the unit.
    _fake_tool(tmp_path / "bin", "systemd-analyze", 1)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = cli("service", "install")
    assert result.code == 0, result.err
    assert "could not run" in result.err and "systemd-analyze says no" in result.err
    assert "not checked" in result.err and "problems" not in result.err
    assert _unit(session).exists()
    found = json.loads(cli("service", "install", "--json").out)
    assert found["verified"] is False and found["check"] == "could_not_run"
    assert "systemd-analyze says no" in found["checker_output"]


@NEEDS_SYSTEMD
def test_service_install_without_runtime_dir_checks_unit_and_installs(
    session, cli_process, monkeypatch
):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    result = cli_process("service", "install", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["verified"] is True
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(session / "xdg_runtime_dir"))
    assert _verify(_unit(session)).returncode == 0


def test_service_install_without_systemd_tools_warns_writes_and_prints_commands(
    session, cli, monkeypatch, tmp_path
):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("service", "install")
    assert result.code == 0, result.err
    assert "systemd-analyze is not installed" in result.err
    assert "systemctl --user daemon-reload" in result.out
    assert _unit(session).exists()


def test_service_install_manager_reachable_reloads_enables_and_starts(
    session, cli, monkeypatch, tmp_path
):
    calls = tmp_path / "systemctl.log"
    _fake_tool(tmp_path / "bin", "systemctl", 0, calls)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = cli("service", "install")
    assert result.code == 0, result.err
    assert "Enabled and started" in result.out
    assert calls.read_text().splitlines()[-2:] == [
        "--user daemon-reload",
        "--user enable --now microalign.service",
    ]


def test_service_install_enable_refused_exits_13_with_output(session, cli, monkeypatch, tmp_path):
    # `show` answers (a manager is reachable) but enabling fails.
    tool = tmp_path / "bin" / "systemctl"
    tool.parent.mkdir()
    tool.write_text('#!/bin/sh\n[ "$2" = show ] && exit 0\necho "unit masked" >&2\nexit 1\n')
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = cli("service", "install")
    assert result.code == 13, result.err
    assert "unit masked" in result.err
    assert "journalctl --user -u microalign" in result.err


def test_service_status_not_installed_says_how_to_install(session, cli):
    result = cli("service", "status")
    assert result.code == 0, result.err
    assert "not installed" in result.out and "microalign service install" in result.out
    assert json.loads(cli("service", "status", "--json").out)["installed"] is False


def test_service_status_unit_of_another_installation_says_so(session, cli):
    unit = _unit(session)
    unit.parent.mkdir(parents=True)
    unit.write_text("[Service]\nExecStart=/opt/old/bin/microalign run\n")
    result = cli("service", "status")
    assert "It runs another installation: /opt/old/bin/microalign run" in result.out
    found = json.loads(cli("service", "status", "--json").out)
    assert found["installed"] and not found["this_installation"]


def test_service_uninstall_not_installed_exits_0_saying_so(session, cli):
    result = cli("service", "uninstall")
    assert result.code == 0, result.err
    assert "is not installed" in result.out


def test_service_uninstall_removes_unit_and_enable_link(session, cli):
    assert cli("service", "install").code == 0
    unit = _unit(session)
    link = unit.parent / "default.target.wants" / "microalign.service"
    link.parent.mkdir()
    link.symlink_to(unit)
    result = cli("service", "uninstall", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"path": str(unit), "was_installed": True, "disabled": False}
    assert not unit.exists() and not link.is_symlink()


def test_service_texts_korean_config_speaks_korean(session, cli):
    config = session / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[general]\nlanguage = "ko"\n')
    result = cli("service", "status")
    assert "설치되지 않음" in result.out


def test_init_next_steps_name_service_install(session, cli):
    result = cli("init")
    assert result.code == 0, result.err
    assert "microalign service install" in result.out
    assert "systemctl" not in result.out


def test_service_status_manager_reachable_shows_enabled_and_active(
    session, cli, monkeypatch, tmp_path
):
    assert cli("service", "install").code == 0
    tool = tmp_path / "bin" / "systemctl"
    tool.parent.mkdir()
    tool.write_text(
        '#!/bin/sh\ncase "$2" in\n  is-enabled) echo enabled ;;\n'
        "  is-active) echo failed; exit 3 ;;\nesac\nexit 0\n"
    )
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = cli("service", "status")
    assert "enabled: enabled, active: failed" in result.out
    found = json.loads(cli("service", "status", "--json").out)
    assert (found["manager_reachable"], found["enabled"], found["active"]) == (
        True,
        "enabled",
        "failed",
    )
