"""`import loop|jrnl|json` as a user runs it: real processes, real files written in each
tool's own format (Loop's HabitsCSVExporter, jrnl's TextExporter and JSONExporter)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

USAGE = 2
LAST_DAY = date(2026, 11, 10)  # the day before the suite's pinned today
DAYS = 60
HABITS = (
    ("001", "Meditate", "Did you meditate this morning?"),
    ("002", "Wake up early", "Did you wake up before 6am?"),
)


def _csv_line(cells: list[str]) -> str:
    """One line as opencsv's CSVWriter writes it (quotes only where needed)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def _loop_values() -> dict[str, dict[date, tuple[str, str]]]:
    """Per habit, day -> (Loop value name, note), over 60 days."""
    values: dict[str, dict[date, tuple[str, str]]] = {"Meditate": {}, "Wake up early": {}}
    for i in range(DAYS):
        day = LAST_DAY - timedelta(days=i)
        values["Meditate"][day] = ("NO" if i % 3 == 0 else "YES_MANUAL", "")
        early = ("YES_MANUAL", "YES_AUTO", "YES_MANUAL", "NO")[i % 4]
        if i == 7:
            early = "SKIP"
        note = 'Sick, "really"' if i == 3 else ""
        values["Wake up early"][day] = (early, note)
    values["Wake up early"][LAST_DAY - timedelta(days=DAYS - 1)] = ("UNKNOWN", "")
    return values


def loop_zip(path: Path, values: dict[str, dict[date, tuple[str, str]]] | None = None) -> None:
    """A zip as Loop Habit Tracker's CSV export writes it (newest day first)."""
    values = values or _loop_values()
    habits = _csv_line(
        [
            "Position",
            "Name",
            "Type",
            "Question",
            "Description",
            "FrequencyNumerator",
            "FrequencyDenominator",
            "Color",
            "Unit",
            "Target Type",
            "Target Value",
            "Archived?",
        ]
    )
    for position, name, question in HABITS:
        habits += _csv_line(
            [position, name, "YES_NO", question, "", "1", "1", "#FF8F00"] + [""] * 3 + ["false"]
        )
    days = sorted({d for v in values.values() for d in v}, reverse=True)
    matrix = "Date,Meditate,Wake up early,\n" + "".join(
        f"{d},{values['Meditate'].get(d, ('UNKNOWN', ''))[0]},"
        f"{values['Wake up early'].get(d, ('UNKNOWN', ''))[0]},\n"
        for d in days
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Habits.csv", habits)
        for position, name, _ in HABITS:
            lines = _csv_line(["Date", "Value", "Notes"])
            for day in sorted(values[name], reverse=True):
                value, note = values[name][day]
                if value != "UNKNOWN":
                    lines += _csv_line([day.isoformat(), value, note])
            archive.writestr(f"{position} {name}/Scores.csv", "Date,Score\n")
            archive.writestr(f"{position} {name}/Checkmarks.csv", lines)
        archive.writestr("Scores.csv", "Date,Meditate,Wake up early,\n")
        archive.writestr("Checkmarks.csv", matrix)


def _outcomes(cli_process) -> dict[str, Counter]:
    result = cli_process("export", "--format", "json")
    assert result.code == 0, result.err
    counts: dict[str, Counter] = {}
    for row in json.loads(result.out):
        if row["goal_text"]:
            counts.setdefault(row["goal_text"], Counter())[row["outcome"]] += 1
    return counts


def test_import_loop_two_habits_60_days_right_kept_days_and_second_import_adds_nothing(
    cli_process, tmp_path
):
    export = tmp_path / "Loop Habits CSV 2026-11-11.zip"
    loop_zip(export)
    values = _loop_values()
    done = cli_process("import", "loop", str(export))
    assert done.code == 0, done.err
    outcomes = _outcomes(cli_process)
    for name in ("Meditate", "Wake up early"):
        expected = Counter(v for v, _ in values[name].values())
        assert outcomes[name]["kept"] == expected["YES_MANUAL"], name
        assert outcomes[name]["missed"] == expected["NO"], name
        assert outcomes[name]["rest"] == expected["YES_AUTO"] + expected["SKIP"], name
    assert outcomes["Meditate"]["kept"] == 40 and outcomes["Wake up early"]["kept"] == 30
    goals = json.loads(cli_process("goals", "list", "--json").out)
    starts = {g["text"]: g["created_on"] for g in goals}
    assert starts == {"Meditate": "2026-09-12", "Wake up early": "2026-09-13"}
    first = cli_process("export", "--format", "json").out
    assert 'Sick, \\"really\\"' in first

    again = cli_process("import", "loop", str(export))
    assert again.code == 0, again.err
    assert "Nothing new" in again.out
    assert cli_process("export", "--format", "json").out == first
    assert len(json.loads(cli_process("goals", "list", "--json").out)) == 2


def test_import_loop_dry_run_shows_counts_and_writes_nothing(cli_process, tmp_path):
    export = tmp_path / "loop.zip"
    loop_zip(export)
    shown = cli_process("import", "loop", str(export), "--dry-run")
    assert shown.code == 0, shown.err
    assert "Dry run" in shown.out and "Meditate" in shown.out and "40 kept" in shown.out
    assert cli_process("export", "--format", "json").out == "[]\n"


def test_import_loop_bad_value_names_file_line_and_field_and_imports_nothing(cli_process, tmp_path):
    values = _loop_values()
    values["Wake up early"][LAST_DAY - timedelta(days=2)] = ("MAYBE", "")
    export = tmp_path / "loop.zip"
    loop_zip(export, values)
    result = cli_process("import", "loop", str(export))
    assert result.code == USAGE, result.err
    assert "002 Wake up early/Checkmarks.csv, line 4, field Value" in result.err
    assert "Nothing was imported" in result.err
    assert cli_process("export", "--format", "json").out == "[]\n"
    assert json.loads(cli_process("goals", "list", "--json").out) == []


def test_import_loop_old_numeric_export_without_headers_reads_values(cli_process, tmp_path):
    export = tmp_path / "old.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "Habits.csv",
            "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
            "001,Stretch,Did you stretch?,,1,1,#FF8F00\n",
        )
        archive.writestr("001 Stretch/Checkmarks.csv", "2015-01-25,2\n2015-01-24,0\n2015-01-23,1\n")
    result = cli_process("import", "loop", str(export))
    assert result.code == 0, result.err
    assert _outcomes(cli_process)["Stretch"] == Counter(kept=1, missed=1, rest=1)


def test_import_loop_not_a_zip_exits_2_saying_so(cli_process, tmp_path):
    bogus = tmp_path / "loop.zip"
    bogus.write_bytes(b"PK\x03\x04 not really")
    result = cli_process("import", "loop", str(bogus))
    assert result.code == USAGE, result.err
    assert "Loop Habit Tracker CSV export" in result.err


def test_import_loop_hostile_names_in_zip_are_never_paths(cli_process, tmp_path):
    export = tmp_path / "loop.zip"
    loop_zip(export)
    with zipfile.ZipFile(export, "a") as archive:
        archive.writestr("../../escape/Checkmarks.csv", "Date,Value,Notes\n")
    assert cli_process("import", "loop", str(export)).code == 0
    assert not (tmp_path.parent / "escape").exists()


JRNL_TEXT = (
    "[2026-10-01 09:15:00 PM] A long day at work. *\n"
    "I asked a question in the meeting.\n"
    "@work\n"
    "\n"
    "[2026-10-02 07:00:00 AM] Short entry.\n"
    "\n"
    "[2026-10-03 08:30:00 PM] Third.\n"
    "[not a date] stays in the body\n"
)


def test_import_jrnl_text_entries_become_notes_once(cli_process, tmp_path):
    journal = tmp_path / "journal.txt"
    journal.write_text(JRNL_TEXT, encoding="utf-8")
    first = cli_process("import", "jrnl", str(journal))
    assert first.code == 0, first.err
    assert "3 notes" in first.out
    rows = json.loads(cli_process("export", "--format", "json").out)
    assert [(r["day"], r["prompt"]) for r in rows] == [
        ("2026-10-01", "A long day at work."),
        ("2026-10-02", "Short entry."),
        ("2026-10-03", "Third."),
    ]
    assert rows[0]["text"] == "I asked a question in the meeting.\n@work"
    assert rows[2]["text"] == "[not a date] stays in the body"
    again = cli_process("import", "jrnl", str(journal))
    assert again.code == 0 and "Nothing new" in again.out
    assert len(json.loads(cli_process("export", "--format", "json").out)) == 3


def test_import_jrnl_json_export_entries_become_notes(cli_process, tmp_path):
    journal = tmp_path / "journal.json"
    entries = [
        {"title": "Morning.", "body": "Slept well.", "date": "2026-10-05", "time": "07:10",
         "tags": [], "starred": False},
        {"title": "Evening.", "body": "", "date": "2026-10-05", "time": "21:40",
         "tags": ["@home"], "starred": True},
    ]  # fmt: skip
    journal.write_text(json.dumps({"tags": {"@home": 1}, "entries": entries}, indent=2))
    result = cli_process("import", "jrnl", str(journal))
    assert result.code == 0, result.err
    rows = json.loads(cli_process("export", "--format", "json").out)
    assert [(r["prompt"], r["text"]) for r in rows] == [
        ("Morning.", "Slept well."),
        ("Evening.", None),
    ]


def test_import_jrnl_json_bad_date_names_entry_and_imports_nothing(cli_process, tmp_path):
    journal = tmp_path / "journal.json"
    entries = [
        {"title": "Fine.", "body": "", "date": "2026-10-05", "time": "07:10"},
        {"title": "Broken.", "body": "", "date": "2026-13-45", "time": "07:10"},
    ]
    journal.write_text(json.dumps({"entries": entries}))
    result = cli_process("import", "jrnl", str(journal))
    assert result.code == USAGE, result.err
    assert "entries[1].date" in result.err
    assert cli_process("export", "--format", "json").out == "[]\n"


def test_import_jrnl_broken_json_names_line(cli_process, tmp_path):
    journal = tmp_path / "journal.json"
    journal.write_text('{"entries": [\n  {"title": "x",\n  oops}\n]}\n')
    result = cli_process("import", "jrnl", str(journal))
    assert result.code == USAGE, result.err
    assert "line 3" in result.err


def test_import_own_json_export_round_trip_identical(cli_process, home, tmp_path):
    assert cli_process("goals", "add", "Walk 10 minutes", "--since", "2026-11-01").code == 0
    for day in ("2026-11-08", "2026-11-09", "2026-11-10"):
        answers = "skip\nill\ncalm\nwin\nrain\n" if day.endswith("9") else "yes\ncalm\nwin\nrain\n"
        done = cli_process("checkin", "evening", "--text", "--date", day, stdin=answers)
        assert done.code == 0, done.err
    exported = tmp_path / "mine.json"
    original = cli_process("export", "--format", "json", "-o", str(exported))
    assert original.code == 0, original.err
    fresh = tmp_path / "fresh"
    first = cli_process("--data-dir", str(fresh), "import", "json", str(exported))
    assert first.code == 0, first.err
    again = cli_process("--data-dir", str(fresh), "import", "json", str(exported))
    assert "Nothing new" in again.out
    copy = cli_process("--data-dir", str(fresh), "export", "--format", "json")
    assert copy.out == exported.read_text()


def test_import_own_json_of_an_older_version_with_slot_key_round_trips(cli_process, tmp_path):
    assert cli_process("goals", "add", "Walk 10 minutes", "--since", "2026-11-01").code == 0
    done = cli_process("checkin", "evening", "--text", "--date", "2026-11-08", stdin="yes\ncalm\n")
    assert done.code == 0, done.err
    exported = cli_process("export", "--format", "json").out
    # Before check-ins were named `checkin` in the export, the key was "slot".
    older = [
        {("slot" if k == "checkin" else k): v for k, v in row.items()}
        for row in json.loads(exported)
    ]
    assert older and all("slot" in row and "checkin" not in row for row in older)
    old_file = tmp_path / "older.json"
    old_file.write_text(json.dumps(older))
    fresh = tmp_path / "fresh"
    imported = cli_process("--data-dir", str(fresh), "import", "json", str(old_file))
    assert imported.code == 0, imported.err
    assert cli_process("--data-dir", str(fresh), "export", "--format", "json").out == exported


def test_import_own_json_wrong_field_names_item_and_field(cli_process, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"day": "2026-11-01", "checkin": "evening", "step": "feeling"}]))
    result = cli_process("import", "json", str(bad))
    assert result.code == USAGE, result.err
    assert "item 1, field goal_id" in result.err


def test_import_loop_more_habits_than_active_limit_imports_rest_paused(cli_process, tmp_path):
    export = tmp_path / "many.zip"
    names = [f"Habit number {n}" for n in range(1, 8)]
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "Habits.csv",
            "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
            "Color,Unit,Target Type,Target Value,Archived?\n"
            + "".join(
                f"{n:03d},{name},YES_NO,,,1,1,#FF8F00,,,,false\n" for n, name in enumerate(names, 1)
            ),
        )
        for n, name in enumerate(names, 1):
            archive.writestr(
                f"{n:03d} {name}/Checkmarks.csv", "Date,Value,Notes\n2026-11-10,YES_MANUAL,\n"
            )
    result = cli_process("import", "loop", str(export))
    assert result.code == 0, result.err
    goals = json.loads(cli_process("goals", "list", "--json").out)
    states = Counter(g["state"] for g in goals)
    assert states == Counter(active=5, paused=2)
    assert all(_outcomes(cli_process)[name]["kept"] == 1 for name in names)
