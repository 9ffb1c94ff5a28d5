"""The daemon's check-in on a disk that filled up while the daemon ran: the user is told
that the disk is full, where, and can start it again once there is room."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

import pytest

from microalign.adapters.paths import resolve
from tests.harness.daemon import (
    checkins_toml,
    clock_at,
    drive,
    events_of,
    make_daemon,
    scripted_speech,
    write_config,
)
from tests.harness.disks import SmallDisk

pytestmark = pytest.mark.desktop

KEY = (date(2026, 5, 4), "morning")


@pytest.fixture
def disk(tmp_path, home, monkeypatch):
    small = SmallDisk(tmp_path / "disk")
    small.mount()
    monkeypatch.setenv("MICROALIGN_DATA_DIR", str(small.root / "data"))
    try:
        yield small
    finally:
        small.unmount()


def test_daemon_checkin_disk_full_notifies_full_disk_with_actions(
    disk, desktop, tmp_path, monkeypatch
):
    """Monday 07:31 (Europe/Berlin), the morning check-in (07:30) due; the disk holding the
    data folder filled up after the daemon started."""
    scripted_speech(monkeypatch, tmp_path, ["a calm start"])
    write_config(resolve(), checkins_toml("07:30"))
    daemon = make_daemon(clock=clock_at(datetime(2026, 5, 4, 7, 31)))
    disk.fill()
    ended = lambda: any(key == KEY for key, _ in daemon.fired if _ not in ("started",))  # noqa: E731
    assert asyncio.run(drive(daemon, ended, settle=0.5)) == 0
    shown = [(s["DUNST_SUMMARY"], s["DUNST_BODY"]) for s in desktop.received()]
    folder = disk.root / "data"
    assert len(shown) == 1, shown
    title, body = shown[0]
    assert title == "Morning reflection missed"
    assert body.startswith(f"The disk holding {folder} is full (0 MB free).")
    assert "Time for your check-in" not in body
    assert events_of(daemon, "started") == [KEY]  # tried once: no use retrying now
