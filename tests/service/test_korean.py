"""With general.language = "ko" every notification the daemon posts reaches dunst in Korean:
titles, bodies and action labels (and no English wording)."""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime, timedelta

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from microalign.app.context import App
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
)
from tests.harness.daemon import write_config as write

pytestmark = pytest.mark.desktop

DAY = date(2026, 5, 4)
KEY = (DAY, "morning")
KOREAN = '[general]\nlanguage = "ko"\n'
HANGUL = re.compile("[가-힣]")
ENGLISH = re.compile(r"\b(?:[Mm]orning|[Ee]vening|missed|check-in|Start|Snooze|Skip|Level|days?)\b")


def _korean(text: str) -> bool:
    return bool(HANGUL.search(text)) and not ENGLISH.search(text)


def _labels(menu: list[str]) -> list[str]:
    return sorted(m.split(" (")[0].lstrip("#") for m in menu if not m.startswith("# ("))


def test_korean_missed_then_start_now_notifications_korean(home, desktop, tmp_path, monkeypatch):
    scripted_speech(monkeypatch, tmp_path, ["차분한 시작"])
    write(resolve(), KOREAN + checkins_toml("07:30", grace=60))
    with SqliteStore.open(resolve().database) as store:  # a user with history: misses count
        store.record_checkin(DAY - timedelta(days=1), "morning", "done")
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 10, 0)))

    async def scenario() -> list[str]:
        task = asyncio.create_task(drive(daemon, lambda: KEY in events_of(daemon, "done")))
        await asyncio.to_thread(desktop.wait_received, 1)
        menu = await asyncio.to_thread(desktop.invoke_action, "지금 시작")
        assert await task == 0
        return menu

    menu = asyncio.run(scenario())
    assert _labels(menu) == ["15분 미루기", "오늘은 건너뛰기", "지금 시작"]
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    assert [title for title, _ in shown] == ["아침 다짐 놓침", "아침 다짐"]
    assert all(_korean(title) and _korean(body) for title, body in shown), shown


def test_korean_no_speech_and_speech_off_notifications_korean(home, desktop, tmp_path, monkeypatch):
    scripted_speech(monkeypatch, tmp_path, [])  # silence: re-asked once, then it ends
    write(resolve(), KOREAN + checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)))
    asyncio.run(drive(daemon, lambda: KEY in events_of(daemon, "no_speech"), settle=0.3))
    write(resolve(), KOREAN + checkins_toml("07:30", "21:00") + "[speech]\nenabled = false\n")
    evening = (DAY, "evening")
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 21, 1)), speech="voice")
    asyncio.run(drive(daemon, lambda: evening in events_of(daemon, "typed"), settle=0.3))
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    titles = ["아침 다짐", "아침 다짐 놓침", "저녁 돌아보기"]
    assert [title for title, _ in shown] == titles
    assert all(_korean(title) for title, _ in shown)
    assert all(_korean(body) for _, body in shown[:2]), shown
    # The last one invites the typed check-in with the command, which stays as it is.
    assert "설정에서 음성이 꺼져 있어요." in shown[2][1]
    assert "microalign checkin evening --text" in shown[2][1]
    assert "Speech is turned off" not in shown[2][1]


def test_korean_milestones_and_level_up_korean(home, desktop, tmp_path, monkeypatch):
    scripted_speech(monkeypatch, tmp_path, ["세 사람과 눈 맞추기"])
    write(resolve(), KOREAN + checkins_toml("23:00"))
    app = App(resolve())
    try:
        goal_id = app.goals.add("한 사람과 눈 맞추기", None, None, None, date(2026, 4, 1)).goal.id
        app.store.record_milestone(f"streak:{goal_id}:21", "streak", goal_id, 21, date(2026, 5, 3))
        app.store.record_milestone("checkins:10", "checkins", None, 10, date(2026, 5, 3))
    finally:
        app.close()
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 9, 0)))

    def goals() -> int:
        with SqliteStore.open(resolve().database) as store:
            return len(store.rows("SELECT id FROM goals"))

    async def scenario() -> list[str]:
        task = asyncio.create_task(drive(daemon, lambda: goals() == 2))
        await asyncio.to_thread(desktop.wait_received, 2)
        menu = await asyncio.to_thread(desktop.invoke_action, "한 단계 올리기")
        assert await task == 0
        return menu

    menu = asyncio.run(scenario())
    assert "한 단계 올리기" in _labels(menu)
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    assert shown[0] == ("21일 연속!", shown[0][1]) and "한 사람과 눈 맞추기" in shown[0][1]
    assert shown[1][0] == "체크인 10번"
    assert all(_korean(title) and _korean(body) for title, body in shown), shown
