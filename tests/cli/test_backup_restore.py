"""`backup` and `restore` as a user runs them: real processes, real SQLite, real files."""

from __future__ import annotations

import io
import json
import os
import stat
import tarfile
from pathlib import Path

STORE_ERROR, USAGE = 4, 2


def data_dir(home: Path) -> Path:
    return home / "xdg_data_home" / "microalign"


def _fill(cli_process, home: Path) -> None:
    assert cli_process("goals", "add", "Walk 10 minutes", "--since", "2026-11-01").code == 0
    for day in ("2026-11-09", "2026-11-10"):
        done = cli_process(
            "checkin", "evening", "--text", "--date", day, stdin="yes\ncalm\na walk\nrain\n"
        )
        assert done.code == 0, done.err
    folder = data_dir(home) / "audio" / "2026-11-10"
    folder.mkdir(parents=True)
    (folder / "evening-1.wav").write_bytes(os.urandom(200_000))
    (folder / "evening-2.wav").write_bytes(b"RIFF" + bytes(range(256)) * 100)


def _export(cli_process, *flags: str) -> str:
    result = cli_process(*flags, "export", "--format", "json")
    assert result.code == 0, result.err
    return result.out


def test_backup_then_restore_into_fresh_folder_gives_identical_export(cli_process, home, tmp_path):
    _fill(cli_process, home)
    backup = tmp_path / "store.backup"
    made = cli_process("backup", "-o", str(backup))
    assert made.code == 0, made.err
    assert "2 recordings" in made.out
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    fresh = tmp_path / "fresh"
    restored = cli_process("--data-dir", str(fresh), "restore", str(backup))
    assert restored.code == 0, restored.err
    assert "integrity check" in restored.out
    assert _export(cli_process, "--data-dir", str(fresh)) == _export(cli_process)
    for name in ("evening-1.wav", "evening-2.wav"):
        relative = Path("audio") / "2026-11-10" / name
        assert (fresh / relative).read_bytes() == (data_dir(home) / relative).read_bytes()


def test_restore_over_store_without_force_exits_2_and_changes_nothing(cli_process, home, tmp_path):
    _fill(cli_process, home)
    backup = tmp_path / "store.backup"
    assert cli_process("backup", "-o", str(backup)).code == 0
    before = _export(cli_process)
    refused = cli_process("restore", str(backup))
    assert refused.code == USAGE, refused.err
    assert "--force" in refused.err
    assert _export(cli_process) == before
    assert not [p for p in data_dir(home).iterdir() if p.name.startswith("replaced-")]


def test_restore_force_keeps_replaced_store_aside_and_names_it(cli_process, home, tmp_path):
    _fill(cli_process, home)
    backup = tmp_path / "store.backup"
    assert cli_process("backup", "-o", str(backup)).code == 0
    assert cli_process("goals", "add", "Drink water").code == 0  # after the backup
    goals_before = cli_process("goals", "list", "--json").out
    restored = cli_process("restore", str(backup), "--force")
    assert restored.code == 0, restored.err
    aside = [p for p in data_dir(home).iterdir() if p.name.startswith("replaced-")]
    assert len(aside) == 1 and str(aside[0]) in restored.out
    assert "Drink water" not in cli_process("goals", "list", "--json").out
    old = cli_process("--data-dir", str(aside[0]), "goals", "list", "--json")
    assert old.out == goals_before
    assert (aside[0] / "audio" / "2026-11-10" / "evening-1.wav").exists()


def _tar(path: Path, members: list[tuple[str, bytes]]) -> None:
    with tarfile.open(path, "w") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _head() -> bytes:
    return json.dumps({"app": "microalign", "format": 1, "schema": 7}).encode()


def test_restore_hostile_backup_path_traversal_exits_4_and_writes_nothing(
    cli_process, home, tmp_path
):
    evil = tmp_path / "evil.backup"
    end = json.dumps({"files": {"microalign.db": [1, "0" * 64], "../../escape": [1, "0"]}})
    _tar(
        evil,
        [
            ("microalign-backup.json", _head()),
            ("microalign.db", b"x"),
            ("../../escape", b"x"),
            ("microalign-backup-end.json", end.encode()),
        ],
    )
    target = tmp_path / "target"
    result = cli_process("--data-dir", str(target), "restore", str(evil))
    assert result.code == STORE_ERROR, result.err
    assert "../../escape" in result.err and "Nothing was changed" in result.err
    assert not target.exists()
    assert not (tmp_path.parent / "escape").exists()


def test_restore_link_member_exits_4(cli_process, tmp_path):
    evil = tmp_path / "link.backup"
    with tarfile.open(evil, "w") as tar:
        info = tarfile.TarInfo("microalign-backup.json")
        data = _head()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("audio/x.wav")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
        end = json.dumps({"files": {"microalign.db": [0, ""]}}).encode()
        info = tarfile.TarInfo("microalign-backup-end.json")
        info.size = len(end)
        tar.addfile(info, io.BytesIO(end))
    result = cli_process("--data-dir", str(tmp_path / "t"), "restore", str(evil))
    assert result.code == STORE_ERROR, result.err
    assert "audio/x.wav" in result.err


def test_restore_truncated_backup_exits_4_and_keeps_store(cli_process, home, tmp_path):
    _fill(cli_process, home)
    backup = tmp_path / "store.backup"
    assert cli_process("backup", "-o", str(backup)).code == 0
    cut = tmp_path / "cut.backup"
    cut.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    before = _export(cli_process)
    result = cli_process("restore", str(cut), "--force")
    assert result.code == STORE_ERROR, result.err
    assert "damaged" in result.err
    assert _export(cli_process) == before


def test_restore_file_that_is_no_backup_exits_4_saying_so(cli_process, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\n" * 100)
    result = cli_process("--data-dir", str(tmp_path / "t"), "restore", str(other))
    assert result.code == STORE_ERROR, result.err
    assert "is not a microalign backup" in result.err
    assert not (tmp_path / "t").exists()


def test_restore_tampered_database_exits_4_and_keeps_store(cli_process, home, tmp_path):
    _fill(cli_process, home)
    backup = tmp_path / "store.backup"
    assert cli_process("backup", "-o", str(backup)).code == 0
    data = bytearray(backup.read_bytes())
    at = data.index(b"a walk")  # an answer's words, inside the database
    data[at] ^= 0x01  # one byte, the size unchanged
    backup.write_bytes(bytes(data))
    before = _export(cli_process)
    result = cli_process("restore", str(backup), "--force")
    assert result.code == STORE_ERROR, result.err
    assert "microalign.db is not what was backed up" in result.err
    assert _export(cli_process) == before
    assert not [p for p in data_dir(home).iterdir() if p.name.startswith((".restore", "repl"))]


def test_restore_while_daemon_runs_exits_7_and_changes_nothing(cli_process, home, tmp_path):
    from microalign.adapters.lock import daemon_lock
    from microalign.adapters.paths import resolve

    _fill(cli_process, home)
    backup = tmp_path / "store.backup"
    assert cli_process("backup", "-o", str(backup)).code == 0
    before = _export(cli_process)
    with daemon_lock(resolve()):  # as a running daemon holds it
        result = cli_process("restore", str(backup), "--force")
    assert result.code == 7, result.err
    assert "while microalign runs" in result.err
    assert _export(cli_process) == before


def test_backup_korean_messages(cli_process, home, tmp_path):
    assert cli_process("init", "--no-input", "--language", "ko").code == 0
    result = cli_process("backup", "-o", str(tmp_path / "b.backup"))
    assert result.code == 0, result.err
    assert "백업했어요" in result.out
