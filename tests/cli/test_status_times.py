"""`status` words a check-in not run yet by the time of day: still to come ("at 07:30"),
open inside the grace window, or missed; never "not yet" long after its time. Each test
runs `microalign status` as a process under libfaketime at a moment it names."""

from __future__ import annotations

from datetime import datetime

import pytest

# A Wednesday: the default morning (07:30) and evening (21:00), no weekly review.
DAY = "2027-03-10"


@pytest.fixture
def status_at(cli_process, test_clock):
    def run(clock: str, *args: str):
        test_clock.set(datetime.fromisoformat(f"{DAY} {clock}"), "Europe/Berlin")
        result = cli_process("status", *args)
        assert result.code == 0, result
        return result

    return run


def test_status_late_evening_says_morning_and_evening_missed(status_at):
    out = status_at("23:30").out
    assert "morning missed" in out and "evening missed" in out, out
    assert "not yet" not in out


def test_status_inside_grace_window_says_open_until(status_at):
    out = status_at("08:00").out
    assert "morning open until 09:30" in out, out
    assert "evening at 21:00" in out, out


def test_status_before_the_checkin_names_its_time(status_at):
    out = status_at("06:00").out
    assert "morning at 07:30" in out and "evening at 21:00" in out, out


def test_status_done_checkin_stays_done_at_any_hour(status_at, cli_process, test_clock):
    test_clock.set(datetime.fromisoformat(f"{DAY} 07:45"), "Europe/Berlin")
    typed = cli_process("checkin", "morning", "--text", stdin="Be kind\n")
    assert typed.code == 0, typed
    out = status_at("23:30").out
    assert "morning done" in out and "evening missed" in out, out


def test_status_json_gives_each_open_checkin_its_time_and_state(status_at):
    import json

    data = json.loads(status_at("08:00", "--json").out)
    assert data["checkins"] == {"morning": None, "evening": None}
    assert data["due"] == {
        "morning": {"at": "07:30", "until": "09:30", "state": "open"},
        "evening": {"at": "21:00", "until": "23:00", "state": "upcoming"},
    }


def test_status_korean_words_missed_and_time(status_at, home):
    config = home / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[general]\nlanguage = "ko"\n')
    out = status_at("08:00").out
    assert "아침 오전 9시 30분까지" in out and "저녁 오후 9시 예정" in out, out
