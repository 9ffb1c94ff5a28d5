"""sd_notify against a real datagram socket the test binds (path and abstract names)."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from microalign.adapters.sdnotify import SystemdNotifier, watchdog_interval


@pytest.fixture(params=["path", "abstract"])
def listener(request, tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    if request.param == "path":
        name = str(tmp_path / "notify.sock")
        sock.bind(name)
    else:
        tag = f"microalign-test-{uuid.uuid4().hex}"
        sock.bind(b"\0" + tag.encode())
        name = "@" + tag
    sock.settimeout(5)
    yield name, sock
    sock.close()


def test_sdnotify_ready_with_status_sends_one_datagram(listener, monkeypatch):
    name, sock = listener
    monkeypatch.setenv("NOTIFY_SOCKET", name)
    notifier = SystemdNotifier()
    assert notifier.ready("next check-in: evening at 21:00") is True
    assert sock.recv(4096) == b"READY=1\nSTATUS=next check-in: evening at 21:00"
    assert notifier.watchdog() is True
    assert sock.recv(4096) == b"WATCHDOG=1"
    notifier.close()


def test_sdnotify_without_socket_is_noop(monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    notifier = SystemdNotifier()
    assert notifier.enabled is False
    assert notifier.ready("x") is False


def test_sdnotify_socket_gone_returns_false(tmp_path):
    notifier = SystemdNotifier(str(tmp_path / "missing.sock"))
    assert notifier.status("x") is False


def test_watchdog_interval_half_of_usec_for_this_pid(monkeypatch):
    monkeypatch.setenv("WATCHDOG_USEC", "60000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_interval() == 30.0
    monkeypatch.setenv("WATCHDOG_PID", "1")
    assert watchdog_interval() is None


def test_sdnotify_reader_stalled_never_blocks(tmp_path):
    path = tmp_path / "stalled.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))  # bound but never read: its queue fills up
    notifier = SystemdNotifier(str(path))
    results = [notifier.watchdog() for _ in range(2000)]
    assert results[0] is True
    assert results[-1] is False
    notifier.close()
    sock.close()
