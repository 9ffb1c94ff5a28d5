"""`microalign ARGS` as a real process, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_microalign(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60
) -> Result:
    """Run `python -m microalign ARGS` with `env` (by default this process's environment,
    and so the test clock)."""
    proc = subprocess.run(
        [sys.executable, "-m", "microalign", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy() if env is None else env,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
