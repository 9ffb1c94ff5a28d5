"""What the weekly review says about the week's values is true of the data."""

from __future__ import annotations

from datetime import timedelta

from microalign.adapters.paths import resolve
from microalign.app.context import App
from microalign.app.weekly import focus_for, week_start
from tests.harness.clock import PINNED

TODAY = PINNED.date()  # every test runs on the pinned day
NO_VALUES = "This week no micro-goal was linked to a value."
NO_ANSWERS = "Your values have no answered day this week yet."


def test_checkin_weekly_goal_with_value_unanswered_says_no_answers_yet(cli_process):
    """A goal linked to a value, added today and not answered yet (a new user's first
    Sunday): the week has no day to count, which is not that no goal has a value."""
    assert cli_process("goals", "add", "Ask one question", "--value", "courage").code == 0
    result = cli_process("checkin", "weekly", "--text", stdin="courage\n\n")
    assert result.code == 0, result.err
    assert NO_ANSWERS in result.out
    assert NO_VALUES not in result.out


def test_checkin_weekly_goal_without_value_says_none_linked(cli_process):
    assert cli_process("goals", "add", "Drink water").code == 0
    result = cli_process("checkin", "weekly", "--text", stdin="courage\n\n")
    assert result.code == 0, result.err
    assert NO_VALUES in result.out
    assert NO_ANSWERS not in result.out


def _korean(home) -> None:
    config = home / "xdg_config_home" / "microalign" / "microalign.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[general]\nlanguage = "ko"\n')


def test_checkin_weekly_korean_counts_the_goal_linked_by_its_korean_value(cli_process, home):
    """A Korean user links a goal to 용기 and keeps it: the review counts that day under
    용기, the focus chosen by its Korean name is read out in the next week's mornings."""
    _korean(home)
    assert cli_process("goals", "add", "회의에서 질문 하나 하기", "--value", "용기").code == 0
    assert cli_process("checkin", "evening", "--text", stdin="네\n\n\n\n").code == 0
    result = cli_process("checkin", "weekly", "--text", stdin="용기\n\n")
    assert result.code == 0, result.err
    assert "용기: 1일 중 1일 지켰어요." in result.out, result.out
    assert "가치와 연결된 작은 목표가 없었어요" not in result.out
    assert "아직 가치와 연결된 목표에 답한 날이 없어요" not in result.out
    assert "courage" not in result.out
    app = App(resolve())
    try:  # chosen by its Korean name, stored by its key
        focus = app.store.week_focus(week_start(TODAY) + timedelta(days=7))
        assert focus is not None and focus.value == "courage"
        app.store.set_week_focus(week_start(TODAY), "courage", None, TODAY, 1)
        said = focus_for(app, TODAY)
        assert said is not None and said.value == "용기"  # read out by its Korean name
    finally:
        app.close()


def test_checkin_weekly_korean_goal_with_value_unanswered_says_no_answers_yet(cli_process, home):
    _korean(home)
    assert cli_process("goals", "add", "회의에서 질문 하나 하기", "--value", "용기").code == 0
    result = cli_process("checkin", "weekly", "--text", stdin="용기\n\n")
    assert result.code == 0, result.err
    assert "이번 주에는 아직 가치와 연결된 목표에 답한 날이 없어요." in result.out
    assert "가치와 연결된 작은 목표가 없었어요" not in result.out
