import re
from pathlib import Path

import pytest

from microalign import config
from microalign.errors import ConfigError

SHIPPED = Path(__file__).parents[2] / "config" / "microalign.toml"


def test_config_shipped_file_equals_defaults():
    assert config.load(SHIPPED) == config.DEFAULT


def test_config_packaged_copy_matches_shipped_file():
    assert config.default_text() == SHIPPED.read_text(encoding="utf-8")


def test_config_missing_file_gives_defaults(tmp_path):
    assert config.load(tmp_path / "none.toml") == config.DEFAULT


@pytest.mark.parametrize(
    ("toml", "key", "expected"),
    [
        ('[general]\nsoft_goal_limit = "three"', "general.soft_goal_limit", "integer"),
        ("[general]\nlanguag = 'en'", "general.languag", "unknown key"),
        ('[schedule.evening]\ntime = "25:00"', "schedule.evening.time", "HH:MM"),
        ('[schedule.morning]\ntimes = { sat = "9am" }', "schedule.morning.times.sat", "HH:MM"),
        ('[schedule.morning]\ndays = ["mon", "funday"]', "schedule.morning.days.1", "'mon'"),
        ("[general]\nlanguage = 'fr'", "general.language", "'en' or 'ko'"),
        ("[speech]\nsilence_seconds = 0", "speech.silence_seconds", "greater than or equal"),
        (
            "[speech]\nchoice_silence_seconds = 0.1",
            "speech.choice_silence_seconds",
            "greater than or equal",
        ),
        ("bogus = 1", "bogus", "unknown key"),
    ],
)
def test_config_invalid_value_names_file_key_and_expectation(tmp_path, toml, key, expected):
    path = tmp_path / "microalign.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as info:
        config.load(path)
    message = str(info.value)
    assert str(path) in message
    assert f"{key}:" in message
    assert expected in message


def test_config_several_errors_are_all_listed(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[general]\nsoft_goal_limit = 9\nfoo = 1\n[schedule.evening]\ntime = "21:61"\n')
    with pytest.raises(ConfigError) as info:
        config.load(path)
    assert len(info.value.problems) == 3


def test_config_broken_toml_says_where(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[general\nlanguage = 'en'")
    with pytest.raises(ConfigError, match=r"not valid TOML.*line 1"):
        config.load(path)


def test_config_not_utf8_is_reported(tmp_path):
    path = tmp_path / "c.toml"
    path.write_bytes(b"\xff\xfe[general]")
    with pytest.raises(ConfigError, match="UTF-8"):
        config.load(path)


def test_config_timing_time_on_weekday_override_and_day_off():
    timing = config.Timing(time="07:30", days=["mon", "sat"], times={"sat": "09:15"})
    assert timing.time_on(0).strftime("%H:%M") == "07:30"
    assert timing.time_on(5).strftime("%H:%M") == "09:15"
    assert timing.time_on(2) is None
    assert config.Timing(time="07:30", enabled=False).time_on(0) is None


def test_config_required_missing_file_is_an_error(tmp_path):
    path = tmp_path / "none.toml"
    with pytest.raises(ConfigError, match="does not exist") as info:
        config.load(path, required=True)
    assert f"microalign --config {path} init" in str(info.value)


@pytest.mark.parametrize(
    "tz",
    [
        "",
        "UTC",
        "Europe/Berlin",
        ":Europe/Paris",
        "Asia/Seoul",
        "EST5EDT",
        "UTC0",
        "CET-1CEST,M3.5.0,M10.5.0/3",
        "<+09>-9",
        "/usr/share/zoneinfo/America/New_York",
    ],
)
def test_tz_problem_known_zone_is_none(tz):
    from microalign.core.clock import tz_problem

    assert tz_problem({"TZ": tz}) is None
    assert tz_problem({}) is None


@pytest.mark.parametrize(
    "tz",
    ["Foo/Bar", "Garbage", "Asia/Nowhere", ":Nowhere", "/nonexistent/zone", "../../etc/passwd"],
)
def test_tz_problem_unknown_zone_named(tz):
    from microalign.core.clock import tz_problem

    problem = tz_problem({"TZ": tz})
    assert problem is not None and repr(tz) in problem


def test_config_legacy_schedule_sections_become_checkins_with_info(tmp_path, caplog):
    import logging

    path = tmp_path / "old.toml"
    path.write_text(
        '[schedule]\ngrace_minutes = 60\n[schedule.morning]\ntime = "08:15"\ndays = ["mon"]\n'
        '[schedule.evening]\nenabled = false\ntime = "21:00"\n'
    )
    with caplog.at_level(logging.INFO, logger="microalign.config"):
        loaded = config.load(path)
    morning, evening = loaded.checkins["morning"], loaded.checkins["evening"]
    assert (morning.flow, morning.time, morning.days) == ("morning", "08:15", ["mon"])
    assert (evening.flow, evening.enabled) == ("evening", False)
    assert loaded.checkins["weekly"] == config.DEFAULT.checkins["weekly"]
    assert loaded.schedule.grace_minutes == 60 and loaded.schedule.morning is None
    assert "rename the section to [checkins.morning]" in caplog.text
    assert str(path) in caplog.text


def test_config_checkins_default_overridden_added_and_planned(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[checkins.weekly]\nenabled = false\n[checkins.morning]\ntime = "06:45"\n'
        '[checkins.lunch]\nflow = "evening"\ntime = "12:30"\ndays = ["mon", "tue"]\n'
    )
    loaded = config.load(path)
    assert list(loaded.checkins) == ["morning", "evening", "weekly", "lunch"]
    assert loaded.checkins["morning"].flow == "morning"
    plan = loaded.plan()
    assert plan.names == ("morning", "evening", "weekly", "lunch")
    lunch = plan.get("lunch")
    assert [t and t.strftime("%H:%M") for t in lunch.times] == ["12:30", "12:30"] + [None] * 5
    assert set(plan.get("weekly").times) == {None}
    assert plan.get("morning").time_on(3).strftime("%H:%M") == "06:45"


def test_config_default_checkins_weekly_on_sunday_after_evening():
    checkins = config.DEFAULT.checkins
    assert [(n, c.flow) for n, c in checkins.items()] == [
        ("morning", "morning"),
        ("evening", "evening"),
        ("weekly", "weekly"),
    ]
    assert checkins["weekly"].days == ["sun"]
    assert checkins["weekly"].time > checkins["evening"].time


@pytest.mark.parametrize("name", ["Lunch", "1st", "a" * 33, "lunch break", "é"])
def test_config_checkin_bad_name_rejected_naming_it(tmp_path, name):
    path = tmp_path / "c.toml"
    path.write_text(f'[checkins."{name}"]\nflow = "evening"\ntime = "12:30"\n')
    with pytest.raises(ConfigError) as info:
        config.load(path)
    assert f"checkins.{name}: check-in name {name!r} is not allowed" in str(info.value)


# Each is a TOML slip tomllib reports in different words.
TOML_SLIPS = {
    "value": "[general]\nlanguage = ko\n",
    "equals": "[general]\nlanguage 'ko'\n",
    "newline": '[general]\nlanguage = "ko" "en"\n',
    "unclosed": "[general\n",
    "string": '[general]\nlanguage = "ko',
    "twice": '[general]\nlanguage = "ko"\nlanguage = "en"\n',
    "character": '[general]\nlanguage = "k\x01o"\n',
    "statement": "[general]\n\x01 = 1\n",
}


@pytest.mark.parametrize("slip", sorted(TOML_SLIPS))
def test_config_toml_slip_in_korean_has_no_english_word(tmp_path, slip):
    from microalign.i18n import get_pack

    path = tmp_path / "c.toml"
    path.write_text(TOML_SLIPS[slip])
    with pytest.raises(ConfigError) as info:
        config.load(path)
    korean = get_pack("ko").render(info.value.problems[0])
    assert re.search("[가-힣]", korean), korean
    assert set(re.findall(r"[A-Za-z]+", korean)) <= {"TOML"}, korean
    english = get_pack("en").render(info.value.problems[0])
    assert english.startswith("not valid TOML at line "), english
    assert "?" not in english, english  # the place is known even at the end of the text
