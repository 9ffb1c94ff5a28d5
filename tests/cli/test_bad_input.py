"""Bad input of every kind, for every command: the documented exit code (never 70), a
message that names what is wrong, and the stored data (database, config) left byte for
byte as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

XDG = ("xdg_config_home", "xdg_data_home", "xdg_runtime_dir")
USAGE, CONFIG, DATABASE, NOT_FOUND, GOAL_RULE, MODEL, FILE = 2, 3, 4, 5, 6, 9, 12


def config_file(home: Path) -> Path:
    return home / "xdg_config_home" / "microalign" / "microalign.toml"


def database(home: Path) -> Path:
    return home / "xdg_data_home" / "microalign" / "microalign.db"


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    code: int
    needle: str  # must appear in stderr; {home}, {config} and {db} are filled in
    setup: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    stdin: str = ""
    name: str = ""

    @property
    def id(self) -> str:
        return self.name or " ".join(self.args)[:60]


def fill(text: str, home: Path) -> str:
    return (
        text.replace("{home}", str(home))
        .replace("{config}", str(config_file(home)))
        .replace("{db}", str(database(home)))
    )


# --- setups ---------------------------------------------------------------------------


def config_text(content: str | bytes) -> Callable[[Path], None]:
    def setup(home: Path) -> None:
        data = content.encode() if isinstance(content, str) else content
        config_file(home).write_bytes(data)

    return setup


def config_is_folder(home: Path) -> None:
    config_file(home).unlink()
    config_file(home).mkdir()


def config_folder_is_file(home: Path) -> None:
    shutil.rmtree(config_file(home).parent)
    config_file(home).parent.write_text("a file where the config folder should be")


def data_folder_is_file(home: Path) -> None:
    shutil.rmtree(database(home).parent)
    database(home).parent.write_text("a file where the data folder should be")


def lock_folder_is_file(home: Path) -> None:
    folder = home / "xdg_runtime_dir" / "microalign"
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("a file where the lock folder should be")


def db_bytes(content: bytes) -> Callable[[Path], None]:
    def setup(home: Path) -> None:
        database(home).write_bytes(content)

    return setup


def db_truncated(home: Path) -> None:
    data = database(home).read_bytes()
    database(home).write_bytes(data[: len(data) // 3])


def db_scrambled_pages(home: Path) -> None:
    data = bytearray(database(home).read_bytes())
    data[4096:] = bytes((b * 7 + 13) % 256 for b in data[4096:])
    database(home).write_bytes(bytes(data))


def db_from_the_future(home: Path) -> None:
    with sqlite3.connect(database(home)) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()


def db_is_folder(home: Path) -> None:
    database(home).unlink()
    database(home).mkdir()


def plain_file(home: Path) -> None:
    (home / "plain").write_text("a file, not a folder")


def bad_model_config(model: str) -> Callable[[Path], None]:
    return config_text(f'[speech]\nmodel = "{model}"\n')


LONG_AGO = str(date.today() - timedelta(days=400))
TOMORROW = str(date.today() + timedelta(days=1))

# --- the cases ------------------------------------------------------------------------

CASES = [
    # goals
    Case(("goals", "add", ""), USAGE, "goal text is empty"),
    Case(("goals", "add", "   "), USAGE, "goal text is empty", name="goals add blank"),
    Case(("goals", "add", "x" * 201), USAGE, "201 characters", name="goals add 201 chars"),
    Case(("goals", "add", "x" * 100_000), USAGE, "100000 characters", name="goals add huge"),
    Case(("goals", "add", "x", "--days", "funday"), USAGE, "'funday'"),
    Case(("goals", "add", "x", "--days", ","), USAGE, "--days ','"),
    Case(("goals", "add", "x", "--days", "mon,xyz"), USAGE, "'xyz'"),
    Case(("goals", "add", "x", "--value", "nope"), NOT_FOUND, "'nope'"),
    Case(("goals", "add", "x", "--value", ""), NOT_FOUND, "Unknown value ''"),
    Case(("goals", "add"), USAGE, "Missing argument 'TEXT'"),
    Case(("goals", "add", "x", "--value"), USAGE, "'--value' requires an argument"),
    Case(("goals", "add", "x", "--colour", "red"), USAGE, "--colour"),
    Case(
        ("goals", "add", "bad\udcff"),
        USAGE,
        '"bad\\xff" is not valid UTF-8',
        name="goals add \\xff",
    ),
    Case(("goals", "add", "x", "--area", "\udcfe"), USAGE, "not valid UTF-8", name="area \\xfe"),
    Case(("goals", "edit", "1"), USAGE, "Nothing to change"),
    Case(("goals", "edit", "1", "--text", ""), USAGE, "goal text is empty"),
    Case(("goals", "edit", "1", "--days", "xx"), USAGE, "'xx'"),
    Case(("goals", "edit", "1", "--value", "nope"), NOT_FOUND, "'nope'"),
    Case(("goals", "edit", "99", "--text", "x"), NOT_FOUND, "no goal 99"),
    Case(("goals", "edit", "x", "--text", "x"), USAGE, "'x' is not a valid integer"),
    Case(("goals", "pause", "99"), NOT_FOUND, "no goal 99"),
    Case(("goals", "pause", "0"), NOT_FOUND, "no goal 0"),
    Case(("goals", "pause", "abc"), USAGE, "'abc'"),
    Case(("goals", "pause", "1.5"), USAGE, "'1.5'"),
    Case(("goals", "pause", "9" * 25), USAGE, "9" * 25, name="goals pause huge id"),
    Case(("goals", "pause", "9223372036854775808"), USAGE, "9223372036854775808"),
    Case(("goals", "pause"), USAGE, "Missing argument 'ID'"),
    Case(("goals", "resume", "1"), GOAL_RULE, "active"),
    Case(("goals", "resume", "99"), NOT_FOUND, "no goal 99"),
    Case(("goals", "retire", "99"), NOT_FOUND, "no goal 99"),
    Case(("goals", "master", "-"), USAGE, "'-'"),
    Case(("goals", "level-up", "1", ""), USAGE, "goal text is empty"),
    Case(("goals", "level-up", "99", "x"), NOT_FOUND, "no goal 99"),
    Case(("goals", "level-up", "abc", "x"), USAGE, "'abc'"),
    Case(("goals", "frobnicate"), USAGE, "'frobnicate'"),
    Case(("goals", "list", "--bogus"), USAGE, "--bogus"),
    # values
    Case(("values", "add", ""), USAGE, "value name is empty"),
    Case(("values", "add", "honesty"), USAGE, "'honesty' already exists"),
    Case(("values", "add", "  HONESTY "), USAGE, "'honesty' already exists"),
    Case(("values", "add", "bad\udcff"), USAGE, "not valid UTF-8", name="values add \\xff"),
    Case(("values", "remove", "nope"), NOT_FOUND, "'nope'"),
    Case(("values", "remove", ""), NOT_FOUND, "Unknown value ''"),
    Case(("values", "remove", "commitment"), USAGE, "'commitment' is used by 1 goal"),
    Case(("values", "--json", "extra"), USAGE, "'extra'"),
    # check-ins
    Case(("checkin", "noon"), USAGE, "'noon'"),
    Case(("checkin",), USAGE, "Missing argument 'NAME'"),
    Case(("checkin", "evening", "--text", "--date", "yesterday"), USAGE, "'yesterday'"),
    Case(("checkin", "evening", "--text", "--date", "2026-02-30"), USAGE, "'2026-02-30'"),
    Case(("checkin", "evening", "--text", "--date", "2026-13-01"), USAGE, "'2026-13-01'"),
    Case(("checkin", "evening", "--text", "--date", ""), USAGE, "--date ''"),
    Case(("checkin", "evening", "--text", "--date", "1900-01-01"), USAGE, "1900-01-01"),
    Case(("checkin", "morning", "--text", "--date", "0001-01-01"), USAGE, "0001-01-01"),
    Case(("checkin", "evening", "--text", "--date", LONG_AGO), USAGE, LONG_AGO, name="400 days"),
    Case(("checkin", "evening", "--text", "--date", TOMORROW), USAGE, "future", name="tomorrow"),
    Case(("checkin", "evening", "--text", "--date", "9999-12-31"), USAGE, "9999-12-31"),
    Case(("checkin", "evening", "--text", "--date"), USAGE, "'--date' requires an argument"),
    Case(("checkin", "evening", "--speak"), USAGE, "--speak"),
    # progress
    Case(("history", "--days", "0"), USAGE, "'--days'"),
    Case(("history", "--days", "-5"), USAGE, "'--days'"),
    Case(("history", "--days", "3651"), USAGE, "3651"),
    Case(("history", "--days", "9" * 30), USAGE, "9" * 30),
    Case(("history", "--days", "x"), USAGE, "'x'"),
    Case(("history", "--days", ""), USAGE, "'--days'"),
    Case(("stats", "--months", "0"), USAGE, "'--months'"),
    Case(("stats", "--months", "25"), USAGE, "25"),
    Case(("stats", "--months", "1e3"), USAGE, "'1e3'"),
    Case(("status", "extra"), USAGE, "unexpected extra argument (extra)"),
    Case(("today", "--days", "3"), USAGE, "--days"),
    # export and report
    Case(("export", "--format", "xml"), USAGE, "'xml'"),
    Case(("export", "--format", ""), USAGE, "'--format'"),
    Case(("export", "--since", "x"), USAGE, "--since 'x'"),
    Case(("export", "--since", "2026-02-30"), USAGE, "--since '2026-02-30'"),
    Case(("export", "--since", "9999-12-31"), USAGE, "9999-12-31"),
    Case(("export", "-o", ""), USAGE, "not a file name"),
    Case(("export", "-o", "/"), USAGE, "'/'"),
    Case(("export", "-o", "{home}"), USAGE, "{home}", name="export -o folder"),
    Case(("export", "-o", "/nonexistent/dir/x.md"), FILE, "/nonexistent/dir/x.md"),
    Case(("export", "-o", "/proc/x.md"), FILE, "/proc/x.md"),
    Case(("export", "-o", "/dev/null/x.md"), FILE, "/dev/null/x.md"),
    Case(
        ("export", "-o", "{home}/plain/x.md"),
        FILE,
        "{home}/plain/x.md",
        setup=plain_file,
        name="export -o under a file",
    ),
    Case(("export", "-o", "{home}/" + "a" * 300), FILE, "File name too long", name="export long"),
    Case(("report", "-o", ""), USAGE, "not a file name"),
    Case(("report", "-o", ".."), USAGE, "'..' is a directory"),
    Case(("report", "-o", "/nonexistent/r.html"), FILE, "/nonexistent/r.html"),
    Case(("report", "-o", "/proc/r.html"), FILE, "/proc/r.html"),
    Case(("report", "-o", "/sys/r.html"), FILE, "/sys/r.html"),
    Case(("report", "--months", "0"), USAGE, "'--months'"),
    Case(("report", "--months", "25"), USAGE, "25"),
    Case(("report", "--months", "abc"), USAGE, "'abc'"),
    # speech models
    Case(("models", "use", "nope"), MODEL, "'nope'"),
    Case(("models", "use", "/nonexistent"), MODEL, "/nonexistent"),
    Case(("models", "use", "vosk-model-small-ko-0.22"), MODEL, "Korean"),
    Case(("models", "fetch", "nope"), MODEL, "'nope'"),
    Case(("models", "fetch"), USAGE, "Missing argument 'NAME'"),
    Case(("models", "lsit"), USAGE, "'lsit'"),
    Case(("retranscribe", "--model", "nope"), MODEL, "'nope'"),
    Case(("retranscribe", "--all", "--model", "/nonexistent"), MODEL, "/nonexistent"),
    Case(("retranscribe", "--bogus"), USAGE, "--bogus"),
    # top level
    Case(("frobnicate",), USAGE, "'frobnicate'"),
    Case(("config", "frob"), USAGE, "'frob'"),
    Case(("config", "check", "--bogus"), USAGE, "--bogus"),
    Case(("--config", "", "status"), USAGE, "--config is empty"),
    Case(("--data-dir", "", "status"), USAGE, "--data-dir is empty"),
    Case(("--config", "{home}/missing.toml", "status"), CONFIG, "{home}/missing.toml"),
    Case(("--config", "{home}/missing.toml", "goals", "add", "x"), CONFIG, "does not exist"),
    Case(("--config", "{home}", "status"), USAGE, "is a directory", name="--config folder"),
    Case(("--config", "bad\udcff.toml", "status"), USAGE, "not valid UTF-8", name="config \\xff"),
    Case(("--data-dir", "{home}/plain", "status"), USAGE, "is a file", setup=plain_file),
    Case(("--verbose=3", "status"), USAGE, "--verbose"),
    # environment
    Case(("status",), CONFIG, "TZ='Foo/Bar'", env={"TZ": "Foo/Bar"}, name="TZ Foo/Bar"),
    Case(("history",), CONFIG, "TZ='Garbage'", env={"TZ": "Garbage"}, name="TZ Garbage"),
    Case(
        ("checkin", "evening", "--text"),
        CONFIG,
        "TZ=':Nowhere'",
        env={"TZ": ":Nowhere"},
        stdin="yes\n",
        name="TZ :Nowhere",
    ),
    Case(
        ("status",),
        CONFIG,
        "{home}/nope.toml",
        env={"MICROALIGN_CONFIG": "{home}/nope.toml"},
        name="MICROALIGN_CONFIG missing",
    ),
]

# (name, command, what the message must name, config file content)
BROKEN_CONFIGS = [
    ("limit string", "status", "general.soft_goal_limit", '[general]\nsoft_goal_limit = "x"'),
    ("limit huge", "goals add x", "general.soft_goal_limit", "[general]\nsoft_goal_limit = 9e99"),
    ("language", "stats", "general.language", '[general]\nlanguage = "fr"'),
    ("values string", "values", "general.values", '[general]\nvalues = "honesty"'),
    ("unknown key", "history", "general.favourite", "[general]\nfavourite = 1"),
    ("time 25:00", "checkin evening --text", "'25:00'", '[schedule.evening]\ntime = "25:00"'),
    ("time 9pm", "export", "schedule.evening.time", '[schedule.evening]\ntime = "9pm"'),
    ("days", "report -o {home}/r.html", "'monday'", '[schedule.morning]\ndays = ["monday"]'),
    ("times key", "status", "'funday'", '[schedule.morning]\ntimes = { funday = "07:00" }'),
    ("grace", "status", "schedule.grace_minutes", "[schedule]\ngrace_minutes = -1"),
    ("silence", "status", "speech.silence_seconds", "[speech]\nsilence_seconds = 0"),
    ("rate", "status", "speech.rate", '[speech]\nrate = "fast"'),
    ("inf", "status", "speech.max_answer_seconds", "[speech]\nmax_answer_seconds = inf"),
    ("freeze", "status", "streaks.freeze_days_per_week", "[streaks]\nfreeze_days_per_week = 9"),
    ("milestone 0", "status", "milestones.streak_days.0", "[milestones]\nstreak_days = [0]"),
    ("keep_days", "status", "audio.keep_days", "[audio]\nkeep_days = -3"),
    ("idle source", "status", "presence.idle_source", '[presence]\nidle_source = "x11"'),
    ("bool 3", "status", "notifications.enabled", "[notifications]\nenabled = 3"),
    ("prompts string", "status", "prompts.intention", '[prompts]\nintention = "be kind"'),
    ("section scalar", "status", "general: Input should be", "general = 3"),
    ("toml header", "goals list", "not valid TOML", "[general"),
    ("toml value", "status", "not valid TOML", "language = "),
    ("toml duplicate", "status", "given twice", "[general]\n[general]"),
    ("not utf-8", "status", "not UTF-8", b"[general]\nlanguage = '\xff\xfe'"),
    ("binary", "status", "not valid TOML", b"\x00\x01\x02"),
    ("model path", "config check", "speech.model", '[speech]\nmodel = "/nonexistent"'),
    ("model name", "config check --json", "speech.model", '[speech]\nmodel = "vosk-x"'),
    ("model language", "config check", "Korean", '[speech]\nmodel = "vosk-model-small-ko-0.22"'),
]
CASES += [
    Case(
        tuple(command.split()),
        CONFIG,
        needle,
        setup=config_text(content),
        stdin="yes\n",
        name=f"config {name}",
    )
    for name, command, needle, content in BROKEN_CONFIGS
]
CASES += [
    Case(("status",), CONFIG, "is a folder", setup=config_is_folder, name="config is folder"),
    Case(
        ("status",), CONFIG, "Not a directory", setup=config_folder_is_file, name="config dir file"
    ),
    # data folder and database
    Case(("status",), FILE, "not a folder", setup=data_folder_is_file, name="data is file"),
    Case(
        ("goals", "add", "x"), FILE, "not a folder", setup=data_folder_is_file, name="data file 2"
    ),
    Case(
        ("checkin", "morning", "--text"),
        FILE,
        "xdg_runtime_dir/microalign",
        setup=lock_folder_is_file,
        stdin="be kind\n",
        name="lock folder is file",
    ),
    Case(
        ("status",),
        DATABASE,
        "{db} is not a readable",
        setup=db_bytes(b"garbage " * 100),
        name="db garbage",
    ),
    Case(
        ("goals", "add", "x"),
        DATABASE,
        "{db}",
        setup=db_bytes(b"hello\n"),
        name="db text file",
    ),
    Case(("history",), DATABASE, "{db}", setup=db_truncated, name="db truncated"),
    Case(("export",), DATABASE, "{db}", setup=db_scrambled_pages, name="db scrambled"),
    Case(("status",), DATABASE, "newer microalign", setup=db_from_the_future, name="db future"),
    Case(("status",), FILE, "{db} is a folder", setup=db_is_folder, name="db is folder"),
]

PROCESS_CASES = {
    "goals add \\xff",
    "goals pause huge id",
    "export -o /nonexistent/dir/x.md",
    "config model path",
    "db garbage",
    "TZ Foo/Bar",
    "data is file",
    "MICROALIGN_CONFIG missing",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A user with a config, one goal and one evening check-in, made by the real CLI."""
    root = tmp_path_factory.mktemp("template")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROALIGN_")}
    for name in XDG:
        (root / name).mkdir(mode=0o700)
        env[name.upper()] = str(root / name)
    for args, stdin in (
        (["init"], ""),
        (["goals", "add", "Smile at one person", "--value", "commitment"], ""),
        (["checkin", "evening", "--text"], "yes\nglad\n\n\n"),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "microalign", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(database(root)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return root


@pytest.fixture
def seeded(home: Path, template: Path) -> Path:
    for name in XDG:
        shutil.copytree(template / name, home / name, dirs_exist_ok=True)
    return home


def stored(home: Path) -> dict[str, bytes]:
    """Every file of the config and data folders (SQLite's -wal/-shm come and go)."""
    found = {}
    for name in ("xdg_config_home", "xdg_data_home"):
        for path in sorted((home / name).rglob("*")):
            if path.is_file() and not path.name.endswith(("-wal", "-shm")):
                found[str(path.relative_to(home))] = path.read_bytes()
    return found


def prepare(case: Case, home: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    if case.setup:
        case.setup(home)
    for key, value in case.env.items():
        monkeypatch.setenv(key, fill(value, home))
    return [fill(arg, home) for arg in case.args]


def check(case: Case, home: Path, result, before: dict[str, bytes]) -> None:
    assert result.code != 70, result.err
    assert result.code == case.code, (result.code, result.err)
    assert fill(case.needle, home) in result.err, result.err
    assert "Traceback" not in result.err
    assert stored(home) == before


def test_bad_input_cases_are_many_and_distinct():
    assert len(CASES) >= 100
    assert len({c.id for c in CASES}) == len(CASES)
    assert {c.id for c in CASES} >= PROCESS_CASES


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_documented_exit_named_problem_data_untouched(cli, seeded, monkeypatch, case):
    args = prepare(case, seeded, monkeypatch)
    before = stored(seeded)
    check(case, seeded, cli(*args, stdin=case.stdin), before)


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.id in PROCESS_CASES],
    ids=[c.id for c in CASES if c.id in PROCESS_CASES],
)
def test_bad_input_real_process_same_answer(cli_process, seeded, monkeypatch, case):
    args = prepare(case, seeded, monkeypatch)
    before = stored(seeded)
    check(case, seeded, cli_process(*args, stdin=case.stdin), before)
