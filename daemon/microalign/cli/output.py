"""Shared output helpers: JSON for scripts, aligned tables for people."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
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


def table(
    rows: list[list[Any]],
    headers: list[str],
    max_width: int | None = None,
    shrink: tuple[tuple[int, int], ...] = (),
) -> str:
    """Aligned columns measured in display columns (wide characters count twice); every
    cell is escaped for the terminal (see safetext.for_terminal).

    With `max_width`, the columns in `shrink`, as (index, narrowest) pairs in the order
    they give way, are narrowed, their cells cut with an ellipsis, until the table fits; a
    column never gets narrower than its header.
    """
    from microalign.cli.width import fit, pad, width

    cells = [[str(h) for h in headers]] + [[for_terminal(c) for c in row] for row in rows]
    widths = [max(width(x) for x in col) for col in zip(*cells, strict=False)]
    if max_width is not None:
        for index, narrowest in shrink:
            excess = sum(widths) + 2 * (len(widths) - 1) - max_width
            floor = min(max(width(cells[0][index]), narrowest), widths[index])
            if excess > 0:
                widths[index] = max(widths[index] - excess, floor)
    return "\n".join(
        "  ".join(pad(fit(c, w), w) for c, w in zip(row, widths, strict=False)).rstrip()
        for row in cells
    )


def columns(lang: LanguagePack, names: tuple[str, ...]) -> list[str]:
    """Table headers in `lang` ("cli.column.<name>")."""
    return [lang.t(f"cli.column.{name}") for name in names]


def goal_state(lang: LanguagePack, state: str) -> str:
    """A goal's state in `lang`; an unknown (foreign) state escaped as it is."""
    key = f"goal_state.{state}"
    return lang.t(key) if lang.has(key) else for_terminal(state)


json_option = click.option("--json", "as_json", is_flag=True, help="Print the data as JSON.")


def language_of_broken_config(config_file: Path) -> LanguagePack:
    """The language a config that failed validation names (its problems are told in it),
    else English."""
    from microalign.config import language_named
    from microalign.i18n import EN, PACKS

    return PACKS.get(language_named(config_file) or "", EN)
