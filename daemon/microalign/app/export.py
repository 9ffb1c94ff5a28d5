"""Exporting answers: Markdown, CSV, JSON and jrnl-compatible plain text.

Every stored field is escaped for its format (microalign.core.safetext): rows from older
versions or other tools may hold escape sequences, markup or spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from microalign.core.outcomes import OUTCOME_TO_ANSWER
from microalign.core.safetext import clean, for_csv, for_json, for_markdown
from microalign.i18n import EN, LanguagePack
from microalign.ports.records import Answer

if TYPE_CHECKING:
    from microalign.ports.store import HistoryRecords

FORMATS = ("md", "csv", "json", "jrnl")
COLUMNS = [
    "day",
    "checkin",
    "step",
    "goal_id",
    "goal_text",
    "goal_value",
    "goal_question",
    "prompt",
    "text",
    "outcome",
    "reason",
    "confidence",
    "audio_path",
    "model",
    "status",
    "created_at",
]
CHECKIN_TIME = {"morning": "07:30", "evening": "21:00", "weekly": "21:30"}


def answer_text(row: Answer, escape=clean, lang: LanguagePack = EN) -> str:
    """The answer as a reader wants it, its stored parts passed through `escape`; the
    words as recognised stay in CSV and JSON."""
    if row.outcome in OUTCOME_TO_ANSWER:
        text = lang.t(f"outcome.{row.outcome}")
    elif row.text:
        text = escape(row.text)
    else:
        text = lang.t("export.audio_pending") if row.audio_path else ""
    if row.reason:
        text += f" — {escape(row.reason)}"
    return text


def _stored_values(row: Answer) -> tuple[Any, ...]:
    """The COLUMNS of `row` as the store holds them (its day as ISO text); getattr, not
    to_row: ten years of answers need no dict per row."""
    return tuple(
        row.day.isoformat() if k == "day" and row.day else getattr(row, k) for k in COLUMNS
    )


def _day(row: Answer) -> str:
    return row.day.isoformat() if row.day else ""


def _order(row: Answer) -> tuple[str, int]:
    return (_day(row), row.id)


def _sessions(rows: list[Answer]):
    rows = [r for r in rows if r.text or r.outcome or r.audio_path]  # passed questions
    first: dict[tuple[str, str], int] = {}  # a day's check-ins in the order they began
    for r in rows:
        key = (_day(r), r.checkin or "")
        first[key] = min(first.get(key, r.id), r.id)
    ordered = sorted(
        rows,
        key=lambda r: (
            _day(r),
            r.checkin != "morning",
            first[(_day(r), r.checkin or "")],
            r.id,
        ),
    )
    return groupby(ordered, key=lambda r: (_day(r), r.checkin or ""))


def to_csv(rows: list[Answer], lang: LanguagePack = EN) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(rows, key=_order):
        writer.writerow([for_csv(value) for value in _stored_values(row)])
    return out.getvalue()


def to_json(rows: list[Answer], lang: LanguagePack = EN) -> str:
    """The text `json.dumps(data, indent=2, ensure_ascii=False)` gives, several times faster."""
    return json_of_values([_stored_values(r) for r in sorted(rows, key=_order)])


def json_of_values(values: list[tuple]) -> str:
    """The JSON export of rows given as tuples of the COLUMNS, in order.

    With `indent`, json encodes in Python; without it, in C. So all values are encoded in
    one C call with a line break between them (an encoded value never holds a raw line
    break, so splitting there is safe), then put into each row's indented object.
    """
    if not values:
        return "[]\n"
    encoded = json.JSONEncoder(ensure_ascii=False, separators=("\n", ": ")).encode(values)
    keys = (json.dumps(k) for k in COLUMNS)
    template = "{{\n    " + ",\n    ".join(f"{k}: {{}}" for k in keys) + "\n  }}"
    objects = [template.format(*row.split("\n")) for row in encoded[2:-2].split("]\n[")]
    return for_json("[\n  " + ",\n  ".join(objects) + "\n]") + "\n"


def export_text(
    store: HistoryRecords, fmt: str, since: date | None, lang: LanguagePack = EN
) -> tuple[str, int]:
    """The answers since `since` in format `fmt`, and how many there are (JSON straight
    from the store's tuples: ten years of answers need no dict per row)."""
    if fmt == "json":
        values = store.history_values(COLUMNS, since=since)
        return json_of_values(values), len(values)
    rows = store.history(since=since)
    return render(rows, fmt, lang), len(rows)


def _title(lang: LanguagePack, name: str, escape) -> str:
    return escape(lang.checkin_title(name))


def to_markdown(rows: list[Answer], lang: LanguagePack = EN) -> str:
    parts = [f"# {lang.t('export.journal_title')}\n"]
    for (day, name), group in _sessions(rows):
        title = _title(lang, name, for_markdown)
        parts.append(f"\n## {for_markdown(day)} — {title}\n\n")
        parts += [
            f"- **{for_markdown(r.prompt or '')}** {answer_text(r, for_markdown, lang)}\n"
            for r in group
        ]
    return "".join(parts)


def to_jrnl(rows: list[Answer], lang: LanguagePack = EN) -> str:
    """jrnl's plain-text format: "[YYYY-MM-DD HH:MM] title" then the body, blank line between."""
    entries = []
    for (day, name), group in _sessions(rows):
        body = "\n".join(
            _jrnl_line(f"{clean(r.prompt or '')} {answer_text(r, clean, lang)}") for r in group
        )
        title = _title(lang, name, clean)
        entries.append(f"[{clean(day)} {CHECKIN_TIME.get(name, '12:00')}] {title}.\n{body}\n")
    return "\n".join(entries)


def _jrnl_line(line: str) -> str:
    # jrnl starts a new entry at any line beginning with "[<date>] ".
    return " " + line if line.startswith("[") else line


def render(rows: list[Answer], fmt: str, lang: LanguagePack = EN) -> str:
    """`lang` names the check-ins and outcomes of the journal formats (md, jrnl)."""
    return {"md": to_markdown, "csv": to_csv, "json": to_json, "jrnl": to_jrnl}[fmt](rows, lang)
