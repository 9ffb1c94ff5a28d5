"""The exit codes docs/exit-codes.md documents are the ones the program has, and no other."""

from __future__ import annotations

import re

from microalign import errors
from microalign.cli import INTERNAL_ERROR
from tests.harness import ROOT

USAGE = 2  # click's own usage errors
INTERRUPTED = 130  # Ctrl-C outside a check-in (main)


def _documented() -> set[int]:
    text = (ROOT / "docs" / "exit-codes.md").read_text()
    paragraph = text.split("Exit codes:", 1)[1].split("\n\n", 1)[0]
    found: set[int] = set()
    for first, last in re.findall(r"(?<![\w-])(\d+)(?:–(\d+))? ", paragraph):
        found.update(range(int(first), int(last or first) + 1))
    return found


def _classes(base: type) -> list[type]:
    return [base] + [c for sub in base.__subclasses__() for c in _classes(sub)]


def test_docs_exit_codes_are_the_programs():
    program = {cls.exit_code for cls in _classes(errors.MicroalignError)}
    program |= {USAGE, INTERNAL_ERROR, INTERRUPTED}
    assert _documented() == program
