"""Ordinary file, input and environment problems: our message, a documented exit code, never
the internal error (70); and files that stay private."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

FILE_ERROR = 12


def config_path(home: Path) -> Path:
    return home / "xdg_config_home" / "microalign" / "microalign.toml"


def data_dir(home: Path) -> Path:
    return home / "xdg_data_home" / "microalign"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- A: files and folders that cannot be used ----------------------------------------


def test_export_output_in_missing_folder_exits_12_naming_it(cli_process):
    result = cli_process("export", "-o", "/nonexistent/dir/x.md")
    assert result.code == FILE_ERROR, result.err
    assert "/nonexistent/dir/x.md" in result.err and "/nonexistent/dir exists" in result.err
    assert "internal error" not in result.err


def test_report_output_in_proc_exits_12_naming_it(cli):
    result = cli("report", "-o", "/proc/x.html")
    assert result.code == FILE_ERROR, result.err
    assert "/proc/x.html" in result.err


def test_export_disk_full_exits_12_and_keeps_old_file(cli, tmp_path, monkeypatch):
    out = tmp_path / "journal.md"
    out.write_text("old journal")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = cli("export", "-o", str(out))
    assert result.code == FILE_ERROR, result.err
    assert "No space left on device" in result.err and "Free some disk space" in result.err
    assert out.read_text() == "old journal"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".journal")) == []


def test_lock_disk_full_exits_12_naming_lock_file(cli, monkeypatch):
    cli("goals", "add", "Smile at one person")

    def full(fd: int, data: bytes, offset: int) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "pwrite", full)
    result = cli("checkin", "evening", "--text", stdin="yes\n")
    assert result.code == FILE_ERROR, result.err
    assert "checkin.lock" in result.err and "Free some disk space" in result.err


def test_lock_folder_is_a_file_exits_12(cli, home):
    (home / "xdg_runtime_dir" / "microalign").write_text("")
    result = cli("checkin", "morning", "--text", stdin="be kind\n")
    assert result.code == FILE_ERROR, result.err
    assert "xdg_runtime_dir/microalign" in result.err and "not a folder" in result.err


def test_run_data_dir_is_a_file_exits_12(cli_process, home):
    data_dir(home).write_text("not a folder")
    result = cli_process("run", timeout=60)
    assert result.code == FILE_ERROR, result.err
    assert str(data_dir(home)) in result.err and "not a folder" in result.err


def test_status_data_dir_is_a_file_exits_12(cli, home):
    data_dir(home).write_text("not a folder")
    result = cli("status")
    assert result.code == FILE_ERROR, result.err
    assert str(data_dir(home)) in result.err
    assert data_dir(home).read_text() == "not a folder"


def test_database_on_read_only_medium_exits_12(cli, home, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).endswith("microalign.db") and flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = cli("goals", "add", "Smile at one person")
    assert result.code == FILE_ERROR, result.err
    assert "microalign.db" in result.err and "read-only file system" in result.err


def test_init_config_folder_is_a_file_exits_12(cli, home):
    (home / "xdg_config_home" / "microalign").write_text("")
    result = cli("init")
    assert result.code == FILE_ERROR, result.err
    assert "xdg_config_home/microalign" in result.err


def test_config_permission_denied_says_chmod(cli, home, monkeypatch):
    path = config_path(home)
    path.parent.mkdir(parents=True)
    path.write_text("")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = cli("status")
    assert result.code == 3, result.err
    assert "Permission denied" in result.err and f"chmod 600 {path}" in result.err


def test_config_is_a_folder_says_so(cli, home):
    config_path(home).mkdir(parents=True)
    result = cli("config", "check")
    assert result.code == 3, result.err
    assert f"{config_path(home)} is a folder" in result.err


def test_main_unexpected_environment_oserror_exits_12_not_70(cli, monkeypatch):
    from microalign.app import figures

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, os.strerror(errno.EIO), "/some/file")

    monkeypatch.setattr(figures, "goal_figures", broken)
    result = cli("status")
    assert result.code == FILE_ERROR, result.err
    assert "/some/file" in result.err and "dmesg" in result.err


# --- B: silent contract breaks --------------------------------------------------------


@pytest.mark.parametrize("how", ["flag", "env"])
def test_config_named_but_missing_exits_3_saying_init(cli, home, monkeypatch, how):
    missing = home / "missing.toml"
    args = ["status"]
    if how == "flag":
        args = ["--config", str(missing), *args]
    else:
        monkeypatch.setenv("MICROALIGN_CONFIG", str(missing))
    result = cli(*args)
    assert result.code == 3, result.err
    assert str(missing) in result.err and "does not exist" in result.err
    assert f"microalign --config {missing} init" in result.err
    assert not data_dir(home).exists()


def test_config_named_but_missing_init_creates_it_and_path_prints_it(cli, home):
    missing = home / "new" / "my.toml"
    assert cli("--config", str(missing), "config", "path").out.strip() == str(missing)
    result = cli("--config", str(missing), "init")
    assert result.code == 0, result.err
    assert missing.is_file() and cli("--config", str(missing), "status").code == 0


def test_config_default_location_named_explicitly_stays_optional(cli, home, monkeypatch):
    # The daemon hands its (default) config path to its check-in processes this way.
    monkeypatch.setenv("MICROALIGN_CONFIG", str(config_path(home)))
    assert cli("status").code == 0


def test_status_unknown_tz_exits_3_naming_tz(cli, monkeypatch):
    monkeypatch.setenv("TZ", "Foo/Bar")
    result = cli("status")
    assert result.code == 3, result.err
    assert "TZ='Foo/Bar'" in result.err and "timedatectl list-timezones" in result.err


def test_checkin_unknown_tz_exits_3_before_asking(cli, monkeypatch):
    cli("goals", "add", "Smile at one person")
    monkeypatch.setenv("TZ", "Garbage")
    result = cli("checkin", "evening", "--text", stdin="yes\n")
    assert result.code == 3 and "TZ='Garbage'" in result.err
    assert "Did you" not in result.out


def test_config_check_unknown_tz_warns_and_exits_0(cli, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Nowhere")
    result = cli("config", "check")
    assert result.code == 0
    assert "TZ='Asia/Nowhere'" in result.err


def test_run_unknown_tz_exits_3(cli_process, monkeypatch):
    monkeypatch.setenv("TZ", "Mars/Olympus")
    result = cli_process("run")
    assert result.code == 3, result.err
    assert "TZ='Mars/Olympus'" in result.err and result.err.count("Mars/Olympus") == 1


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("/nonexistent", "no such directory"),
        ("~/no-model-here", "no such directory"),
        ("vosk-model-nope", "got 'vosk-model-nope'"),
        ("vosk-model-small-ko-0.22", "is a Korean model, but general.language is 'en'"),
    ],
)
def test_config_check_bad_speech_model_lists_file_key_expectation(cli, home, setting, expected):
    path = config_path(home)
    path.parent.mkdir(parents=True)
    path.write_text(f'[speech]\nmodel = "{setting}"\n')
    result = cli("config", "check")
    assert result.code == 3, result.err
    assert str(path) in result.err and "speech.model:" in result.err and expected in result.err
    data = json.loads(cli("config", "check", "--json").out)
    assert data["valid"] is False and data["problems"][0].startswith("speech.model:")


def test_config_check_model_dir_or_known_name_is_ok(cli, home, tmp_path):
    model = tmp_path / "my-model"
    (model / "am").mkdir(parents=True)
    (model / "conf").mkdir()
    path = config_path(home)
    path.parent.mkdir(parents=True)
    for setting in (str(model), "vosk-model-small-en-us-0.15"):
        path.write_text(f'[speech]\nmodel = "{setting}"\n')
        result = cli("config", "check")
        assert result.code == 0, result.err


@pytest.mark.parametrize("day", ["1900-01-01", "0001-01-01", "YEAR_AND_A_DAY"])
def test_checkin_date_long_ago_is_usage_error(cli, day):
    cli("goals", "add", "Smile at one person")
    if day == "YEAR_AND_A_DAY":
        day = str(date.today() - timedelta(days=366))
    result = cli("checkin", "evening", "--text", "--date", day, stdin="yes\n")
    assert result.code == 2, result.err
    assert day in result.err and "365 days" in result.err
    assert "Did you" not in result.out


def test_checkin_date_a_year_ago_is_accepted(cli):
    day = str(date.today() - timedelta(days=365))
    result = cli("checkin", "morning", "--text", "--date", day, stdin="be kind\n")
    assert result.code == 0, result.err


def test_checkin_help_says_how_far_back(cli):
    assert "at most 365 days back" in cli("checkin", "--help").out


def test_values_add_twice_says_it_exists(cli):
    assert cli("values", "add", "Patience").code == 0
    again = cli("values", "add", " patience ")
    assert again.code == 2
    assert "'patience' already exists" in again.err and "Added" not in again.out


def test_checkin_input_closed_before_any_answer_exits_1(cli_process):
    cli_process("goals", "add", "Smile at one person")
    result = cli_process("checkin", "evening", "--text", stdin="")
    assert result.code == 1, result.err
    assert "Ended without an answer" in result.err


def test_checkin_stop_before_any_answer_exits_1(cli):
    cli("goals", "add", "Smile at one person")
    result = cli("checkin", "evening", "--text", stdin="stop\n")
    assert result.code == 1, result.err


def test_checkin_input_closed_after_an_answer_exits_0(cli_process):
    cli_process("goals", "add", "Smile at one person")
    cli_process("goals", "add", "Drink water")
    result = cli_process("checkin", "evening", "--text", stdin="yes\n")
    assert result.code == 0, result.err
    assert "every answer given so far is saved" in result.err
    # Resumed, and closed again before the next answer: nothing new was answered.
    again = cli_process("checkin", "evening", "--text", stdin="")
    assert again.code == 1, again.err


def test_checkin_invalid_utf8_answer_is_stored_replaced(cli_process, home):
    cli_process("goals", "add", "Smile at one person")
    proc = subprocess.run(
        [sys.executable, "-m", "microalign", "checkin", "evening", "--text"],
        input=b"yes\nfe\xffel good\n\n\n",
        capture_output=True,
        env=os.environ.copy(),
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    texts = [r["text"] for r in json.loads(cli_process("history", "--json").out)]
    assert "fe\ufffdel good" in texts


def test_goals_add_invalid_utf8_argument_is_usage_error(cli_process):
    result = cli_process("goals", "add", "bad\udcff text")
    assert result.code == 2, result.err
    assert "not valid UTF-8" in result.err and "bad\\xff text" in result.err


# --- C: private files -----------------------------------------------------------------


def test_init_under_umask_000_writes_private_config_and_data(home):
    proc = subprocess.run(
        [sys.executable, "-m", "microalign", "init"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        preexec_fn=lambda: os.umask(0),
    )
    assert proc.returncode == 0, proc.stderr
    config = config_path(home)
    assert (mode(config), mode(config.parent)) == (0o600, 0o700)
    assert (mode(data_dir(home)), mode(data_dir(home) / "microalign.db")) == (0o700, 0o600)


def test_init_tightens_existing_default_config_folder(cli, home):
    config_path(home).parent.mkdir(mode=0o755, parents=True)
    config_path(home).parent.chmod(0o755)
    assert cli("init").code == 0
    assert mode(config_path(home).parent) == 0o700


def test_init_named_config_leaves_existing_folder_alone(cli, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    assert cli("--config", str(folder / "m.toml"), "init").code == 0
    assert (mode(folder), mode(folder / "m.toml")) == (0o755, 0o600)


def test_export_over_leftover_public_temp_file_is_private(cli, tmp_path):
    out = tmp_path / "journal.md"
    leftover = tmp_path / ".journal.md.tmp"
    leftover.write_text("old")
    leftover.chmod(0o644)
    assert cli("export", "-o", str(out)).code == 0
    assert mode(out) == 0o600


def test_export_symlink_at_temp_name_is_not_followed(cli, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / ".journal.md.tmp").symlink_to(victim)
    assert cli("export", "-o", str(tmp_path / "journal.md")).code == 0
    assert victim.read_text() == "keep me"


def test_export_existing_public_file_becomes_private(cli, tmp_path):
    out = tmp_path / "journal.md"
    out.write_text("old")
    out.chmod(0o644)
    assert cli("export", "-o", str(out)).code == 0
    assert mode(out) == 0o600 and "old" not in out.read_text()


def test_models_use_writes_config_private(cli, home, tmp_path):
    model = tmp_path / "my-model"
    (model / "am").mkdir(parents=True)
    (model / "conf").mkdir()
    path = config_path(home)
    path.parent.mkdir(parents=True)
    path.write_text("[general]\n")
    path.chmod(0o644)
    result = cli("models", "use", str(model))
    assert result.code == 0, result.err
    assert mode(path) == 0o600 and str(model) in path.read_text()


def test_status_tightens_public_database(cli, home):
    cli("goals", "add", "Smile at one person")
    db = data_dir(home) / "microalign.db"
    db.chmod(0o644)
    assert cli("status").code == 0
    assert mode(db) == 0o600
