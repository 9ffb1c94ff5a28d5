"""The test harness: private real components the tests run against, never the user's.

- `desktop`: a private D-Bus session bus, Xvfb and dunst (`private_desktop`, `Desktop`),
  and a bare bus (`private_bus`) standing in for the system bus.
- `audio`: a private PulseAudio with a speaker sink and a virtual microphone (`Pulse`),
  espeak-ng speech for that microphone (`SpeechFiles`), the Korean Vosk model's folder.
- `logind`: a stand-in for systemd-logind on the private system bus (`FakeLogind`).
- `daemon`: an in-process daemon built from the config (`make_daemon`, `drive`, configs).
- `process`: the daemon as a real process with its sd_notify socket (`DaemonProcess`).
- `scripted`: the scripted speech a check-in child uses; `logged_voice`: the real voice, logged.
- `composed.py`: the daemon, its check-in process and the CLI composed with that speech
  (through the composition root), run instead of `python -m microalign`.
- `unitfile`: the systemd unit's settings; `unit_sandbox.py` applies its seccomp filter.
- Child scripts: `tts_child.py` (one speaker per process), `sandboxed_voice.py`.

`fixtures` exposes all of it as pytest fixtures to every test directory (see
tests/conftest.py): desktop, no_desktop, system_bus, pulse, speech_wav, ko_model_dir,
ko_model.
"""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
UNIT_FILE = ROOT / "systemd" / "microalign.service"
TTS_CHILD = HERE / "tts_child.py"
UNIT_SANDBOX = HERE / "unit_sandbox.py"
SANDBOXED_VOICE = HERE / "sandboxed_voice.py"


def is_xdist_controller(config: pytest.Config) -> bool:
    """This process hands the tests to pytest-xdist workers and runs none itself."""
    return not hasattr(config, "workerinput") and bool(config.getoption("numprocesses", None))
