"""XDG base directories resolved as platformdirs resolves them on Linux."""

from __future__ import annotations

import pytest
from platformdirs import user_cache_path, user_config_path, user_data_path

from microalign.adapters.paths import resolve, xdg_dir

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
