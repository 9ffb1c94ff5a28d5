"""safetext: clean() on the way in, the escapers on the way out."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microalign.adapters.speech.stt import heard_from_result
from microalign.core.safetext import (
    clean,
    for_csv,
    for_html,
    for_json,
    for_markdown,
    for_notification,
    for_terminal,
)

# Everything a terminal or a bidi-aware renderer may act on.
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
KOREAN = ["질문 하나 하기", "팀 회의에서 질문 하나 하기", "오늘 기분은 어땠나요?", "네", "아니요"]
ORDINARY = ["Ask one question in the team meeting", "Drink water — 2 glasses (a lot!)", "café"]

hostile_pieces = st.sampled_from(
    [
        "\x1b]0;pwned\x07",
        "\x1b]8;;https://evil.example/\x1b\\",
        "\x1b[2J",
        "\x1b[31;1m",
        "\x9b2J",
        "\x9d0;t\x9c",
        "\x1bc",
        "\x1b(B",
        "\x1b",
        "\x00",
        "\x07",
        "\r",
        "\n",
        "\t",
        "\x85",
        "\u2028",
        "\u202e",
        "\u2066",
        "\u2069",
        "\ud800",
        "<b>",
        '<a href="https://evil.example/">',
        "=cmd|' /C calc'!A0",
        "\u0301",
    ]
)
texts = st.lists(st.one_of(st.text(), hostile_pieces), max_size=8).map("".join)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("\x1b]0;pwned\x07Ask one question", "Ask one question"),
        ("Ask \x1b]0;pwned\x1b\\one question", "Ask one question"),
        ("Ask\x1b[2J one\x1b[31;1m question\x1b[0m", "Ask one question"),
        ("Ask \x9b2Jone \x9d0;title\x9cquestion", "Ask one question"),
        ("Ask one\x1b]8;;https://evil.example/", "Ask one"),  # unterminated: to the end
        ("Ask\x00 one\x07 question\x7f", "Ask one question"),
        ("Ask\u202e one \u2066question\u2069\u202c", "Ask one question"),
        ("Ask\none\r\nquestion\tnow", "Ask one question now"),
        ("Ask\u2028one", "Ask one"),
        ("  Ask one question  ", "Ask one question"),
        ("cafe\u0301", "café"),
        ("caf\udce9", "caf\ufffd"),
        ("<b>bold</b> & <a href='x'>link</a>", "<b>bold</b> & <a href='x'>link</a>"),
    ],
)
def test_clean_hostile_text_plain_single_line(raw, cleaned):
    assert clean(raw) == cleaned


@pytest.mark.parametrize("text", KOREAN + ORDINARY + ["שלום\u200fעולם", "סוף\u200e"])
def test_clean_ordinary_and_korean_text_unchanged(text):
    assert clean(text) == text


def test_clean_decomposed_hangul_composed():
    decomposed = unicodedata.normalize("NFD", "질문")
    assert decomposed != "질문"
    assert clean(decomposed) == "질문"


@given(texts)
def test_clean_any_text_no_controls_and_idempotent(text):
    once = clean(text)
    assert not FORBIDDEN.search(once)
    assert "\x1b" not in once
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Z"))))
def test_clean_printable_nfc_text_unchanged(text):
    text = unicodedata.normalize("NFC", text)
    if any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text):
        return
    assert clean(text) == text


@given(texts)
def test_for_terminal_any_text_inert(text):
    assert not FORBIDDEN.search(for_terminal(text))


def test_for_terminal_controls_visible():
    assert for_terminal("a\x1b]0;pwned\x07b\u202ec\nd") == "a\\x1b]0;pwned\\x07b\\u202ec\\x0ad"
    assert for_terminal(42) == "42"
    for text in KOREAN + ORDINARY:
        assert for_terminal(text) == text


@given(st.recursive(st.one_of(st.none(), texts), lambda kids: st.lists(kids, max_size=3)))
def test_for_json_any_data_inert_and_lossless(data):
    document = for_json(json.dumps(data, ensure_ascii=False))
    assert not FORBIDDEN.search(document)
    assert json.loads(document) == data


@pytest.mark.parametrize("markup", [True, False])
def test_for_notification_hostile_text_no_controls(markup):
    body = for_notification('\x1b[2J<b>x</b> <a href="u">c</a> & \u202eok', markup)
    assert not FORBIDDEN.search(body)
    if markup:
        assert body == '&lt;b&gt;x&lt;/b&gt; &lt;a href="u"&gt;c&lt;/a&gt; &amp; ok'
    else:
        assert body == '<b>x</b> <a href="u">c</a> & ok'


def test_for_html_markup_and_quotes_escaped():
    assert for_html("\x1b[2J<a href='x'>\"c\"</a>") == (
        "&lt;a href=&#x27;x&#x27;&gt;&quot;c&quot;&lt;/a&gt;"
    )


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("[click](https://evil.example/)", "\\[click\\](https://evil.example/)"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("**bold** _it_ `code` ~~s~~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("12) item", "12\\) item"),
        ("> quote", "\\> quote"),
        ("===", "\\==="),
        ("a | b", "a \\| b"),
        ("&amp; &#x3C;", "\\&amp; \\&#x3C;"),
        ("back\\slash", "back\\\\slash"),
        ("line\n# two", "line # two"),
        ("Ask one question - or two", "Ask one question - or two"),
    ],
)
def test_for_markdown_inline_text_inert(raw, escaped):
    assert for_markdown(raw) == escaped


@pytest.mark.parametrize("text", KOREAN)
def test_for_markdown_korean_unchanged(text):
    assert for_markdown(text) == text


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'=1"),
        ("\r=1", "'=1"),
        ("ask = good", "ask = good"),
        ("질문", "질문"),
        (0.5, 0.5),
        (None, None),
    ],
)
def test_for_csv_formula_cells_neutralised(raw, cell):
    assert for_csv(raw) == cell


@given(texts)
def test_for_csv_any_text_never_a_formula_after_parsing(text):
    out = io.StringIO()
    csv.writer(out).writerow([for_csv(text)])
    (value,) = next(csv.reader(io.StringIO(out.getvalue())))
    assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not FORBIDDEN.search(value)


def test_heard_from_result_hostile_transcript_cleaned():
    result = {"text": "i was \x1b]0;pwned\x07 ill [unk] \u202e\x1b[2J today", "result": []}
    assert heard_from_result(json.dumps(result), "model", None).text == "i was ill today"
