"""The report's level-up chains and month range, without a browser."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from microalign.app.report import chain_section, chains, first_month, period_start
from microalign.i18n import EN, KO
from microalign.ports.records import Goal

TODAY = date(2026, 11, 23)


def _goal(goal_id: int, text: str, parent: int | None, start: str, end: str | None = None):
    goal = Goal.from_row(
        {
            "id": goal_id,
            "text": text,
            "parent_id": parent,
            "created_on": start,
            "ended_on": end,
            "weekdays": "01234",
        }
    )
    summary = SimpleNamespace(kept_days=goal_id * 10, scheduled_days=goal_id * 12)
    return SimpleNamespace(goal=goal, summary=summary)


def test_report_chains_three_levels_in_order_with_scheduled_days():
    progress = [
        _goal(3, "Ask three <questions>", 2, "2026-11-01"),
        _goal(1, "Ask one question", None, "2026-09-01", "2026-09-30"),
        _goal(2, "Ask two questions", 1, "2026-10-01", "2026-10-31"),
        _goal(4, "Drink water", None, "2026-09-01"),
    ]
    assert [[p.goal.id for p in path] for path in chains(progress)] == [[1, 2, 3]]
    html = chain_section(EN, progress)
    assert "Ask one question</strong><small>12 scheduled days · 10 kept" in html
    assert "Ask two questions</strong><small>24 scheduled days · 20 kept" in html
    assert "Ask three &lt;questions&gt;</strong><small>36 scheduled days · 30 kept" in html
    assert html.index("Ask one") < html.index("Ask two") < html.index("Ask three")
    assert "Drink water" not in html
    assert "예정된 날 12일 · 10일 지킴" in chain_section(KO, progress)


def test_report_chains_parent_loop_no_chain_no_hang():
    progress = [_goal(1, "A", 2, "2026-09-01"), _goal(2, "B", 1, "2026-10-01")]
    assert chains(progress) == [] and chain_section(EN, progress) == ""


def test_report_first_month_across_the_year():
    assert first_month(TODAY, 3) == date(2026, 9, 1)
    assert first_month(date(2026, 2, 10), 3) == date(2025, 12, 1)
    assert first_month(TODAY, 24) == date(2024, 12, 1)


def test_report_period_start_first_goal_day_not_before():
    since = first_month(TODAY, 3)
    newer = [_goal(1, "A", None, "2026-11-05"), _goal(2, "B", None, "2026-11-09")]
    assert period_start(newer, since) == date(2026, 11, 5)
    older = [*newer, _goal(3, "C", None, "2026-06-01", "2026-10-02")]
    assert period_start(older, since) == since == date(2026, 9, 1)
    assert period_start([], since) == since
