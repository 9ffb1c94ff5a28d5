"""jrnl's exports (plain text and JSON) and our own JSON export, read into a Plan.

jrnl's plain text is what its TextExporter writes: entries joined by a blank line, each
"[<date and time>] <title>[ *]" then the body; an entry begins at any line that starts
with a bracketed date and a space (jrnl's own rule). Its JSON is {"tags": …, "entries":
[{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM", "tags", "starred"}]}.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from microalign.app.import_errors import at_field, bad
from microalign.errors import UsageError
from microalign.i18n import Keyed
from microalign.ports.imported import IMPORTED_CHECKIN, NOTE_STEP, GoalPlan, Plan, Row

log = logging.getLogger(__name__)

MAX_FILE = 256 << 20
# jrnl's timeformat "%F %r" (its default), and the forms older configs and we write.
TIME_FORMATS = (
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d",
)
ENTRY_START = re.compile(r"(?:^|\n)\[([^\]\n]+)\] ")
MAX_TEXT = 100_000


def _at_line(line: int) -> Keyed:
    return Keyed("import.at_line", line=line)


def _text(path: Path, kind: str) -> str:
    """The file's text; `kind` names an "import.kind.<kind>" text ("jrnl export")."""
    from microalign.errors import access_error

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:
        raise access_error(exc, path, "read") from None
    if len(data) > MAX_FILE:
        raise UsageError.keyed(
            "import_unreadable",
            path=path,
            kind=Keyed(f"import.kind.{kind}"),
            reason=Keyed("import.too_large"),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise bad(path, _at_line(line), "not_utf8") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise bad(path, _at_line(line), "nul")
    return text


def read_jrnl(path: Path) -> Plan:
    text = _text(path, "jrnl")
    if text.lstrip().startswith("{"):
        return _jrnl_json(_json(text, path), path)
    return _jrnl_text(text, path)


def _json(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:  # its words are English: logged, its place shown
        log.info("%s: %s", path, exc)
        where = Keyed("import.at_column", line=exc.lineno, column=exc.colno)
        raise bad(path, where, "not_json") from None
    except RecursionError:
        raise bad(path, _at_line(1), "too_deep") from None


def _note(moment: datetime, title: str, body: str) -> Row:
    return Row(
        day=moment.date(),
        checkin=IMPORTED_CHECKIN,
        step=NOTE_STEP,
        created_at=moment.isoformat(timespec="seconds"),
        prompt=title.strip()[:MAX_TEXT] or None,
        text=body.strip()[:MAX_TEXT] or None,
    )


def _jrnl_text(text: str, path: Path) -> Plan:
    starts = []
    for match in ENTRY_START.finditer(text):
        moment = _moment(match.group(1))
        if moment is not None:
            starts.append((match, moment))
    if not starts:
        raise bad(path, _at_line(1), "no_jrnl_entry")
    plan = Plan()
    for index, (match, moment) in enumerate(starts):
        end = starts[index + 1][0].start() if index + 1 < len(starts) else len(text)
        title, _, body = text[match.end() : end].partition("\n")
        title = title.rstrip()
        if title.endswith("*"):  # starred
            title = title.rstrip(" *")
        plan.rows.append(_note(moment, title, body))
    return plan


def _moment(blob: str) -> datetime | None:
    for form in TIME_FORMATS:
        try:
            return datetime.strptime(blob.strip(), form)
        except ValueError:
            continue
    return None


def _jrnl_json(data: Any, path: Path) -> Plan:
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise bad(path, Keyed("import.field", field="entries"), "not_jrnl_json")
    plan = Plan()
    for number, entry in enumerate(entries):
        where = f"entries[{number}]"
        if not isinstance(entry, dict):
            raise bad(path, where, "not_object")
        title, body = _string(entry, "title", where, path), _string(entry, "body", where, path)
        day = _string(entry, "date", where, path)
        at = _string(entry, "time", where, path) or "00:00"
        moment = _moment(f"{day} {at}")
        if moment is None:
            raise bad(
                path, f"{where}.date", "not_date_time", day=repr(day[:20]), time=repr(at[:10])
            )
        plan.rows.append(_note(moment, title, body))
    return plan


def _string(entry: dict[str, Any], key: str, where: str, path: Path) -> str:
    value = entry.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise bad(path, f"{where}.{key}", "not_text")
    return value


# -- our own JSON export -------------------------------------------------------------------

FIELDS = {  # name -> types accepted
    "day": (str,),
    "checkin": (str,),
    "step": (str,),
    "goal_id": (int, type(None)),
    "goal_text": (str, type(None)),
    "goal_value": (str, type(None)),
    "goal_question": (str, type(None)),
    "prompt": (str, type(None)),
    "text": (str, type(None)),
    "outcome": (str, type(None)),
    "reason": (str, type(None)),
    "confidence": (float, int, type(None)),
    "audio_path": (str, type(None)),
    "model": (str, type(None)),
    "status": (str, type(None)),
    "created_at": (str, type(None)),
}
OUTCOMES = ("kept", "partly", "missed", "rest")
CHECKIN_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# Exports of older versions name an answer's check-in under this key; they still import.
OLD_CHECKIN_KEY = "slot"


def _key_in(item: dict[str, Any], key: str) -> str:
    """The key `item` holds the field `key` under, as the file names it."""
    if key == "checkin" and key not in item and OLD_CHECKIN_KEY in item:
        return OLD_CHECKIN_KEY
    return key


def read_own(path: Path) -> Plan:
    """`microalign export --format json`: one object per answer, goals named in each."""
    data = _json(_text(path, "own"), path)
    if not isinstance(data, list):
        raise bad(path, _at_line(1), "not_own_json")
    plan, goals = Plan(), dict[str, GoalPlan]()
    for number, item in enumerate(data):
        where = Keyed("import.at_item", number=number + 1)
        if not isinstance(item, dict):
            raise bad(path, where, "not_object")
        for field, types in FIELDS.items():
            key = _key_in(item, field)
            value = item.get(key)
            if key not in item or not isinstance(value, types) or isinstance(value, bool):
                raise bad(path, at_field(where, key), "wrong_type")
        row = _own_row(item, where, path)
        if row.goal is not None:
            goal = goals.get(row.goal)
            if goal is None:
                goal = goals[row.goal] = _own_goal(item, row.day, where, path)
                plan.goals.append(goal)
            goal.created_on = min(goal.created_on, row.day)
        plan.rows.append(row)
    return plan


def _own_row(item: dict[str, Any], where: str, path: Path) -> Row:
    try:
        day = date.fromisoformat(item["day"])
    except ValueError:
        value = repr(item["day"][:20])
        raise bad(path, at_field(where, "day"), "not_date", value=value) from None
    field = _key_in(item, "checkin")
    checkin = item[field]
    if not CHECKIN_NAME.match(checkin):
        raise bad(path, at_field(where, field), "not_checkin", value=repr(checkin[:40]))
    if item["outcome"] is not None and item["outcome"] not in OUTCOMES:
        value = repr(item["outcome"][:20])
        raise bad(path, at_field(where, "outcome"), "not_outcome", value=value)
    has_goal = item["goal_id"] is not None and item["goal_text"] is not None
    confidence = item["confidence"]
    return Row(
        day=day,
        checkin=checkin,
        step="goal" if has_goal else item["step"][:64],
        created_at=item["created_at"] or f"{day.isoformat()}T00:00:00+00:00",
        goal=item["goal_text"] if has_goal else None,
        kind="choice" if item["outcome"] is not None else "free",
        prompt=item["prompt"],
        text=item["text"],
        outcome=item["outcome"],
        reason=item["reason"],
        confidence=float(confidence) if confidence is not None else None,
        audio_path=item["audio_path"],
        model=item["model"],
        status=item["status"] or "final",
    )


def _own_goal(item: dict[str, Any], day: date, where: str, path: Path) -> GoalPlan:
    from microalign.app.goals import check_question, check_text

    try:
        text = check_text(item["goal_text"])
        question = item["goal_question"]
        question = check_question(question) if question else None
    except UsageError as exc:
        raise bad(path, at_field(where, "goal_text"), exc) from None
    return GoalPlan(
        text=text,
        created_on=day,
        value=item["goal_value"],
        question=question,
        wanted_id=item["goal_id"],
    )
