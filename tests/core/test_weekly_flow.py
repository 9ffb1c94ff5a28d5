from microalign.core.dialogue import flows
from microalign.core.dialogue.flows import WeekFigures
from microalign.i18n import get_pack


def _said(figures: WeekFigures, language: str = "en") -> list[str]:
    pack = get_pack(language)
    return [s.text for s in flows.weekly(pack, figures, ["courage"]) if s.kind == flows.SAY]


def test_weekly_values_without_answered_day_say_no_answers_yet():
    said = _said(WeekFigures([("courage", 0, 0)], []))
    assert "Your values have no answered day this week yet." in said
    assert "This week no micro-goal was linked to a value." not in said


def test_weekly_no_value_linked_says_so():
    said = _said(WeekFigures([], []))
    assert "This week no micro-goal was linked to a value." in said


def test_weekly_values_without_answered_day_korean_says_no_answers_yet():
    pack = get_pack("ko")
    said = _said(WeekFigures([("용기", 0, 0)], []), "ko")
    assert "say.weekly.no_answers" not in said  # a real text, not its key
    assert pack.t("say.weekly.no_values") not in said
    assert len(said) == 4  # greeting, the week's line, no streak yet, goodbye
