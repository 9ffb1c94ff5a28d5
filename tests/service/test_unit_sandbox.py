"""The speech stack works under the systemd unit's system-call sandbox.

A child process runs one real spoken exchange (espeak-ng prompt played through PortAudio on
the private PulseAudio, microphone capture, Korean Vosk recognition) under a seccomp filter
built from the shipped unit (systemd/microalign.service) by unit_sandbox.py, as
systemd would apply it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from microalign.adapters.speech.endpoint import frame_rms as pcm_rms
from microalign.core.dialogue.answers import parse_choice
from microalign.i18n import KO
from tests.harness import SANDBOXED_VOICE, UNIT_FILE, UNIT_SANDBOX
from tests.harness.clock import real_env

pytestmark = pytest.mark.audio

UNIT = UNIT_FILE
SANDBOX = UNIT_SANDBOX
CHILD = SANDBOXED_VOICE
# python3-seccomp is a Debian package: it exists for the system Python only.
SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="module")
def sandbox() -> list[str]:
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import seccomp"], capture_output=True)
    if found.returncode:
        pytest.fail("python3-seccomp is missing for /usr/bin/python3: apt install python3-seccomp")
    return [SYSTEM_PYTHON, str(SANDBOX), str(UNIT)]


def _exchange(sandbox, extra, pulse, speech_wav, ko_model_dir, tmp_path):
    """Run the child; answer "네" once it listens. Returns (process, stdout, stderr, rms of
    what it played on the speaker)."""
    spoken = tmp_path / "spoken.raw"
    recorder = pulse.record_speaker(spoken)
    command = [sys.executable, str(CHILD), str(ko_model_dir), str(tmp_path / "answer.wav")]
    child = subprocess.Popen(
        [*sandbox, *extra, "--", *command],
        # The unit's system-call filter is the subject: libfaketime's shared semaphore is no
        # part of what the unit runs, and the exchange needs no date.
        env=real_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = child.stdout.readline()  # "listening", or "" when it failed before
        recorder.terminate(), recorder.wait()
        feeder = pulse.say_into_mic(speech_wav("네")) if first == "listening\n" else None
        out, err = child.communicate(timeout=120)
        if feeder:
            feeder.join()
    finally:
        child.kill()
        recorder.kill()
    return child, first + out, err, pcm_rms(spoken.read_bytes())


def test_unit_sandbox_refuses_what_the_unit_refuses(sandbox):
    probe = (
        "import errno, os, socket\n"
        "try:\n    socket.socket(socket.AF_INET)\nexcept OSError as e:\n    print(e.errno)\n"
        "try:\n    os.setuid(os.getuid())\nexcept OSError as e:\n    print(e.errno)\n"
        "try:\n    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))\n"
        "except OSError as e:\n    print(e.errno)\n"
    )
    done = subprocess.run(
        [*sandbox, "--", sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    # AF_INET (RestrictAddressFamilies=), setuid (~@privileged), SCHED_FIFO (RestrictRealtime=)
    assert done.stdout.split() == ["97", "1", "1"], done.stdout


def test_unit_sandbox_voice_exchange_played_heard_recognised(
    sandbox, pulse, speech_wav, ko_model_dir, tmp_path
):
    child, out, err, played = _exchange(sandbox, [], pulse, speech_wav, ko_model_dir, tmp_path)
    assert child.returncode == 0, err
    assert played > 500, played
    heard = json.loads(out.splitlines()[-1])
    # The model may hear the synonym "예": what counts is the answer the dialogue takes.
    parsed = parse_choice(heard["text"], KO)
    assert parsed is not None and parsed.value == "yes", heard
    assert Path(heard["saved"]).stat().st_size > 16000  # half a second of 16-bit audio


def test_unit_sandbox_memory_deny_write_execute_breaks_microphone(
    sandbox, pulse, speech_wav, ko_model_dir, tmp_path
):
    # Why the unit leaves MemoryDenyWriteExecute= out. Should this start to pass, cffi
    # callbacks no longer need writable+executable memory and the unit can turn it on.
    extra = ["--memory-deny-write-execute"]
    child, out, err, played = _exchange(sandbox, extra, pulse, speech_wav, ko_model_dir, tmp_path)
    assert played > 500, played  # the prompt (a ctypes callback in pyttsx3) still works
    assert child.returncode != 0 and "listening" not in out
    assert "Cannot allocate write+execute memory for ffi.callback()" in err, err
