"""The `Notifier` contract, run against every implementation: notify() returns True only
once the note was delivered (to the notification server, or the terminal/journal), and
False — never an exception — when its server is missing or fails; close() returns."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from microalign.adapters.notify.desktop import DesktopNotifier
from microalign.adapters.notify.fallback import FallbackNotifier
from microalign.adapters.notify.log import LogNotifier
from microalign.ports.notify import Note, Notifier

NOTE = Note(title="Evening check-in", body="Time for today's review", command="microalign")


@dataclass
class NotifierCase:
    notifier: Notifier
    received: Callable[[], list[tuple[str, str]]]  # (title, body) of what reached the user


def _dunst(desktop) -> Callable[[], list[tuple[str, str]]]:
    def received() -> list[tuple[str, str]]:
        shown = desktop.wait_received(1)
        return [(n["DUNST_SUMMARY"], n["DUNST_BODY"]) for n in shown]

    return received


def _journal(stream: io.StringIO) -> Callable[[], list[tuple[str, str]]]:
    def received() -> list[tuple[str, str]]:
        lines = stream.getvalue().splitlines()
        return [
            (NOTE.title, NOTE.body) for line in lines if NOTE.title in line and NOTE.body in line
        ]

    return received


def _desktop(request) -> NotifierCase:
    return NotifierCase(DesktopNotifier(), _dunst(request.getfixturevalue("desktop")))


def _log(request) -> NotifierCase:
    stream = io.StringIO()
    return NotifierCase(LogNotifier(stream), _journal(stream))


def _fallback_desktop(request) -> NotifierCase:
    desktop = request.getfixturevalue("desktop")
    stream = io.StringIO()
    notifier = FallbackNotifier(DesktopNotifier(), LogNotifier(stream))
    dunst = _dunst(desktop)
    return NotifierCase(notifier, lambda: dunst() + _journal(stream)())


def _fallback_no_server(request) -> NotifierCase:
    request.getfixturevalue("no_desktop")
    stream = io.StringIO()
    return NotifierCase(FallbackNotifier(DesktopNotifier(), LogNotifier(stream)), _journal(stream))


DELIVERING = [
    pytest.param(_desktop, id="desktop", marks=pytest.mark.desktop),
    pytest.param(_log, id="log"),
    pytest.param(_fallback_desktop, id="fallback-desktop", marks=pytest.mark.desktop),
    pytest.param(_fallback_no_server, id="fallback-no-server"),
]


class BrokenStream(io.StringIO):
    """A terminal or journal that is gone (stderr closed, its reader dead)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def _desktop_no_server(request) -> Notifier:
    request.getfixturevalue("no_desktop")
    return DesktopNotifier()


def _log_broken(request) -> Notifier:
    return LogNotifier(BrokenStream())


def _fallback_all_broken(request) -> Notifier:
    request.getfixturevalue("no_desktop")
    return FallbackNotifier(DesktopNotifier(), LogNotifier(BrokenStream()))


FAILING = [
    pytest.param(_desktop_no_server, id="desktop-no-server"),
    pytest.param(_log_broken, id="log-broken-stream"),
    pytest.param(_fallback_all_broken, id="fallback-all-broken"),
]


async def _notify_and_close(notifier: Notifier) -> tuple[bool, None]:
    try:
        return await notifier.notify(NOTE), None
    finally:
        assert await notifier.close() is None


@pytest.mark.parametrize("make", DELIVERING)
def test_notifier_delivered_note_returns_true_shown_once(make, request):
    case = make(request)
    delivered, _ = asyncio.run(_notify_and_close(case.notifier))
    assert delivered is True
    assert case.received() == [(NOTE.title, NOTE.body)]


@pytest.mark.parametrize("make", FAILING)
def test_notifier_failing_server_returns_false_never_raises(make, request):
    delivered, _ = asyncio.run(_notify_and_close(make(request)))
    assert delivered is False
