"""The HTML report as people see it: loaded in headless Chromium (Debian's /usr/bin/chromium
driven by Playwright) at phone, tablet and desktop widths, in light and dark. Reports are
made on a pinned day (TODAY) by a process under libfaketime.

Screenshots go to the test's folder and, when MICROALIGN_SHOTS_DIR is set, there too.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from microalign.app.report import first_month
from tests.harness.report_data import (
    FIRST_STEP,
    HOSTILE_GOAL,
    KOREAN_GOAL,
    LONG_WORD,
    SECOND_STEP,
    TODAY,
    microalign_at,
    write_realistic_store,
)
from tests.harness.report_view import CHROMIUM

# The hostile goal's name as the page shows it: markup as text, terminal escapes removed.
HOSTILE_GOAL_SHOWN = f"<script>alert(1)</script> red {LONG_WORD}"
WIDTHS = (360, 412, 600, 768, 800, 1024, 1280, 1400)
SHOT_WIDTHS = (360, 800, 1400)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def report(cli, tmp_path: Path) -> Path:
    assert cli("goals", "list").code == 0
    write_realistic_store(TODAY)
    path = tmp_path / "report.html"
    result = microalign_at(TODAY, "report", "-o", str(path))
    assert result.code == 0, result.err
    return path


def _page(browser: Any, path: Path, width: int, scheme: str = "light") -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.goto(path.as_uri())
    return page


def _overflow(page: Any) -> tuple[int, int]:
    return page.evaluate(
        "[document.documentElement.scrollWidth, Math.max(...[...document.querySelectorAll"
        "('body *')].map(e => e.getBoundingClientRect().right))]"
    )


def test_report_view_widths_360_to_1400_no_horizontal_overflow(browser, report):
    for width in WIDTHS:
        page = _page(browser, report, width)
        scroll, rightmost = _overflow(page)
        page.close()
        assert scroll <= width, (width, scroll)
        assert rightmost <= width, (width, rightmost)


def test_report_view_legend_visible_names_every_state(browser, report):
    page = _page(browser, report, 360)
    legend = page.locator("section.legend")
    assert legend.is_visible()
    items = legend.locator("li")
    texts = [items.nth(i).inner_text() for i in range(items.count())]
    assert texts == [
        "kept",
        "partly",
        "freeze (streak protected)",
        "missed",
        "rest day or skipped",
        "today, not answered yet",
        "not scheduled",
    ]
    # Each state has a shape of its own, so colour is not the only difference.
    shapes = legend.locator("svg.swatch").evaluate_all(
        "svgs => svgs.map(s => [...s.children].map(c => c.tagName + '.' + c.getAttribute("
        "'class')).join('+'))"
    )
    assert len(set(shapes)) == 7 and all(
        legend.locator("svg.swatch").nth(i).is_visible() for i in range(7)
    )
    page.close()


def test_report_view_strength_axis_0_to_100_with_90_line(browser, report):
    page = _page(browser, report, 800)
    charts = page.locator("section.goal svg.chart")
    assert charts.count() == 4
    for i in range(charts.count()):
        chart = charts.nth(i)
        labels = chart.locator("text.axis").all_text_contents()
        assert "0%" in labels and "100%" in labels and "50%" in labels
        grid = chart.locator("line.grid").evaluate_all(
            "ls => ls.map(l => l.getBoundingClientRect().y)"
        )
        bottom, top = max(grid), min(grid)
        target = chart.locator("line.target")
        # A horizontal line has no height, which Playwright counts as invisible.
        width = chart.locator("line.grid").first.evaluate("l => l.getBoundingClientRect().width")
        assert target.evaluate("l => l.getBoundingClientRect().width") == width > 200
        assert target.evaluate("l => getComputedStyle(l).stroke") != "none"
        y = target.evaluate("l => l.getBoundingClientRect().y")
        assert abs((bottom - y) / (bottom - top) - 0.9) < 0.01
        assert chart.locator("text.target-label").text_content().startswith("90%")
    page.close()


def test_report_view_calendars_weekday_and_month_labels(browser, report):
    page = _page(browser, report, 800)
    months = page.locator("section.goal", has_text=KOREAN_GOAL).locator("figure.month")
    today = TODAY
    assert months.count() == 3
    captions = months.locator("figcaption").all_inner_texts()
    from microalign.i18n import EN

    assert captions[-1] == f"{EN.months[today.month - 1]} {today.year}"
    for i in range(3):
        heads = months.nth(i).locator("svg > text").all_text_contents()
        assert heads == ["M", "T", "W", "T", "F", "S", "S"]
    # A goal's calendars cover only the months it ran in.
    ended = today - timedelta(days=61)
    first = first_month(today, 3)
    expected = (ended.year - first.year) * 12 + ended.month - first.month + 1
    heading = page.get_by_role("heading", name=FIRST_STEP, exact=True)
    levelled = page.locator("section.goal").filter(has=heading)
    assert levelled.locator("figure.month").count() == max(expected, 0)
    page.close()


def test_report_view_value_chart_one_bar_per_week(browser, report):
    page = _page(browser, report, 1400)
    charts = page.locator("svg.values-chart")
    assert charts.count() == 3  # courage, honesty, 건강
    for i in range(charts.count()):
        weeks = charts.nth(i).locator("g > title").all_text_contents()
        assert len(weeks) == 12 and all(w.startswith("week of ") for w in weeks)
        assert charts.nth(i).locator("rect.bar").count() >= 1
        assert "100%" in charts.nth(i).locator("text.axis").all_text_contents()
    page.close()


def test_report_view_levelup_cards_count_scheduled_days_as_stats_does(browser, report):
    stats = json.loads(microalign_at(TODAY, "stats", "--json").out)
    figures = {g["text"]: (g["scheduled_days"], g["kept_days"]) for g in stats}
    page = _page(browser, report, 360)
    chain = page.locator("ol.chain")
    assert chain.count() == 1
    text = " ".join(chain.inner_text().split())
    first, second = figures[FIRST_STEP], figures[SECOND_STEP]
    assert text.startswith(f"{FIRST_STEP} {first[0]} scheduled days · {first[1]} kept")
    assert f"→ {SECOND_STEP} {second[0]} scheduled days · {second[1]} kept" in text
    # The second goal is due Monday to Friday: its 61 calendar days are not its count.
    weekdays = sum((TODAY - timedelta(days=n)).weekday() < 5 for n in range(61))
    assert second[0] <= weekdays < 61
    origin = page.locator("section.goal", has_text=SECOND_STEP).locator("p.note")
    assert origin.inner_text() == f"Levelled up from “{FIRST_STEP}”."
    page.close()


def test_report_view_hostile_and_korean_names_shown_as_text(browser, report):
    page = _page(browser, report, 360)
    headings = page.locator("section.goal h2").all_inner_texts()
    assert KOREAN_GOAL in headings
    assert HOSTILE_GOAL_SHOWN in headings
    assert HOSTILE_GOAL not in report.read_text()
    assert page.evaluate("document.scripts.length") == 0
    page.close()


def _background(browser: Any, path: Path, scheme: str) -> str:
    page = _page(browser, path, 800, scheme)
    colour = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    card = page.evaluate("getComputedStyle(document.querySelector('.card')).backgroundColor")
    page.close()
    return f"{colour} {card}"


def test_report_view_dark_scheme_dark_background(browser, report):
    light, dark = _background(browser, report, "light"), _background(browser, report, "dark")
    assert light == "rgb(247, 246, 242) rgb(255, 255, 255)"
    assert dark == "rgb(20, 23, 27) rgb(28, 32, 38)"


def test_report_view_korean_report_fits_360(browser, cli, home, tmp_path):
    config = home / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[general]\nlanguage = "ko"\n')
    assert cli("goals", "list").code == 0
    write_realistic_store(TODAY)
    path = tmp_path / "ko.html"
    assert microalign_at(TODAY, "report", "-o", str(path)).code == 0
    page = _page(browser, path, 360)
    assert _overflow(page)[0] <= 360
    assert page.locator("section.legend h2").inner_text() == "범례"
    heads = page.locator("figure.month").first.locator("svg > text").all_text_contents()
    assert heads == ["월", "화", "수", "목", "금", "토", "일"]
    page.close()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_report_view_screenshots_three_widths_light_and_dark(browser, report, tmp_path):
    shots = tmp_path / "shots"
    shots.mkdir()
    for scheme in ("light", "dark"):
        for width in SHOT_WIDTHS:
            page = _page(browser, report, width, scheme)
            path = shots / f"report-{width}-{scheme}.png"
            page.screenshot(path=str(path), full_page=True)
            height = page.evaluate("document.documentElement.scrollHeight")
            page.close()
            assert _png_size(path) == (width, height)
    keep = os.environ.get("MICROALIGN_SHOTS_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in shots.iterdir():
            shutil.copy(shot, Path(keep) / shot.name)


def _day_marks(page: Any, goal: str) -> dict[date, tuple[str, str]]:
    """Each day drawn in the goal's calendars: (what its tooltip says, its mark's class)."""
    section = page.locator("section.goal").filter(
        has=page.get_by_role("heading", name=goal, exact=True)
    )
    found = section.locator("figure.month svg g").evaluate_all(
        "gs => gs.map(g => [g.querySelector('title').textContent,"
        " g.querySelector('rect').getAttribute('class')])"
    )
    marks = {}
    for title, mark in found:
        day, said = title.split(": ", 1)
        marks[date.fromisoformat(day)] = (said, mark)
    return marks


def test_report_view_days_off_drawn_apart_from_rest_days(browser, report):
    page = _page(browser, report, 800)
    # Due on Monday, Wednesday, Friday and Sunday; due Monday to Friday.
    for goal, due in ((HOSTILE_GOAL_SHOWN, {0, 2, 4, 6}), (SECOND_STEP, {0, 1, 2, 3, 4})):
        marks = _day_marks(page, goal)
        off = {d: m for d, m in marks.items() if d.weekday() not in due}
        assert off and all(m == ("not scheduled", "none") for m in off.values()), off
        rest = [d for d, (said, _) in marks.items() if said == "rest day or skipped"]
        assert all(d.weekday() in due for d in rest)
    rests = page.locator("figure.month rect.rest").count()
    assert rests > 0  # the store has skipped days, and they are shown as such
    page.close()


def test_report_view_period_starts_at_first_goal_day(browser, cli, tmp_path):
    started = TODAY - timedelta(days=9)
    assert microalign_at(started, "goals", "add", "Stretch", "--days", "mon,wed,fri").code == 0
    later = started + timedelta(days=2)
    assert microalign_at(later, "goals", "add", "Read a page").code == 0
    path = tmp_path / "new.html"
    assert microalign_at(TODAY, "report", "-o", str(path)).code == 0
    page = _page(browser, path, 800)
    period = page.locator("header p.sub").inner_text()
    assert period == f"Your micro-goals from {started.isoformat()} to {TODAY.isoformat()}."
    page.close()


def test_report_view_period_of_older_goals_starts_with_first_month_shown(browser, report):
    page = _page(browser, report, 800)
    since = first_month(TODAY, 3)
    period = page.locator("header p.sub").inner_text()
    assert period == f"Your micro-goals from {since.isoformat()} to {TODAY.isoformat()}."
    page.close()
