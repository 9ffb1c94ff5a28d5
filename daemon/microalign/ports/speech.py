"""Role interfaces for the dialogue engine: a `Speaker` says prompts, a `Listener` hears answers.

Implementations: `terminal.TerminalSpeaker`/`TerminalListener` (typed mode) and the voice
ones (`tts.Pyttsx3Speaker`, `listener.VoskListener`), chosen by `factory`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Protocol


class AnswerKind(Enum):
    CHOICE = "choice"  # yes/no/partly/skip plus commands: grammar-restricted recogniser
    FREE = "free"  # free speech: the full model


@dataclass(frozen=True)
class ListenRequest:
    kind: AnswerKind
    # Every word or phrase the answer may be made of (answer words and commands of the
    # language pack); a voice listener builds its grammar from it.
    vocabulary: tuple[str, ...] = ()
    # Where the answer's audio must be written (WAV, 16 kHz mono, 0600), if it is recorded.
    audio_path: Path | None = None
    # Called once the audio file is complete and synced, *before* the transcript exists, so
    # the engine can store a pending answer that survives a crash.
    on_audio_saved: Callable[[Path], None] | None = None
    # What a typing user may answer, e.g. "yes / no / partly / skip"; voice listeners ignore it.
    hint: str = ""
    # Words a grammar adds so that speech which is no answer has somewhere to land; a
    # transcript leaves them out and counts them in Heard.unmatched.
    fillers: tuple[str, ...] = ()
    # Phrases of the vocabulary that a grammar must not drop (the user's own values): when
    # the model does not know one of their words, the answer is heard as free speech.
    required: tuple[str, ...] = ()


@dataclass
class Heard:
    text: str
    confidence: float | None = None  # mean word confidence in [0, 1]; None when typed
    audio_path: Path | None = None
    model: str = "typed"
    words: list[dict] = field(default_factory=list)  # Vosk's per-word results
    # Words a grammar recogniser matched to a filler, not to an answer phrase: speech that
    # was no answer (they are not part of `text`).
    unmatched: int = 0
    # A second opinion on a choice: what a grammar of the same phrases plus the filler
    # words heard (fillers left out, counted in `unmatched`); None without such a pass.
    check_text: str | None = None


class Speaker(Protocol):
    def say(self, text: str) -> None:
        """Say `text` and return once it has been fully played (or shown)."""

    def chime(self) -> None:
        """Signal that listening starts now."""

    def close(self) -> None:
        """Release devices and engines."""


class Listener(Protocol):
    def listen(self, request: ListenRequest) -> Heard:
        """Hear one answer. Raises NoSpeechError on silence, EndOfInput when input is gone."""

    def close(self) -> None:
        """Release the microphone and model."""


# Hears one stored answer (16 kHz mono WAV) of the given kind again.
Transcriber = Callable[[Path, AnswerKind], Heard]
