"""Test-only speech for the daemon tests (fault injection, see runner.SPEECH_FACTORY_ENV).

The daemon's own logic is under test here, not speech: tests/adapters/speech runs Vosk and
PulseAudio. The scripted listener behaves like the real one towards the engine: it writes
the answer's WAV (16 kHz mono, 0600) and reports it saved *before* returning the text.
It can also block forever on a chosen answer ("__hang__") so a test can kill the daemon
in the middle of a check-in.

Environment: MICROALIGN_TEST_ANSWERS (JSON list of answers, for each check-in process) or
MICROALIGN_TEST_ANSWERS_FILE (a JSON list shared by all of them, consumed in order), and
MICROALIGN_TEST_SPEECH_LOG (file receiving one JSON line per event);
MICROALIGN_TEST_PRELOAD_GATE (a path): loading the "model" (start_warm_up() in the
background, or preload()) waits until that file exists;
MICROALIGN_TEST_ANSWER_DELAY (seconds): each answer comes that much later;
MICROALIGN_TEST_SPEECH_GATE (a path): making the speech engines (what a check-in process
does first, before it claims its check-in) waits until that file exists, as a slow start.
"""

from __future__ import annotations

import json
import os
import threading
import time
import wave
from pathlib import Path

from microalign.errors import NoSpeechError
from microalign.ports.speech import Heard, ListenRequest

HANG = "__hang__"
SILENCE = "__silence__"


def _log(event: str, **fields) -> None:
    path = os.environ.get("MICROALIGN_TEST_SPEECH_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            record = {"event": event, "t": time.time(), "pid": os.getpid(), **fields}
            out.write(json.dumps(record) + "\n")


class ScriptedSpeaker:
    def say(self, text: str) -> None:
        _log("say", text=text)

    def chime(self) -> None:
        _log("chime")

    def close(self) -> None:
        _log("speaker_closed")


class FileQueue:
    """Answers shared by successive check-in processes: each takes the next from a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __bool__(self) -> bool:
        return bool(json.loads(self.path.read_text()))

    def pop(self, index: int = 0) -> str:
        answers = json.loads(self.path.read_text())
        answer = answers.pop(index)
        self.path.write_text(json.dumps(answers))
        return answer


class ScriptedListener:
    def __init__(self, answers) -> None:
        self.answers = answers
        self.loaded = False
        self.model = None
        self._warming: threading.Thread | None = None

    def start_warm_up(self) -> None:
        """Load in the background, like the voice listener."""
        if self._warming is None:
            self._warming = threading.Thread(target=self._load, daemon=True)
            self._warming.start()

    def preload(self) -> None:
        if self._warming is not None:
            self._warming.join()
        if not self.loaded:
            self._load()

    def _load(self) -> None:
        # With MICROALIGN_TEST_MODEL, hold a real Vosk model like the voice listener does
        # (for the memory benchmark: is it given back after close()?).
        model = os.environ.get("MICROALIGN_TEST_MODEL")
        if model:
            import vosk

            vosk.SetLogLevel(-1)
            self.model = vosk.Model(model)
        gate = os.environ.get("MICROALIGN_TEST_PRELOAD_GATE")
        if gate:  # a slow model load: wait until the test opens the gate (creates the file)
            _log("preload_waiting")
            while not Path(gate).exists():
                time.sleep(0.02)
        self.loaded = True
        _log("preload")

    def listen(self, request: ListenRequest) -> Heard:
        self.preload()  # the first answer waits for the model, like the voice listener's
        if not self.answers:
            _log("silence")
            raise NoSpeechError("nothing said", "speak after the chime")
        delay = float(os.environ.get("MICROALIGN_TEST_ANSWER_DELAY", "0"))
        if delay:  # someone taking a moment to answer
            time.sleep(delay)
        text = self.answers.pop(0)
        if text == SILENCE:
            raise NoSpeechError("nothing said", "speak after the chime")
        if request.audio_path is not None:
            _write_wav(request.audio_path)
            if request.on_audio_saved is not None:
                request.on_audio_saved(request.audio_path)
            _log("audio_saved", path=str(request.audio_path))
        if text == HANG:
            _log("hang")
            threading.Event().wait()
        _log("heard", text=text)
        return Heard(text=text, confidence=1.0, audio_path=request.audio_path, model="scripted")

    def close(self) -> None:
        if self._warming is not None:  # like the voice listener: the load ends first
            self._warming.join()
        self.model = None
        _log("listener_closed")


def _write_wav(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as raw, wave.open(raw, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\0\0" * 1600)
        raw.flush()
        os.fsync(raw.fileno())


def make(config, pack, paths):
    gate = os.environ.get("MICROALIGN_TEST_SPEECH_GATE")
    if gate:
        _log("speech_waiting")
        while not Path(gate).exists():
            time.sleep(0.02)
    shared = os.environ.get("MICROALIGN_TEST_ANSWERS_FILE")
    if shared:
        return ScriptedSpeaker(), ScriptedListener(FileQueue(Path(shared)))
    answers = json.loads(os.environ.get("MICROALIGN_TEST_ANSWERS", "[]"))
    return ScriptedSpeaker(), ScriptedListener(list(answers))


def events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
