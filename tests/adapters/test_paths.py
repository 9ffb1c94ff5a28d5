"""XDG base directories resolved as platformdirs resolves them on Linux; the folders
microalign makes are the owner's only."""

from __future__ import annotations

import os
import stat

import pytest
from platformdirs import user_cache_path, user_config_path, user_data_path

from microalign.adapters.paths import private_dir, resolve, xdg_dir

VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


@pytest.mark.parametrize("value", [None, "", "  ", "relative/dir", "/abs/dir", "~/tilde"], ids=repr)
def test_paths_xdg_dir_any_value_same_as_platformdirs(monkeypatch, value):
    for name in VARIABLES:
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("MICROALIGN_CONFIG", raising=False)
    monkeypatch.delenv("MICROALIGN_DATA_DIR", raising=False)
    assert xdg_dir("XDG_CACHE_HOME", "~/.cache") == user_cache_path("microalign")
    paths = resolve()
    assert paths.config_file == user_config_path("microalign") / "microalign.toml"
    assert paths.data_dir == user_data_path("microalign")
    assert paths.cache_dir == user_cache_path("microalign")


@pytest.fixture
def umask_022():
    """The usual umask, under which a plain mkdir makes folders others can read."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_paths_private_dir_missing_parents_made_owner_only(tmp_path, umask_022):
    tmp_path.chmod(0o755)
    made = private_dir(tmp_path / "cache-home" / "microalign" / "config")
    assert made == tmp_path / "cache-home" / "microalign" / "config"
    for folder in (made, made.parent, made.parent.parent):
        assert _mode(folder) == "0o700", folder
    assert _mode(tmp_path) == "0o755"  # a folder that was there already is the user's


def test_paths_private_dir_existing_open_folder_made_owner_only(tmp_path, umask_022):
    older = tmp_path / "microalign"
    older.mkdir(mode=0o755)
    assert _mode(private_dir(older)) == "0o700"
