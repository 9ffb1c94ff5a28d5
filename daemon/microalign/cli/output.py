"""Shared output helpers: JSON for scripts, aligned tables for people."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from microalign.core.safetext import for_json, for_terminal

if TYPE_CHECKING:
    from microalign.i18n import LanguagePack


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(data: Any) -> None:
    click.echo(for_json(json.dumps(data, indent=2, ensure_ascii=False, default=_default)))


def table(rows: list[list[Any]], headers: list[str]) -> str:
    """Aligned columns; every cell is escaped for the terminal (see safetext.for_terminal)."""
    rows = [[for_terminal(cell) for cell in row] for row in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=False)).rstrip()]
    lines += [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def columns(lang: LanguagePack, names: tuple[str, ...]) -> list[str]:
    """Table headers in `lang` ("cli.column.<name>")."""
    return [lang.t(f"cli.column.{name}") for name in names]


def goal_state(lang: LanguagePack, state: str) -> str:
    """A goal's state in `lang`; an unknown (foreign) state escaped as it is."""
    key = f"goal_state.{state}"
    return lang.t(key) if lang.has(key) else for_terminal(state)


json_option = click.option("--json", "as_json", is_flag=True, help="Print the data as JSON.")
