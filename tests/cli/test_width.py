"""Display width: the quick path for plainly narrow text agrees with wcwidth everywhere."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from wcwidth import wcswidth, wcwidth

from microalign.cli.width import fit, pad, width, wrap

PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


def reference(text: str) -> int:
    total = wcswidth(text)
    if total >= 0:
        return total
    return sum(max(wcwidth(c), 1 if c.isprintable() else 0) for c in text)


@given(PRINTABLE)
def test_width_any_text_equals_wcwidth(text):
    assert width(text) == reference(text)


@given(PRINTABLE, st.integers(min_value=1, max_value=40))
@example(text="00\u093e0", columns=3)  # a Devanagari vowel sign: 0 columns alone, 1 after "0"
def test_width_fit_and_pad_stay_within_columns(text, columns):
    cut = fit(text, columns)
    assert width(cut) <= columns
    assert cut == text or cut.endswith("…")
    assert width(pad(cut, columns)) == columns


def test_width_korean_counts_two_columns_cut_with_ellipsis():
    assert width("한국어 abc") == 10
    assert fit("하루에 물 한 잔 마시기", 10) == "하루에 물…"
    lines = wrap("   kept 3 of 5 days · 한국어", 12, "   ")
    assert lines == ["   kept 3 of", "   5 days ·", "   한국어"]
