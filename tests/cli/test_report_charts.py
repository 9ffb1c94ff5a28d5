"""The report's charts measured where Chromium draws them: the 90 % label beside the strength
line, never on it, and every week bar of a values chart under a month (and year) label.

Geometry is read in each chart's own SVG units (getBBox of the texts as the real fonts set
them, the points of the line, the bars' rectangles)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest

from microalign.app.report_axes import text_width
from microalign.app.report_style import STYLE
from microalign.app.report_svg import AXIS_SIZE, TARGET_SIZE, strength_chart, value_chart
from microalign.core.alignment import AlignmentRate
from microalign.i18n import EN, KO
from tests.harness.report_data import TODAY, microalign_at, write_realistic_store
from tests.harness.report_view import chromium, open_page

# Half the line's stroke (2) and the halo drawn around the label's letters (3).
LINE_HALF, HALO_HALF = 1.0, 1.5


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


def _show(browser: Any, charts: list[str], width: int = 800) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    body = "".join(f"<div class='chart-box'>{chart}</div>" for chart in charts)
    page.set_content(f"<!doctype html><html><head><style>{STYLE}</style></head><body>{body}")
    return page


def _label_and_line(chart: Any) -> tuple[dict[str, float], list[tuple[float, float]]]:
    return chart.evaluate(
        """svg => {
          const box = svg.querySelector('text.target-label').getBBox();
          const line = svg.querySelector('polyline.line');
          const points = [...line.points].map(p => [p.x, p.y]);
          return [{x: box.x, y: box.y, width: box.width, height: box.height}, points];
        }"""
    )


def _crosses(box: dict[str, float], points: list[tuple[float, float]]) -> list[float]:
    """Where the line (as thick as it is drawn) passes through the label (with its halo)."""
    pad = LINE_HALF + HALO_HALF
    left, right = box["x"] - pad, box["x"] + box["width"] + pad
    top, bottom = box["y"] - pad, box["y"] + box["height"] + pad
    hits = []
    for (x1, y1), (x2, y2) in pairwise(points):
        steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) * 4))
        for i in range(steps + 1):
            x, y = x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps
            if left <= x <= right and top <= y <= bottom:
                hits.append(round(x, 1))
    return hits


def _series(values: list[float], start: date = date(2027, 1, 1)) -> list[tuple[date, float]]:
    return [(start + timedelta(days=i), v) for i, v in enumerate(values)]


def _ramp(first: float, last: float, days: int) -> list[float]:
    return [first + (last - first) * i / (days - 1) for i in range(days)]


SERIES = {
    # The line climbing to 100 % at its right end, where the label used to sit.
    "ends_at_100": _ramp(0.3, 1.0, 70),
    "ends_at_92": _ramp(0.5, 0.92, 70),
    "flat_95": [0.95] * 60,
    "flat_85": [0.85] * 60,
    "flat_90": [0.9] * 60,
    "high_then_low": [1.0] * 40 + _ramp(1.0, 0.6, 30),
    # Daily swings across the 90 % line: no side of it is ever free for long.
    "zigzag": [0.8 if i % 2 else 1.0 for i in range(12)],
    "two_days": [0.0, 1.0],
}


@pytest.mark.parametrize("lang", [EN, KO], ids=["en", "ko"])
@pytest.mark.parametrize("name", sorted(SERIES))
def test_report_charts_target_label_never_on_strength_line(browser, lang, name):
    page = _show(browser, [strength_chart(lang, _series(SERIES[name]))])
    box, points = _label_and_line(page.locator("svg.chart"))
    page.close()
    assert box["width"] > 20
    assert _crosses(box, points) == []


def test_report_charts_realistic_report_labels_clear_of_lines(browser, cli, tmp_path):
    assert cli("goals", "list").code == 0
    write_realistic_store(TODAY)
    path = tmp_path / "report.html"
    assert microalign_at(TODAY, "report", "-o", str(path)).code == 0
    for width in (360, 800):
        page = open_page(browser, path, width)
        charts = page.locator("section.goal svg.chart")
        assert charts.count() == 4
        for i in range(4):
            box, points = _label_and_line(charts.nth(i))
            assert _crosses(box, points) == [], (width, i)
        page.close()


def _weeks(first: date, count: int, value: str = "courage") -> list[AlignmentRate]:
    return [AlignmentRate(value, first + timedelta(weeks=i), (i * 3) % 6, 6) for i in range(count)]


def _bars_and_labels(chart: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict]:
    return chart.evaluate(
        """svg => {
          const box = b => ({x: b.x, y: b.y, width: b.width, height: b.height});
          const bars = [...svg.querySelectorAll('g')].map(g => ({
            title: g.querySelector('title').textContent,
            ...box(g.querySelector('rect').getBBox())}));
          const labels = [...svg.querySelectorAll('text')].map(t => ({
            text: t.textContent, ...box(t.getBBox())}));
          return [bars, labels, box(svg.viewBox.baseVal)];
        }"""
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("lang", [EN, KO], ids=["en", "ko"])
@pytest.mark.parametrize(
    ("first", "count"),
    [
        (date(2026, 12, 28), 12),  # one December week, then January a bar later
        (date(2027, 2, 22), 4),  # --months 1
        (date(2026, 3, 30), 52),
        (date(2025, 3, 31), 96),  # --months 24: every month twice but for the years
    ],
    ids=["12w", "4w", "52w", "96w"],
)
def test_report_charts_every_week_bar_under_its_month_and_year(browser, lang, first, count):
    rates = _weeks(first, count)
    page = _show(browser, [value_chart(lang, rates)])
    bars, labels, view = _bars_and_labels(page.locator("svg.values-chart"))
    page.close()
    assert len(bars) == count
    months = lang.t("report.months_short").split()
    plot_bottom = max(b["y"] + b["height"] for b in bars)
    below = [t for t in labels if t["y"] >= plot_bottom]
    spans: dict[tuple[int, int], list[float]] = {}
    for rate, bar in zip(rates, bars, strict=True):
        key = (rate.period_start.year, rate.period_start.month)
        left, right = spans.get(key, [bar["x"], bar["x"] + bar["width"]])
        spans[key] = [min(left, bar["x"]), max(right, bar["x"] + bar["width"])]

    def starts_under(t: dict[str, Any], left: float, right: float) -> bool:
        return left - 1 <= t["x"] <= right

    for (year, month), (left, right) in spans.items():
        named = [t for t in below if t["text"] == months[month - 1]]
        assert any(starts_under(t, left, right) for t in named), (year, month)
    for year in {y for y, _ in spans}:
        lo = min(left for (y, _), (left, _) in spans.items() if y == year)
        hi = max(right for (y, _), (_, right) in spans.items() if y == year)
        shown = [t for t in below if t["text"] == str(year)]
        assert any(starts_under(t, lo, hi) for t in shown), year
    # Every label whole inside the picture, none on another.
    for i, t in enumerate(below):
        assert t["x"] >= view["x"] and t["x"] + t["width"] <= view["x"] + view["width"], t
        assert t["y"] + t["height"] <= view["y"] + view["height"], t
        assert not any(_overlap(t, other) for other in below[i + 1 :]), t


def test_report_charts_width_estimate_covers_the_fonts_chromium_uses(browser):
    """The placement above relies on estimates never narrower than the real words."""
    texts: list[tuple[str, str, int]] = []
    for lang in (EN, KO):
        names = lang.t("report.months_short").split()
        texts += [("axis", name, AXIS_SIZE) for name in names]
        texts += [("axis year", str(year), AXIS_SIZE) for year in range(2024, 2040)]
        texts += [
            ("axis", lang.t("report.day_short", day=day, month=name), AXIS_SIZE)
            for day in range(1, 32)
            for name in names
        ]
        texts.append(("target-label", lang.t("report.target", value=90), TARGET_SIZE))
    page = _show(browser, [])
    body = "".join(
        f'<text class="{cls}" x="0" y="{20 + i * 14}">{text}</text>'
        for i, (cls, text, _) in enumerate(texts)
    )
    page.set_content(
        f"<style>{STYLE}</style><svg viewBox='0 0 400 {20 + len(texts) * 14}'>{body}</svg>"
    )
    widths = page.evaluate("[...document.querySelectorAll('text')].map(t => t.getBBox().width)")
    page.close()
    short = [
        (text, real, text_width(text, size))
        for (_, text, size), real in zip(texts, widths, strict=True)
        if real > text_width(text, size)
    ]
    assert short == []
