"""Private file writing, the database's modes, and OS errors turned into our messages."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from microalign.adapters import files
from microalign.adapters.paths import private_dir
from microalign.adapters.store import SqliteStore
from microalign.errors import FileAccessError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_private_new_file_is_0600_under_umask_000(tmp_path):
    old = os.umask(0)
    try:
        files.write_private(tmp_path / "out.md", "hello")
    finally:
        os.umask(old)
    assert (tmp_path / "out.md").read_text() == "hello"
    assert mode(tmp_path / "out.md") == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_write_private_failure_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "c.toml"
    target.write_text("old")

    def refuse(src, dst):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FileAccessError, match="read-only file system") as info:
        files.write_private(target, "new")
    assert str(target) in str(info.value)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.toml"]


def test_write_private_missing_folder_names_it(tmp_path):
    with pytest.raises(FileAccessError) as info:
        files.write_private(tmp_path / "no" / "x.md", "x")
    assert f"{tmp_path / 'no'} exists" in str(info.value)
    assert info.value.exit_code == 12


def test_make_folders_new_ones_0700_existing_untouched(tmp_path):
    tmp_path.chmod(0o755)
    old = os.umask(0)
    try:
        files.make_folders(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert (mode(tmp_path), mode(tmp_path / "a"), mode(tmp_path / "a" / "b")) == (
        0o755,
        0o700,
        0o700,
    )


def test_private_dir_over_a_file_names_it(tmp_path):
    (tmp_path / "data").write_text("")
    with pytest.raises(FileAccessError, match="exists but is not a folder"):
        private_dir(tmp_path / "data")


def test_store_open_tightens_database_wal_and_shm(tmp_path):
    path = tmp_path / "m.db"
    first = SqliteStore.open(path, ["honesty"])  # keeps -wal and -shm in place while open
    first.conn.execute("INSERT INTO goal_values(name, created_at) VALUES ('x', 'now')")
    first.conn.commit()
    extras = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]
    assert all(p.exists() for p in extras)
    for p in extras:
        p.chmod(0o644)
    SqliteStore.open(path).close()
    assert [mode(p) for p in extras] == [0o600, 0o600, 0o600]
    first.close()


def test_access_error_without_file_name_still_says_what(tmp_path):
    error = files.access_error(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), None, "write")
    assert str(error).startswith("Cannot write a file: No space left on device.")
    assert "Free some disk space" in str(error)
