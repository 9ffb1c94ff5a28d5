"""Synthesise prompts in a fresh process, the way the speech tests and benchmark need it.

    python tests/harness/tts_child.py '{"mode": "ours", "voice": "ko", "rate": 120,
                                      "texts": ["..."], "fault": "none"}'

prints one JSON line: {"frames": [...], "errors": [...], "seconds": [...], "retries": n}, one
entry per text (frames -1 when there is no WAV; seconds: how long its synthesis took).
Modes: "ours" is `Pyttsx3Speaker.synthesise`; "stock" is plain pyttsx3 (a fresh engine with
voice and rate set, then `save_to_file` + `runAndWait` per text).

A fault puts pyttsx3 or espeak-ng into the state a race of its asynchronous espeak driver
produces, so that a test sees it every time:
- slow-end: espeak's thread reports the end of each utterance 300 ms late, as on a busy CPU,
  so an engine's first `runAndWait`, which waits about 10 ms, returns before the WAV exists;
- busy-at-stop: the driver's first `stop()` finds espeak busy (its thread still running a
  command), so it cancels espeak and sets `_stopping` in an engine's first `runAndWait`;
- drop-rate: espeak drops the first rate change, as a cancel drops a still-queued command;
- other-engine: after the first prompt another pyttsx3 engine is created and destroyed, which
  unregisters espeak's callback (pyttsx3.init() with no name, as `microalign doctor` does).
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import logging
import sys
import tempfile
import time
import wave
from pathlib import Path

FAULTS = ("none", "slow-end", "busy-at-stop", "drop-rate", "other-engine")


def frames_of(path: Path) -> int:
    if not path.exists():
        return -1
    with wave.open(str(path)) as w:
        return w.getnframes()


class Stock:
    """The plain pyttsx3 usage: one engine with voice and rate set, then save + runAndWait."""

    def __init__(self, voice: str, rate: int) -> None:
        import pyttsx3

        self.engine = pyttsx3.init("espeak")
        self.engine.setProperty("voice", voice)
        self.engine.setProperty("rate", rate)
        self.tmp = Path(tempfile.mkdtemp(prefix="tts-stock-"))

    def synthesise(self, text: str) -> Path:
        path = self.tmp / "prompt.wav"
        path.unlink(missing_ok=True)
        with contextlib.redirect_stdout(io.StringIO()):
            self.engine.save_to_file(text, str(path))
            self.engine.runAndWait()
        return path


class Ours:
    def __init__(self, voice: str, rate: int) -> None:
        from microalign.adapters.speech.tts import Pyttsx3Speaker

        self.speaker = Pyttsx3Speaker(voice, rate)

    def synthesise(self, text: str) -> Path:
        return self.speaker.synthesise(text)


def install_fault(fault: str, rate: int) -> None:
    from pyttsx3.drivers import _espeak, espeak

    if fault == "slow-end":
        real_on_synth = espeak.EspeakDriver._onSynth

        def on_synth(self, wav, numsamples, events) -> int:
            i = 0
            while events[i].type != _espeak.EVENT_LIST_TERMINATED:
                if events[i].type == _espeak.EVENT_MSG_TERMINATED:
                    time.sleep(0.3)
                i += 1
            return real_on_synth(self, wav, numsamples, events)

        # Before the engine exists: its driver registers this method with espeak.
        espeak.EspeakDriver._onSynth = on_synth
    elif fault == "busy-at-stop":
        real = _espeak.IsPlaying
        calls = []

        def is_playing() -> int:
            calls.append(1)
            return 1 if len(calls) == 1 else real()

        _espeak.IsPlaying = is_playing
    elif fault == "drop-rate":
        real_set = _espeak.SetParameter
        dropped = []

        def set_parameter(parameter: int, value: int, relative: int = 0) -> int:
            if parameter == _espeak.RATE and value == rate and not dropped:
                dropped.append(value)
                return 0
            return real_set(parameter, value, relative)

        _espeak.SetParameter = set_parameter


def after_first_prompt(fault: str) -> None:
    import pyttsx3

    if fault == "other-engine":
        other = pyttsx3.init()
        del other
        gc.collect()


class RetryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "attempt" in record.getMessage():
            self.count += 1


def run(spec: dict) -> dict:
    fault = spec.get("fault", "none")
    assert fault in FAULTS, fault
    counter = RetryCounter()
    tts_log = logging.getLogger("microalign.adapters.speech.tts")
    tts_log.addHandler(counter)
    tts_log.setLevel(logging.INFO)
    install_fault(fault, spec["rate"])
    synth = (Ours if spec["mode"] == "ours" else Stock)(spec["voice"], spec["rate"])
    frames: list[int] = []
    errors: list[str | None] = []
    seconds: list[float] = []
    for i, text in enumerate(spec["texts"]):
        start = time.perf_counter()
        try:
            frames.append(frames_of(synth.synthesise(text)))
            errors.append(None)
        except Exception as exc:  # a lost prompt, whatever raised it
            frames.append(-1)
            errors.append(f"{type(exc).__name__}: {exc}")
        seconds.append(time.perf_counter() - start)
        if i == 0:
            after_first_prompt(fault)
    return {"frames": frames, "errors": errors, "seconds": seconds, "retries": counter.count}


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
