"""Notifications reach a real dunst on a private bus; actions invoked through dunst."""

from __future__ import annotations

import asyncio
import io

import pytest

from microalign.adapters.notify.desktop import DesktopNotifier
from microalign.adapters.notify.fallback import FallbackNotifier
from microalign.adapters.notify.log import LogNotifier
from microalign.app import notes
from microalign.config import Config, Notifications
from microalign.i18n import EN
from microalign.ports.notify import SNOOZE, Note
from microalign.service.wiring import make_notifier

pytestmark = pytest.mark.desktop


async def _send_and_pick(desktop, note_factory, label):
    chosen = asyncio.get_running_loop().create_future()
    note = note_factory(lambda key: chosen.done() or chosen.set_result(key))
    notifier = DesktopNotifier()
    try:
        assert await notifier.notify(note) is True
        await asyncio.to_thread(desktop.wait_received, 1)
        menu = await asyncio.to_thread(desktop.invoke_action, label)
        return menu, await asyncio.wait_for(chosen, 10)
    finally:
        await notifier.close()


def test_desktop_notifier_missed_checkin_shows_actions_and_runs_chosen(desktop):
    def factory(on_action):
        note = notes.checkin_missed(EN, "evening", 15)
        return Note(note.title, note.body, note.actions, on_action)

    menu, key = asyncio.run(_send_and_pick(desktop, factory, "Snooze 15 min"))
    shown = desktop.received()[0]
    assert shown["DUNST_SUMMARY"] == "Evening review missed"
    assert shown["DUNST_BODY"].startswith("The check-in did not happen.")
    assert shown["DUNST_APP_NAME"] == "microalign"
    # desktop-notifier always adds the unnamed "default" (click) action; skip it.
    labels = sorted(label for line in menu if (label := line.split(" (")[0].lstrip("#")))
    assert labels == ["Skip today", "Snooze 15 min", "Start now"]
    assert key == SNOOZE


async def _send_once(note: Note) -> bool:
    notifier = DesktopNotifier()
    try:
        return await notifier.notify(note)
    finally:
        await notifier.close()


def test_desktop_notifier_plain_note_delivered_without_actions(desktop):
    assert asyncio.run(_send_once(notes.checkin_start(EN, "morning"))) is True
    shown = desktop.wait_received(1)[0]
    assert (shown["DUNST_SUMMARY"], shown["DUNST_BODY"]) == (
        "Morning reflection",
        "Time for your check-in. Listening after the chime.",
    )


def test_desktop_notifier_no_server_returns_false(no_desktop):
    assert asyncio.run(_send_once(notes.checkin_start(EN, "morning"))) is False


def test_factory_no_server_falls_back_to_stderr(no_desktop, capsys, caplog):
    async def go():
        notifier = make_notifier(Config())
        assert isinstance(notifier, FallbackNotifier)
        first = await notifier.notify(notes.checkin_missed(EN, "morning", 15))
        second = await notifier.notify(notes.busy(EN, "morning"))
        await notifier.close()
        return first, second

    assert asyncio.run(go()) == (True, True)
    err = capsys.readouterr().err
    assert "microalign: Morning reflection missed — " in err
    assert "[Start now | Snooze 15 min | Skip today] — run: microalign checkin morning" in err
    assert "microalign: Morning reflection — Another check-in is running" in err
    warnings = [r for r in caplog.records if "No desktop notification server" in r.message]
    assert len(warnings) == 1


def test_factory_notifications_disabled_uses_log_notifier():
    notifier = make_notifier(Config(notifications=Notifications(enabled=False)))
    assert isinstance(notifier, LogNotifier)


def test_log_notifier_writes_title_body_and_actions():
    out = io.StringIO()
    asyncio.run(LogNotifier(out).notify(notes.level_up_suggestion(EN, "Walk", 21)))
    assert out.getvalue().startswith("microalign: Time to level up? — “Walk” has held for 21 days")
    assert out.getvalue().rstrip().endswith("[Level up] — run: microalign goals level-up")
