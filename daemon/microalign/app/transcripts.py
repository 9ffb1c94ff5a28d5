"""Re-run the recogniser (Vosk or Whisper) on stored answer audio: pending answers after a
crash, or all with a better model or another engine."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from microalign.errors import AudioFileError, UsageError
from microalign.i18n import UnknownLanguage, get_pack
from microalign.ports.records import Answer
from microalign.ports.speech import AnswerKind, Transcriber

if TYPE_CHECKING:
    from microalign.i18n import LanguagePack
    from microalign.ports.store import AudioRecords

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Transcribed:
    id: int
    text: str
    outcome: str | None
    model: str


@dataclass(frozen=True)
class Failed:
    id: int
    audio_path: str
    error: str


@dataclass
class Summary:
    done: list[Transcribed] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    # answer id -> why it failed, to be shown in the user's language
    errors: dict[int, AudioFileError] = field(default_factory=dict)


def retranscribe(
    store: AudioRecords,
    rows: list[Answer],
    load: Callable[[LanguagePack], Transcriber],
    on_row: Callable[[Answer], None] | None = None,
) -> Summary:
    """Transcribe the audio of `rows` (from store.answers_for_retranscribe) again and store
    text, confidence, model (and outcome).

    `load(pack)` gives the transcriber of a language. One is loaded per language, used for
    its answers, and released. An unreadable file is reported and skipped; its answer stays
    as it was.
    """
    summary = Summary()
    for language in sorted({r.language or "en" for r in rows}):
        try:
            pack = get_pack(language)
        except UnknownLanguage as exc:
            raise UsageError.keyed("unknown_language", code=exc.code, known=exc.known) from None
        model = load(pack)
        for row in (r for r in rows if (r.language or "en") == language):
            _one(store, model, pack, row, summary)
            if on_row:
                on_row(row)
        del model  # release its memory before the next language's model
    return summary


def _one(
    store: AudioRecords, model: Transcriber, pack: LanguagePack, row: Answer, summary: Summary
) -> None:
    kind = AnswerKind.CHOICE if row.kind == "choice" else AnswerKind.FREE
    audio_path = row.audio_path
    assert audio_path is not None  # answers_for_retranscribe gives only answers with audio
    try:
        heard = model(Path(audio_path), kind)
    except AudioFileError as exc:
        # The caller reports failures to the user; the log is for the daemon's journal.
        log.info("answer %s not transcribed: %s", row.id, exc)
        summary.failed.append(Failed(row.id, audio_path, str(exc)))
        summary.errors[row.id] = exc
        return
    outcome = outcome_of(heard.text, pack) if kind is AnswerKind.CHOICE else None
    store.set_transcript(row.id, heard.text, heard.confidence, heard.model, outcome=outcome)
    summary.done.append(Transcribed(row.id, heard.text, outcome, heard.model))


def outcome_of(text: str, pack: LanguagePack) -> str | None:
    """The stored outcome (kept/missed/partly/rest) an answer's words stand for, if any."""
    from microalign.core.dialogue.answers import parse_choice
    from microalign.core.outcomes import ANSWER_TO_OUTCOME

    parsed = parse_choice(text, pack)
    if parsed is None or parsed.kind != "outcome":
        return None
    return str(ANSWER_TO_OUTCOME[parsed.value])
