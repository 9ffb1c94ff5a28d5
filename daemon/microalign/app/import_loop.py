"""Loop Habit Tracker's CSV export: a zip with Habits.csv, Checkmarks.csv (every habit's
value per day) and one folder per habit ("001 Meditate/Checkmarks.csv": its known days,
with notes).

Read as Loop's HabitsCSVExporter writes it: dates as YYYY-MM-DD; a value as its name
(YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN; since 2025) or its number (2, 1, 0, 3, -1;
earlier versions, whose per-habit files have no header line); a numerical habit's
amount times 1000. The zip is read in memory, by the names it is expected to hold: no
name in it is ever used as a path.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from datetime import date
from pathlib import Path

from microalign.app.import_errors import at_field, bad
from microalign.errors import UsageError
from microalign.i18n import Keyed
from microalign.ports.imported import IMPORTED_CHECKIN, GoalPlan, Plan, Row

log = logging.getLogger(__name__)

# Loop's Entry values.
YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1
NAMES = {"YES_MANUAL": YES_MANUAL, "YES_AUTO": YES_AUTO, "NO": NO, "SKIP": SKIP, "UNKNOWN": -1}
# A yes/no habit's value -> our outcome. YES_AUTO: Loop's frequency did not ask for it that
# day (a rest day here: it neither breaks nor extends a streak); SKIP: the user's rest day.
OUTCOMES = {YES_MANUAL: "kept", YES_AUTO: "rest", NO: "missed", SKIP: "rest"}
MAX_MEMBER = 64 << 20  # no Loop export comes near; a zip bomb stops here
CHECKMARKS = "Checkmarks.csv"


def _unreadable(path: Path, reason: str | OSError) -> UsageError:
    """`reason` names an "import.<kind>" text, or is the system's error."""
    shown = Keyed(f"import.{reason}") if isinstance(reason, str) else reason
    kind = Keyed("import.kind.loop")
    return UsageError.keyed("import_unreadable", path=path, kind=kind, reason=shown)


def _at_line(member: str, line: int) -> Keyed:
    return Keyed("import.at_member_line", member=member, line=line)


def read(path: Path) -> Plan:
    try:
        archive = zipfile.ZipFile(path)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    except (zipfile.BadZipFile, ValueError) as exc:  # zipfile's words are English: logged
        log.info("%s: %s", path, exc)
        raise _unreadable(path, "not_zip") from None
    with archive:
        names = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        if "Habits.csv" not in names:
            raise _unreadable(path, "no_habits")
        habits = _rows(archive, names, "Habits.csv", path)
        matrix = _rows(archive, names, CHECKMARKS, path) if CHECKMARKS in names else []
        plan = Plan()
        for number, habit in enumerate(habits[1:], start=2):
            plan_goal, rows = _habit(archive, names, habits[0], habit, number, matrix, path)
            plan.goals.append(plan_goal)
            plan.rows += rows
    return plan


def _rows(
    archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], name: str, path: Path
) -> list[list[str]]:
    info = names[name]
    if info.file_size > MAX_MEMBER:
        raise bad(path, name, "too_large_bytes", size=info.file_size)
    try:
        with archive.open(info) as member:
            data = member.read(MAX_MEMBER + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        raise bad(path, name, "member_unreadable", error=exc) from None
    if len(data) > MAX_MEMBER:
        raise bad(path, name, "too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise bad(path, _at_line(name, line), "not_utf8") from None
    if "\x00" in text:
        raise bad(path, name, "nul")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:  # csv's words are English: logged
        log.info("%s, %s: %s", path, name, exc)
        raise bad(path, name, "not_csv") from None


def _habit(
    archive: zipfile.ZipFile,
    names: dict[str, zipfile.ZipInfo],
    header: list[str],
    cells: list[str],
    line: int,
    matrix: list[list[str]],
    path: Path,
) -> tuple[GoalPlan, list[Row]]:
    from microalign.app.goals import check_question, check_text

    field = dict(zip(header, cells, strict=False))
    where = _at_line("Habits.csv", line)
    try:
        name = check_text(field.get("Name", ""))
        asked = field.get("Question", "").strip()
        question = check_question(asked) if asked else None
    except UsageError as exc:
        either = Keyed("import.at_either_field", where=where, first="Name", second="Question")
        raise bad(path, either, exc) from None
    position = field.get("Position", "").strip() or f"{line - 1:03d}"
    numeric = field.get("Type", "YES_NO").strip() == "NUMERICAL"
    target = _target(field, numeric, where, path)
    member = _habit_file(names, position)
    if member is not None:
        days = _habit_days(_rows(archive, names, member, path), member, target, path)
    else:
        days = _matrix_days(matrix, field.get("Name", ""), target, path)
    rows = [
        Row(
            day=day,
            checkin=IMPORTED_CHECKIN,
            step="goal",
            created_at=f"{day.isoformat()}T21:00:00+00:00",
            goal=name,
            kind="choice",
            prompt=question or name,
            outcome=outcome,
            reason=note or None,
        )
        for day, (outcome, note) in sorted(days.items())
    ]
    start = rows[0].day if rows else date.today()
    archived = field.get("Archived?", "false").strip().lower() == "true"
    goal = GoalPlan(
        text=name,
        created_on=start,
        question=question,
        state="retired" if archived else "active",
        ended_on=(rows[-1].day if rows else start) if archived else None,
    )
    return goal, rows


Target = tuple[str, float] | None  # a numerical habit's (AT_LEAST | AT_MOST, amount)


def _target(field: dict[str, str], numeric: bool, where: str, path: Path) -> Target:
    if not numeric:
        return None
    kind = field.get("Target Type", "").strip() or "AT_LEAST"
    try:
        amount = float(field.get("Target Value", "").strip() or "0")
    except ValueError:
        raise bad(path, at_field(where, "Target Value"), "not_number") from None
    return kind, amount


def _habit_file(names: dict[str, zipfile.ZipInfo], position: str) -> str | None:
    """The habit's own Checkmarks.csv: in the folder Loop names "<position> <name>"."""
    for name in names:
        folder, _, file = name.rpartition("/")
        mine = folder == position or folder.startswith(f"{position} ")
        if file == CHECKMARKS and "/" not in folder and mine:
            return name
    return None


def _habit_days(
    rows: list[list[str]], member: str, target: Target, path: Path
) -> dict[date, tuple[str, str]]:
    days: dict[date, tuple[str, str]] = {}
    for number, cells in enumerate(rows, start=1):
        if not cells or (number == 1 and cells[0].strip() == "Date"):
            continue
        where = _at_line(member, number)
        day = _day(cells[0], where, path)
        value = cells[1] if len(cells) > 1 else ""
        outcome = _outcome(value, target, where, path)
        if outcome is not None:
            days[day] = (outcome, cells[2].strip() if len(cells) > 2 else "")
    return days


def _matrix_days(
    rows: list[list[str]], name: str, target: Target, path: Path
) -> dict[date, tuple[str, str]]:
    """The habit's column of the Checkmarks.csv at the top (an export without folders)."""
    if not rows or name not in rows[0]:
        return {}
    column = rows[0].index(name)
    days: dict[date, tuple[str, str]] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not cells or len(cells) <= column:
            continue
        where = _at_line(CHECKMARKS, number)
        outcome = _outcome(cells[column], target, where, path)
        if outcome is not None:
            days[_day(cells[0], where, path)] = (outcome, "")
    return days


def _day(text: str, where: str, path: Path) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise bad(path, at_field(where, "Date"), "not_date", value=repr(text[:40])) from None


def _outcome(text: str, target: Target, where: str, path: Path) -> str | None:
    """Our outcome for a Loop value; None for a day Loop knows nothing of."""
    value = text.strip()
    if value in NAMES:
        number = NAMES[value]
    else:
        try:
            number = int(value)
        except ValueError:
            where = at_field(where, "Value")
            raise bad(path, where, "not_loop_value", value=repr(value[:40])) from None
        if target is not None:
            return _amount_outcome(number, target)
    if number == UNKNOWN:
        return None
    if number not in OUTCOMES:
        where = at_field(where, "Value")
        raise bad(path, where, "not_loop_value", value=repr(value[:40]))
    return OUTCOMES[number]


def _amount_outcome(number: int, target: tuple[str, float]) -> str | None:
    if number < 0:
        return None  # UNKNOWN
    amount = number / 1000  # Loop stores a numerical habit's amount times 1000
    kind, goal = target
    if kind == "AT_MOST":
        return "kept" if amount <= goal else "missed"
    if amount >= goal:
        return "kept"
    return "partly" if amount > 0 else "missed"
