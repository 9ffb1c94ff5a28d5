"""`stats`'s calendar tells a day the goal was not due from a rest day the user took, as the
report does. Made at a pinned day (TODAY) by processes under libfaketime."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from wcwidth import wcswidth

from microalign.adapters.paths import resolve
from microalign.app.context import App
from tests.harness.report_data import TODAY, microalign_at

MONDAY = TODAY - timedelta(days=TODAY.weekday() + 7)  # the Monday of the week before


def _answer(day, outcome: str) -> None:
    app = App(resolve())
    try:
        checkin = app.store.begin_checkin("evening", day, "text")
        app.store.add_answer(
            checkin, "goal:1", goal_id=1, kind="choice", prompt="?", text=outcome, outcome=outcome
        )
        app.store.finish_checkin(checkin, "done")
    finally:
        app.close()


def _rows(out: str) -> list[str]:
    """The heatmap's seven weekday rows, Monday first, without their labels."""
    lines = out.splitlines()
    monday = next(i for i, line in enumerate(lines) if line.startswith("Mon"))
    return [line[4:] for line in lines[monday : monday + 7]]


def test_stats_calendar_days_off_apart_from_rest_days(home):
    added = microalign_at(MONDAY, "goals", "add", "Stretch", "--days", "mon,wed,fri")
    assert added.code == 0, added.err
    _answer(MONDAY, "kept")
    _answer(MONDAY + timedelta(days=2), "rest")  # Wednesday: skipped, a rest day
    _answer(MONDAY + timedelta(days=4), "kept")
    stats = microalign_at(TODAY, "stats")
    assert stats.code == 0, stats.err
    rows = _rows(stats.out)
    # Tuesdays, Thursdays and the weekend (today is the second week's Wednesday).
    assert (rows[1], rows[3], rows[5], rows[6]) == ("- -", "-", "-", "-"), stats.out
    assert rows[2].startswith("○"), stats.out  # the Wednesday skipped
    assert "○ rest" in stats.out and "- not scheduled" in stats.out


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 7), TODAY, date(2027, 2, 28), date(2027, 12, 31), date(2028, 2, 29)],
    ids=str,
)
def test_stats_calendar_24_months_korean_within_60_columns(home, monkeypatch, day):
    config = home / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[general]\nlanguage = "ko"\n')
    assert microalign_at(day - timedelta(days=800), "goals", "add", "하루에 물 한 잔").code == 0
    monkeypatch.setenv("COLUMNS", "60")
    stats = microalign_at(day, "stats", "--months", "24")
    assert stats.code == 0, stats.err
    assert max(wcswidth(line) for line in stats.out.splitlines()) <= 60, stats.out
    headers = [line for line in stats.out.splitlines() if "월" in line and "·" not in line]
    assert sum(line.count("12월") for line in headers) >= 2, stats.out
