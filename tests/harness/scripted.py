"""Test-only speech for the daemon tests (fault injection: harness/composed.py composes
the daemon's check-in processes and the CLI with it).

The daemon's own logic is under test here, not speech: tests/adapters/speech runs Vosk and
PulseAudio. The scripted listener behaves like the real one towards the engine: it writes
the answer's WAV (16 kHz mono, 0600) and reports it saved *before* returning the text.
It can also block forever on a chosen answer ("__hang__") so a test can kill the daemon
in the middle of a check-in.

Faults at chosen moments, each happening once (the answers are consumed; a said text's
fault is remembered in a file beside the speech log): the answer "__wait__" listens
forever before anything is heard (no audio saved), "__mic_error__" raises a SpeechError as
a failing microphone would; MICROALIGN_TEST_SAY_FAULT = "hold:TEXT" or "fail:TEXT" makes
the first prompt containing TEXT hold forever while it is "spoken", or raise a SpeechError.
Each logs a "fault" event first, so a test knows the moment has come.

Environment: MICROALIGN_TEST_ANSWERS (JSON list of answers, for each check-in process) or
MICROALIGN_TEST_ANSWERS_FILE (a JSON list shared by all of them, consumed in order; or a
JSON object mapping a fragment of a question to its answers, each listen taking the next
answer to the question said last), and
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

from microalign.errors import NoSpeechError, SpeechError
from microalign.ports.speech import Heard, ListenRequest

HANG = "__hang__"
SILENCE = "__silence__"
WAIT = "__wait__"  # listening, nothing heard yet
MIC_ERROR = "__mic_error__"
SAY_FAULT_ENV = "MICROALIGN_TEST_SAY_FAULT"


def _log(event: str, **fields) -> None:
    path = os.environ.get("MICROALIGN_TEST_SPEECH_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            record = {"event": event, "t": time.time(), "pid": os.getpid(), **fields}
            out.write(json.dumps(record) + "\n")


def _hold(where: str) -> None:
    """Block until a signal ends the process (time.sleep lets Python's handlers run)."""
    _log("fault", action="hold", where=where)
    while True:
        time.sleep(0.05)


def _fail(where: str) -> None:
    _log("fault", action="fail", where=where)
    raise SpeechError(f"test fault: {where} failed", "this is injected by the test")


def _say_fault(text: str) -> str | None:
    """The fault to inject while `text` is said, once per speech log."""
    action, _, fragment = os.environ.get(SAY_FAULT_ENV, "").partition(":")
    log = os.environ.get("MICROALIGN_TEST_SPEECH_LOG")
    if not fragment or fragment not in text or not log:
        return None
    try:  # O_EXCL: only the first process to get here injects it
        os.close(os.open(log + ".say-fault", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return None
    return action


_LAST_SAID = [""]  # this process's last prompt: the question the next listen answers


def _write_atomically(path: Path, data: object) -> None:
    """A process killed while writing leaves the old file or the new one, never half."""
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(data))
    os.replace(part, path)


class ScriptedSpeaker:
    def say(self, text: str) -> None:
        _log("say", text=text)
        _LAST_SAID[0] = text
        fault = _say_fault(text)
        if fault == "hold":
            _hold("say")
        if fault == "fail":
            _fail("say")

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
        _write_atomically(self.path, answers)
        return answer


class PromptQueue:
    """Answers by question, shared by successive check-in processes: a file maps a fragment
    of a question to its answers; a listen takes the next answer of the first fragment
    found in the prompt said last (none left: silence). Whatever was asked again after an
    interruption, each question gets its own answers."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> tuple[dict[str, list[str]], str | None]:
        answers = json.loads(self.path.read_text())
        key = next((k for k in answers if k in _LAST_SAID[0]), None)
        return answers, key

    def __bool__(self) -> bool:
        answers, key = self._load()
        return key is not None and bool(answers[key])

    def pop(self, index: int = 0) -> str:
        answers, key = self._load()
        assert key is not None, f"no answers for {_LAST_SAID[0]!r}"
        answer = answers[key].pop(index)
        _write_atomically(self.path, answers)
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
        if text == WAIT:
            _hold("listen")
        if text == MIC_ERROR:
            _fail("listen")
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
        by_prompt = isinstance(json.loads(Path(shared).read_text()), dict)
        queue = (PromptQueue if by_prompt else FileQueue)(Path(shared))
        return ScriptedSpeaker(), ScriptedListener(queue)
    answers = json.loads(os.environ.get("MICROALIGN_TEST_ANSWERS", "[]"))
    return ScriptedSpeaker(), ScriptedListener(list(answers))


def events(path: Path) -> list[dict]:
    """The events logged so far; a line still being written (read while a process appends
    it) is left for the next look."""
    if not path.exists():
        return []
    complete = path.read_text().split("\n")[:-1]
    return [json.loads(line) for line in complete if line.strip()]
