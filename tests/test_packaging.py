"""The wheel carries the one systemd unit (systemd/microalign.service at the top of the
repository) and every module; an editable install, as .ci/setup makes, finds the unit too.
Only the build reaches a package registry (for setuptools)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT / "systemd" / "microalign.service"
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]


def _source(folder: Path) -> Path:
    """What the build needs of this checkout; symbolic links become the files they name."""
    source = folder / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("daemon", "systemd"):
        shutil.copytree(
            ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg*")
        )
    return source


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    folder = tmp_path_factory.mktemp("wheel")
    source = _source(folder)
    subprocess.run(
        [*PIP, "wheel", "-q", "--no-deps", "-w", str(folder / "out"), str(source)],
        check=True,
        timeout=600,
    )
    (built,) = (folder / "out").glob("microalign-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_packaging_wheel_unit_is_the_top_level_file_byte_for_byte(wheel):
    assert wheel.read("microalign/systemd/microalign.service") == UNIT.read_bytes()


def test_packaging_wheel_holds_every_module_and_data_file(wheel):
    package = ROOT / "daemon" / "microalign"
    expected = {
        "microalign/" + path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected - set(wheel.namelist()) == set()


def test_packaging_one_copy_of_the_unit_in_the_repository():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert [path for path in tracked if path.endswith(".service")] == ["systemd/microalign.service"]
    assert "systemd/microalign.service" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_packaging_editable_install_renders_the_top_level_unit(tmp_path):
    source = _source(tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Its dependencies come from the running environment.
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [*PIP, "--python", str(python), "install", "-q", "--no-deps", "-e", str(source)],
        check=True,
        timeout=600,
    )
    shown = subprocess.run(
        [python, "-c", "from microalign.adapters import userunit; print(userunit.template())"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == (source / "systemd" / "microalign.service").read_text() + "\n"
