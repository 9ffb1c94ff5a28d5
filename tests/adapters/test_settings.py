"""The cached validated config (adapters/settings.py): the same settings as a full load,
read back without validating while the file is unchanged, validated afresh (with the same
errors) as soon as it changes."""

from __future__ import annotations

import os
import stat
import time

import pytest

from microalign import config as configuration
from microalign.adapters import settings as cache
from microalign.adapters.paths import resolve
from microalign.adapters.settings import load_settings
from microalign.errors import ConfigError
from microalign.settings import Settings

CONFIG = """\
[general]
language = "ko"
values = ["honesty", "courage"]
partly_counts_as_kept = false
[streaks]
freeze_days_per_week = 0
[checkins.lunch]
flow = "evening"
time = "12:30"
days = ["mon", "fri"]
[checkins.morning]
times = { sat = "09:00" }
"""


def settle() -> None:
    """Wait until the file's times are older than the cache's notion of "just changed"."""
    time.sleep(cache.RECENT_SECONDS + 0.1)


def fail():
    raise AssertionError("the config was validated again")


@pytest.fixture
def paths(home):
    found = resolve()
    found.config_file.parent.mkdir(parents=True, exist_ok=True)
    found.config_file.write_text(CONFIG)
    settle()
    return found


def full(paths) -> Settings:
    return Settings.from_config(configuration.load(paths.config_file, paths.config_required))


def test_settings_unchanged_file_read_back_without_validating(paths):
    first = load_settings(paths, lambda: configuration.load(paths.config_file))
    assert first == full(paths)
    assert first.checkins["lunch"].time_on(0).isoformat() == "12:30:00"
    assert first.checkins["morning"].time_on(5).isoformat() == "09:00:00"
    assert first.checkins["lunch"].time_on(1) is None
    assert load_settings(paths, fail) == first


def test_settings_missing_default_file_cached_as_defaults(home):
    paths = resolve()
    assert load_settings(paths, lambda: configuration.DEFAULT) == Settings.from_config(
        configuration.DEFAULT
    )
    assert load_settings(paths, fail) == Settings.from_config(configuration.DEFAULT)


@pytest.mark.parametrize("wait", [True, False], ids=["settled", "at-once"])
def test_settings_file_changed_invalid_same_error_as_full_load(paths, wait):
    load_settings(paths, lambda: configuration.load(paths.config_file))
    # Same size: only the contents and the file's times differ.
    paths.config_file.write_text(CONFIG.replace('language = "ko"', 'language = "kx"'))
    if wait:
        settle()
    with pytest.raises(ConfigError) as direct:
        configuration.load(paths.config_file)
    with pytest.raises(ConfigError) as via_cache:
        load_settings(paths, lambda: configuration.load(paths.config_file))
    assert str(via_cache.value) == str(direct.value) and "general.language" in str(direct.value)


def test_settings_file_changed_valid_new_settings(paths):
    load_settings(paths, lambda: configuration.load(paths.config_file))
    paths.config_file.write_text(CONFIG.replace("freeze_days_per_week = 0", ""))
    settle()
    again = load_settings(paths, lambda: configuration.load(paths.config_file))
    assert again.streaks.freeze_days_per_week == 1 and again == full(paths)


def test_settings_just_written_file_not_cached(home):
    paths = resolve()
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(CONFIG)
    load_settings(paths, lambda: configuration.load(paths.config_file))
    with pytest.raises(AssertionError, match="validated again"):
        load_settings(paths, fail)


def test_settings_corrupt_cache_validates_again(paths):
    load_settings(paths, lambda: configuration.load(paths.config_file))
    for found in (paths.cache_dir / "config").iterdir():
        found.write_text("{not json")
    assert load_settings(paths, lambda: configuration.load(paths.config_file)) == full(paths)


def test_settings_required_file_missing_not_cached_reports_it(home, tmp_path):
    paths = resolve(tmp_path / "nowhere.toml")
    assert paths.config_required
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(paths, lambda: configuration.load(paths.config_file, True))


def test_settings_cli_status_after_config_broken_reports_it_like_first_run(
    cli_process, home, tmp_path, monkeypatch
):
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG)
    settle()
    assert cli_process("status").code == 0
    assert any((home / "xdg_cache_home" / "microalign" / "config").iterdir())
    path.write_text(CONFIG.replace("freeze_days_per_week = 0", "freeze_days_per_week = 9"))
    broken = cli_process("status")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh-cache"))
    first = cli_process("status")
    assert broken.code == first.code == 3
    assert broken.err == first.err and "streaks.freeze_days_per_week" in broken.err


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_settings_cache_folders_made_owner_only(home, cli_process, monkeypatch, umask_022):
    fresh = home / "fresh-cache"  # no cache folder at all yet, as on a new machine
    monkeypatch.setenv("XDG_CACHE_HOME", str(fresh))
    assert cli_process("goals", "list").code == 0
    cache = fresh / "microalign" / "config" / "settings.json"
    assert cache.is_file()
    for folder in (cache.parent, cache.parent.parent, fresh):
        assert _mode(folder) == "0o700", folder


def test_settings_cache_folder_of_older_version_made_owner_only(home, cli_process, umask_022):
    older = home / "xdg_cache_home" / "microalign"
    (older / "config").mkdir(parents=True)
    older.chmod(0o755)
    (older / "config").chmod(0o755)
    assert cli_process("goals", "list").code == 0
    assert (older / "config" / "settings.json").is_file()
    assert (_mode(older), _mode(older / "config")) == ("0o700", "0o700")
