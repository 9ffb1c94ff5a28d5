"""Goal texts with escape sequences, bidi controls and markup reach a real dunst (and the
journal) as plain text: no live tag, no link hiding its target, no control character."""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import replace
from datetime import date, datetime

import pytest

from microalign.adapters.notify.desktop import DesktopNotifier
from microalign.adapters.notify.log import LogNotifier
from microalign.adapters.paths import resolve
from microalign.app import notes
from microalign.app.context import App
from microalign.app.notes import milestone_text
from microalign.config import Config
from microalign.i18n import EN
from microalign.service.wiring import make_notifier
from tests.harness.daemon import checkins_toml, clock_at, drive, make_daemon, write_config
from tests.harness.desktop import private_desktop

FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
OSC = "\x1b]0;pwned\x07"
# As an older version or another tool could have stored it: nothing cleaned.
LEGACY_GOAL = (
    f'Eye {OSC}contact \x1b[2J\u202e<b>bold</b> <a href="https://evil.example/">click</a> & more'
)
SHOWN = '&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://evil.example/"&gt;click&lt;/a&gt; &amp; more'


def _seed_hostile_milestone() -> None:
    app = App(resolve())
    try:
        goal_id = app.store.insert(
            "goals",
            {
                "text": LEGACY_GOAL,
                "weekdays": "0123456",
                "state": "active",
                "created_on": "2026-04-01",
                "created_at": "2026-04-01T00:00:00",
                "updated_at": "2026-04-01T00:00:00",
            },
        )
        app.store.record_milestone(f"streak:{goal_id}:21", "streak", goal_id, 21, date(2026, 5, 3))
    finally:
        app.close()


def _assert_shown_as_text(desktop) -> None:
    (shown,) = desktop.wait_received(1)
    assert not FORBIDDEN.search(shown["DUNST_SUMMARY"] + shown["DUNST_BODY"])
    assert "[click]" not in shown["DUNST_URLS"]  # no link whose text hides its target
    (entry,) = desktop.closed_history(1)
    # dunst renders "<b>summary</b>\nbody" as Pango markup: the body must add no tag.
    summary, body = entry["message"].split("\n", 1)
    assert summary.startswith("<b>") and "<" not in body
    assert SHOWN in body


@pytest.mark.desktop
def test_daemon_milestone_hostile_goal_text_shown_as_text(home, desktop):
    write_config(resolve(), checkins_toml("23:00"))
    _seed_hostile_milestone()
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 9, 0)))
    assert asyncio.run(drive(daemon, lambda: len(desktop.received()) >= 1)) == 0
    _assert_shown_as_text(desktop)


async def _send_once(note) -> bool:
    notifier = DesktopNotifier()
    try:
        return await notifier.notify(note)
    finally:
        await notifier.close()


@pytest.mark.desktop
def test_desktop_notifier_body_markup_server_hostile_text_escaped(tmp_path, monkeypatch):
    with private_desktop(tmp_path / "desktop", markup="full") as desktop:
        for name in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "XDG_RUNTIME_DIR"):
            monkeypatch.setenv(name, desktop.env[name])
        title, body = milestone_text(EN, "streak", 21, LEGACY_GOAL)
        assert asyncio.run(_send_once(notes.milestone(EN, title, body, False))) is True
        _assert_shown_as_text(desktop)


def test_log_notifier_hostile_body_inert_and_visible():
    out = io.StringIO()
    # A body that reaches the notifier unclean (as rows of older versions could).
    note = replace(notes.level_up_suggestion(EN, "x", 21), body=f"“{LEGACY_GOAL}” has held.")
    asyncio.run(LogNotifier(out).notify(note))
    assert not FORBIDDEN.search(out.getvalue().rstrip("\n"))
    assert "\\x1b]0;pwned\\x07contact \\x1b[2J\\u202e<b>bold</b>" in out.getvalue()


def test_factory_no_server_hostile_body_falls_back_inert(no_desktop, capsys):
    async def go() -> bool:
        notifier = make_notifier(Config())
        try:
            note = notes.milestone(EN, "21 days in a row!", LEGACY_GOAL, True)
            return await notifier.notify(note)
        finally:
            await notifier.close()

    assert asyncio.run(go()) is True
    err = capsys.readouterr().err
    assert not FORBIDDEN.search(err.replace("\n", ""))
    assert "microalign: 21 days in a row! — Eye \\x1b]0;pwned\\x07contact" in err
