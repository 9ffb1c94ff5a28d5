"""Hostile goal texts, value names and answers never reach the user raw.

They come in two ways: typed through the real CLI (cleaned on the way in), and as rows
written straight into the database, as an older version or another tool could have stored
them (escaped on the way out). Every output is checked: the terminal commands, the typed
check-in's prompts, the exports and the HTML report.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from microalign.adapters.paths import resolve
from microalign.app.context import App

# What a terminal, a bidi-aware renderer or a spreadsheet may act on.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
OSC = "\x1b]0;pwned\x07"
LINK = '<a href="https://evil.example/">click</a>'

TYPED_VALUE = f"{OSC}honesty\u202e <i>x</i>"
TYPED_GOAL = f"Ask {OSC}one \x1b[2Jquestion \u202eevil\u202c <b>bold</b> {LINK}"
CLEAN_GOAL = f"Ask one question evil <b>bold</b> {LINK}"
KOREAN_GOAL = "팀 회의에서 질문 하나 하기"
TYPED_INTENTION = f"# heading {OSC}<script>alert(1)</script>"
TYPED_FEELING = f"=1+2 {OSC}[link](https://evil.example/) {LINK} \u202edone"
TYPED_EXTRA = "1. **[x](javascript:alert(1))** `code` _it_ &amp;"

LEGACY_VALUE = "\x1b]0;v\x07<a href='https://evil.example/'>val</a>"
LEGACY_GOAL = (
    f"-2+3 {OSC}\x9b2J\u202e<b>old</b>\n# fake heading\n"
    "[2020-01-01 10:00] fake entry <img src=x onerror=alert(1)>"
)
LEGACY_PROMPT = f"[2020-01-01 10:00] {OSC}Prompt\n- fake item"
LEGACY_TEXT = f"@SUM(A1) {OSC}\x1b[31mred\u2066 <b>t</b>\r\n## x"
LEGACY_REASON = f"+reason {OSC}\u202e"


@dataclass
class Corpus:
    morning: str
    evening: str


def _write_legacy_rows(today: date) -> int:
    """Rows as an older version or another tool could have written them: nothing cleaned."""
    app = App(resolve())
    try:
        store = app.store
        with store.conn:
            store.conn.execute(
                "INSERT INTO goal_values(name, created_at) VALUES (?, ?)",
                (LEGACY_VALUE, "2026-01-01T00:00:00"),
            )
        goal_id = store.insert(
            "goals",
            {
                "text": LEGACY_GOAL,
                "value": LEGACY_VALUE,
                "area": f"{OSC}area",
                "weekdays": "0123456",
                "state": "active",
                "created_on": (today - timedelta(days=3)).isoformat(),
                "created_at": "2026-01-01T00:00:00",
                "updated_at": "2026-01-01T00:00:00",
            },
        )
        checkin = store.begin_checkin("evening", today - timedelta(days=1), "text")
        store.add_answer(
            checkin,
            f"goal:{goal_id}",
            goal_id=goal_id,
            kind="choice",
            prompt=LEGACY_PROMPT,
            text="skip",
            outcome="rest",
            reason=LEGACY_REASON,
        )
        store.add_answer(checkin, "feeling", kind="free", prompt=LEGACY_PROMPT, text=LEGACY_TEXT)
        store.finish_checkin(checkin, "done")
    finally:
        app.close()
    return goal_id


@pytest.fixture
def corpus(cli) -> Corpus:
    assert cli("values", "add", TYPED_VALUE).code == 0
    added = cli("goals", "add", TYPED_GOAL, "--value", TYPED_VALUE)
    assert added.code == 0, added.err
    assert _write_legacy_rows(date.today()) == 2
    assert cli("goals", "add", KOREAN_GOAL).code == 0
    morning = cli("checkin", "morning", "--text", stdin=f"{TYPED_INTENTION}\n")
    assert morning.code == 0, morning.err
    answers = ["yes", "yes", f"skip {OSC}<b>ill</b>", "partly", TYPED_FEELING, TYPED_EXTRA, "ok"]
    evening = cli("checkin", "evening", "--text", stdin="\n".join(answers) + "\n")
    assert evening.code == 0, evening.err
    assert "Saved." in evening.err
    return Corpus(morning.out + morning.err, evening.out + evening.err)


def test_typed_input_hostile_text_stored_clean(corpus, cli):
    goals = json.loads(cli("goals", "list", "--json").out)
    assert [g["text"] for g in goals] == [CLEAN_GOAL, LEGACY_GOAL, KOREAN_GOAL]
    assert goals[0]["value"] == "honesty <i>x</i>"
    history = json.loads(cli("history", "--json").out)
    texts = {r["text"] for r in history}
    assert "# heading <script>alert(1)</script>" in texts
    assert f"=1+2 [link](https://evil.example/) {LINK} done" in texts


def test_typed_checkin_prompts_hostile_goals_inert(corpus):
    for out in (corpus.morning, corpus.evening):
        assert not FORBIDDEN.search(out)
    assert f"Did you ask one question evil <b>bold</b> {LINK} today?" in corpus.evening
    assert "This morning you said: # heading <script>alert(1)</script>." in corpus.evening
    assert "<b>old</b> # fake heading [2020-01-01 10:00] fake entry" in corpus.morning
    assert KOREAN_GOAL in corpus.morning


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (["status"], ["\\x1b]0;pwned\\x07\\x9b2J\\u202e<b>old</b>\\x0a# fake", KOREAN_GOAL]),
        (["today"], ["\\x1b]0;pwned\\x07", CLEAN_GOAL]),
        (["history", "--days", "7"], ["\\x1b]0;pwned\\x07\\x1b[31mred\\u2066 <b>t</b>\\x0d\\x0a"]),
        (["stats"], ["\\x1b]0;pwned\\x07", KOREAN_GOAL]),
        (["goals", "list", "--all"], ["\\x1b]0;pwned\\x07area", "honesty <i>x</i>"]),
        (["values"], ["\\x1b]0;v\\x07<a href='https://evil.example/'>val</a>"]),
        (["goals", "add", "Smile", "--value", "nope"], ["Known values: \\x1b]0;v\\x07<a"]),
    ],
)
def test_terminal_output_hostile_rows_visible_and_inert(corpus, cli, monkeypatch, args, shows):
    monkeypatch.setenv("COLUMNS", "500")  # wide enough that no cell is cut short
    result = cli(*args)
    assert not FORBIDDEN.search(result.out + result.err)
    for text in shows:
        assert text in result.out + result.err


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--json"],
        ["history", "--json"],
        ["stats", "--json"],
        ["goals", "list", "--all", "--json"],
        ["values", "--json"],
    ],
)
def test_json_output_hostile_rows_escaped_losslessly(corpus, cli, args):
    result = cli(*args)
    assert result.code == 0
    assert not FORBIDDEN.search(result.out.replace("\n", ""))
    assert {LEGACY_VALUE, LEGACY_GOAL, LEGACY_TEXT} & set(_strings(json.loads(result.out)))


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [s for item in items for s in _strings(item)]


def _tokens(text: str) -> list[str]:
    """Markdown text as backslash escapes and single characters."""
    return re.findall(r"\\.|.", text)


def test_export_markdown_hostile_text_opens_nothing(corpus, cli):
    md = cli("export", "--format", "md").out
    assert not FORBIDDEN.search(md.replace("\n", ""))
    items = 0
    for line in md.splitlines():
        if not line:
            continue
        if line.startswith("#"):  # only our own headings start a line
            assert line == "# microalign journal" or re.fullmatch(
                r"## \d{4}-\d\d-\d\d — (Morning reflection|Evening review)", line
            )
            continue
        found = re.fullmatch(r"- \*\*((?:\\.|[^\\*])+)\*\* (.+)", line)
        assert found, line
        for part in found.groups():
            live = [t for t in _tokens(part) if t in set("<>[]`*_~|&\\")]
            assert not live, (line, live)
        items += 1
    assert items == 10
    assert '\\<a href="https://evil.example/"\\>click\\</a\\>' in md
    assert f"**Did you {KOREAN_GOAL} today?** partly" in md


def test_export_csv_hostile_cells_no_formula(corpus, cli):
    exported = cli("export", "--format", "csv").out
    assert not FORBIDDEN.search(exported.replace("\n", ""))
    rows = list(csv.DictReader(io.StringIO(exported)))
    cells = [cell for row in rows for cell in row.values() if cell]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'=1+2 [link](https://evil.example/) " + LINK + " done" in cells
    assert "'@SUM(A1) red <b>t</b> ## x" in cells
    assert "'+reason" in cells


def test_export_jrnl_hostile_text_starts_no_entry(corpus, cli):
    jrnl = cli("export", "--format", "jrnl").out
    assert not FORBIDDEN.search(jrnl.replace("\n", ""))
    headers = [line for line in jrnl.splitlines() if line.startswith("[")]
    assert len(headers) == 3
    for line in headers:
        assert re.fullmatch(
            r"\[\d{4}-\d\d-\d\d \d\d:\d\d\] (Morning reflection|Evening review)\.", line
        )
    assert " [2020-01-01 10:00] Prompt - fake item skip — +reason" in jrnl


def test_export_json_hostile_text_escaped_losslessly(corpus, cli):
    exported = cli("export", "--format", "json").out
    assert not FORBIDDEN.search(exported.replace("\n", ""))
    rows = json.loads(exported)
    assert LEGACY_TEXT in [r["text"] for r in rows]
    assert LEGACY_GOAL in [r["goal_text"] for r in rows]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_report_html_hostile_text_no_live_tags(corpus, cli, tmp_path: Path):
    path = tmp_path / "report.html"
    assert cli("report", "-o", str(path)).code == 0
    page = path.read_text(encoding="utf-8")
    assert not FORBIDDEN.search(page.replace("\n", ""))
    parsed = _Collector()
    parsed.feed(page)
    ours = {"html", "head", "meta", "title", "style", "body", "header", "footer", "section"}
    ours |= {"h1", "h2", "h3", "p", "div", "ul", "ol", "li", "span", "strong", "small"}
    ours |= {"figure", "figcaption", "svg", "g", "rect", "path", "circle", "line", "polyline"}
    ours |= {"text"}
    assert parsed.tags <= ours
    names = {name for name, _ in parsed.attributes}
    assert not [n for n in names if n.startswith("on") or n in ("href", "src")]
    text = "".join(parsed.text)
    assert CLEAN_GOAL in text
    assert "<b>old</b> # fake heading [2020-01-01 10:00] fake entry <img" in text
    assert "<a href='https://evil.example/'>val</a>" in text
    assert KOREAN_GOAL in text
