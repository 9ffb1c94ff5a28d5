"""A private desktop keyring for tests: gnome-keyring-daemon (its Secret Service only) on a
private D-Bus session, its keyrings in tmp, created unlocked with a known password."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tests.harness.clock import real_env
from tests.harness.desktop import private_bus


def _service_up(address: str) -> bool:
    done = subprocess.run(
        [
            "dbus-send",
            f"--bus={address}",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ],
        capture_output=True,
        text=True,
        timeout=5,
        env=real_env(),
    )
    return "boolean true" in done.stdout


@contextlib.contextmanager
def private_keyring(root: Path) -> Iterator[str]:
    """Yields the D-Bus address at which a fresh, unlocked Secret Service answers."""
    if shutil.which("gnome-keyring-daemon") is None:
        raise RuntimeError("gnome-keyring-daemon is missing: run bash .ci/setup --tests")
    with private_bus(root / "bus") as address:
        env = real_env()
        home = root / "keyring-home"
        (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
        env.update(
            DBUS_SESSION_BUS_ADDRESS=address,
            HOME=str(home),
            XDG_DATA_HOME=str(home / "data"),
            XDG_RUNTIME_DIR=str(home / "run"),
        )
        proc = subprocess.Popen(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert proc.stdin is not None
        proc.stdin.write(b"test-login-password")
        proc.stdin.close()
        try:
            deadline = time.monotonic() + 15
            while not _service_up(address):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gnome-keyring-daemon did not come up on the private bus")
                time.sleep(0.05)
            yield address
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
