"""The `Presence` contract, run against every implementation: start() never raises (an
unreachable logind means "present"), is_present() answers a bool, close() returns and may
be called twice. With a logind that reports a locked session, logind presence says absent."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from microalign.adapters.presence import AlwaysPresent, LogindPresence
from microalign.ports.presence import Presence
from tests.harness.logind import FakeLogind


async def _exercise(presence: Presence) -> tuple[bool, bool]:
    await presence.start(lambda: None, lambda: None)
    first = await presence.is_present()
    second = await presence.is_present()
    await presence.close()
    await presence.close()
    return first, second


def _no_logind(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'none.sock'}")


CASES: dict[str, Callable[[], Presence]] = {
    "always": AlwaysPresent,
    "logind": LogindPresence,
    "logind untracked": lambda: LogindPresence(track=False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_presence_unreachable_logind_present_no_raise(name, tmp_path, monkeypatch):
    _no_logind(tmp_path, monkeypatch)
    assert asyncio.run(_exercise(CASES[name]())) == (True, True)


@pytest.mark.parametrize("name", sorted(CASES))
def test_presence_unlocked_session_present(name, system_bus):
    async def go() -> tuple[bool, bool]:
        logind = FakeLogind()
        await logind.start()
        try:
            return await _exercise(CASES[name]())
        finally:
            logind.stop()

    assert asyncio.run(go()) == (True, True)


@pytest.mark.parametrize(("name", "expected"), [("always", True), ("logind", False)])
def test_presence_locked_session_absent_when_tracked(name, expected, system_bus):
    async def go() -> bool:
        logind = FakeLogind()
        await logind.start()
        logind.session.set_locked(True)
        presence = CASES[name]()
        try:
            await presence.start(lambda: None, lambda: None)
            return await presence.is_present()
        finally:
            await presence.close()
            logind.stop()

    assert asyncio.run(go()) is expected
