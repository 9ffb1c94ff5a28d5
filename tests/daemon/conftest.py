"""Fixtures for the daemon tests: a private desktop (D-Bus session bus, Xvfb, dunst)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .desktop import private_desktop

DESKTOP_VARS = ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "XDG_RUNTIME_DIR")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _children_import_tests(monkeypatch):
    """Check-in child processes must find tests.daemon.scripted (the fault injection)."""
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    )


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


@pytest.fixture
def pulse(tmp_path, monkeypatch):
    """A private PulseAudio server; the code under test (PortAudio → ALSA → pulse) uses it."""
    from .audio import private_pulse

    with private_pulse(tmp_path / "pulse") as env:
        monkeypatch.setenv("PULSE_SERVER", env["PULSE_SERVER"])
        yield env
