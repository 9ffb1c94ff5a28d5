"""Fixtures for the daemon tests: a private desktop (D-Bus session bus, Xvfb, dunst)."""

from __future__ import annotations

import pytest

from .desktop import private_desktop

DESKTOP_VARS = ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "XDG_RUNTIME_DIR")


@pytest.fixture
def desktop(tmp_path, monkeypatch):
    """A private dbus-daemon + Xvfb + dunst; the code under test sees only them."""
    with private_desktop(tmp_path / "desktop") as running:
        for name in DESKTOP_VARS:
            monkeypatch.setenv(name, running.env[name])
        yield running


@pytest.fixture
def no_desktop(tmp_path, monkeypatch):
    """A session bus address where nothing listens: no notification server at all."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'nobody.sock'}")
    monkeypatch.delenv("DISPLAY", raising=False)


@pytest.fixture
def system_bus(tmp_path, monkeypatch):
    """A private bus standing in for the system bus (for the fake logind)."""
    from .desktop import private_bus

    with private_bus(tmp_path / "system-bus") as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        monkeypatch.delenv("XDG_SESSION_ID", raising=False)
        yield address
