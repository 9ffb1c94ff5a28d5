"""A private PulseAudio for the daemon tests: a null sink as speaker, another one's monitor
as microphone; socket and state in tmp. (The voice tests have a fuller harness; once both
are on main they should share one.)"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

SCRIPT = """load-module module-native-protocol-unix auth-anonymous=1 socket={socket}
load-module module-null-sink sink_name=speaker rate=16000
load-module module-null-sink sink_name=micfeed rate=16000 channels=1
set-default-sink speaker
set-default-source micfeed.monitor
"""


@contextlib.contextmanager
def private_pulse(root: Path) -> Iterator[dict[str, str]]:
    """Yields the environment (PULSE_SERVER, XDG_RUNTIME_DIR, HOME) that reaches it."""
    for tool in ("pulseaudio", "pactl"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing: apt install pulseaudio pulseaudio-utils")
    runtime, home = root / "run", root / "home"
    for folder in (runtime, home):
        folder.mkdir(parents=True, mode=0o700)
    socket = runtime / "native"
    (root / "default.pa").write_text(SCRIPT.format(socket=socket))
    env = {"PULSE_SERVER": f"unix:{socket}", "XDG_RUNTIME_DIR": str(runtime), "HOME": str(home)}
    full = {**os.environ, **env}
    full.pop("DBUS_SESSION_BUS_ADDRESS", None)
    with (root / "pulse.log").open("wb") as log:
        # -n: no system default script; as root it warns but runs with a private HOME.
        proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm",
             "--use-pid-file=no", "--system=false", "-F", str(root / "default.pa")],
            env=full,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 15
            while subprocess.run(["pactl", "info"], env=full, capture_output=True).returncode:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"PulseAudio did not start: see {root / 'pulse.log'}")
                time.sleep(0.1)
            yield env
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
