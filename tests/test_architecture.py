"""The layer contracts, the type check and the code style hold for the whole package.

Run as tests so that the one test command (README.md, .ci/run) enforces them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_imports_layer_contracts_kept():
    done = _run(_tool("lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_package_mypy_no_errors():
    done = _run(_tool("mypy"))
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "Success" in done.stdout


def test_code_ruff_check_and_format_clean():
    check = _run(_tool("ruff"), "check", "daemon", "tests")
    assert check.returncode == 0, check.stdout[-4000:]
    formatted = _run(_tool("ruff"), "format", "--check", "daemon", "tests")
    assert formatted.returncode == 0, formatted.stdout[-4000:]


def test_contracts_no_blanket_ignores():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    mypy = config["tool"]["mypy"]
    assert not mypy.get("ignore_errors") and not mypy.get("ignore_missing_imports")
    for override in mypy.get("overrides", []):
        assert not override.get("ignore_errors"), override
        assert "microalign" not in str(override.get("module")), override
    for contract in config["tool"]["importlinter"]["contracts"]:
        assert not contract.get("ignore_imports"), contract["name"]
    package = ROOT / "daemon" / "microalign"
    bare = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in package.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if "type: ignore" in line and "type: ignore[" not in line
    ]
    assert not bare, bare


def test_contracts_acyclic_siblings_cover_every_package():
    """No import cycle anywhere: one acyclic_siblings contract from the top package down
    (lint-imports, above, checks it)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    acyclic = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "acyclic_siblings"
    ]
    assert [contract["ancestors"] for contract in acyclic] == [["microalign"]], acyclic
    assert all("depth" not in contract for contract in acyclic)  # the default: every level
