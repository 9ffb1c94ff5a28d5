"""README.md is short enough for a newcomer and leads to the rest: docs/ and the files
they name are linked, and every relative link reaches a file."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)#\s]+)\)")


def test_readme_short_for_a_newcomer():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 150


def test_readme_links_every_doc():
    text = README.read_text(encoding="utf-8")
    assert DOCS, "no docs/*.md"
    unlinked = [doc.name for doc in DOCS if f"](docs/{doc.name})" not in text]
    assert unlinked == [], unlinked


def test_docs_relative_links_reach_files():
    broken = [
        f"{page.relative_to(ROOT)}: {target}"
        for page in [README, *DOCS]
        for target in LINK.findall(page.read_text(encoding="utf-8"))
        if "://" not in target and not (page.parent / target).exists()
    ]
    assert broken == [], broken
