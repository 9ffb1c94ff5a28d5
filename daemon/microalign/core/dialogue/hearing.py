"""How a check-in hears one answer: listening with the right grammar (its audio kept as
a pending answer), judging whether what was heard stands, reading doubtful answers back.
The engine (engine.py) decides what to ask and what to store."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from microalign.core.dialogue.answers import (
    Parsed,
    choice_hint,
    choice_vocabulary,
    normalise,
    parse_choice,
    pick_hint,
    pick_vocabulary,
    said_phrase,
    unclear_text,
)
from microalign.core.dialogue.flows import CHOICE, PICK, Step
from microalign.core.dialogue.judge import Verdict, judge
from microalign.core.dialogue.recorder import Recorder
from microalign.errors import NoSpeechError
from microalign.i18n import LanguagePack
from microalign.ports.speech import AnswerKind, Heard, Listener, ListenRequest, Speaker

log = logging.getLogger(__name__)

TYPED = "typed"  # Heard.model of a typed answer


@dataclass
class Hearing:
    speaker: Speaker
    listener: Listener
    pack: LanguagePack
    recorder: Recorder
    audio_path: Callable[[str], Path | None] = lambda key: None
    confirm_below: float = 0.0
    rejected: int = 0  # answers of the current question that were none (judge.REJECT)

    def listen(
        self,
        step: Step,
        kind: AnswerKind,
        keep: bool = True,
        vocabulary: tuple[str, ...] = (),
    ) -> tuple[Heard, int | None]:
        """Hear one answer; with `keep`, its audio is stored as a pending answer first.
        A choice is heard through a grammar of `vocabulary` (by default the answers and
        commands of a yes/no question) and the pack's filler words."""
        saved: list[int] = []
        choice = kind is AnswerKind.CHOICE
        pick = step.kind == PICK and choice
        phrases: tuple[str, ...] = ()
        if pick:
            phrases = pick_vocabulary(step.options, self.pack)
        elif choice:
            phrases = vocabulary or choice_vocabulary(self.pack)
        # A filler that is also a word of this question (a value named "family") is no filler.
        words = {word for phrase in phrases for word in phrase.split()}
        request = ListenRequest(
            kind=kind,
            vocabulary=phrases,
            fillers=tuple(f for f in self.pack.fillers if f not in words) if choice else (),
            audio_path=self.audio_path(step.key) if keep else None,
            on_audio_saved=(lambda path: saved.append(self.recorder.audio_saved(step, path)))
            if keep
            else None,
            hint=pick_hint(step.options, self.pack)
            if pick
            else (choice_hint(self.pack) if choice else ""),
            required=tuple(normalise(o) for o in step.options) if pick else (),
        )
        self.speaker.chime()
        heard = self.listener.listen(request)
        return heard, saved[-1] if saved else None

    def didnt_understand(self, heard: Heard, options: tuple[str, ...] = ()) -> None:
        self.speaker.say(unclear_text(self.pack, heard.model == TYPED, options))

    def judged_choice(
        self,
        heard: Heard,
        parsed: Parsed,
        checked: Parsed | None,
        doubt: bool = False,
        whole: bool = True,
    ) -> bool:
        """Whether `parsed` stands, `checked` being what the check text means."""
        read_back = said_phrase(parsed, self.pack)
        return self.judged(heard, meaning(parsed), meaning(checked), read_back, doubt, whole)

    def judged(
        self,
        heard: Heard,
        meaning: str | None,
        checked: str | None,
        read_back: str,
        doubt: bool = False,
        whole: bool = True,
    ) -> bool:
        """Whether what `heard` means stands: rejected speech does not, a doubtful one is
        read back as `read_back` ("I heard: partly. Is that right?") and stands if the
        user says yes."""
        verdict = judge(heard, meaning, checked, whole)
        if verdict is Verdict.REJECT:
            self.rejected += 1
            log.info("not an answer: %r with %d unmatched words", heard.text, heard.unmatched)
            return False
        if verdict is Verdict.ACCEPT and not doubt:
            return True
        return self.read_back(read_back)

    def read_back(self, text: str) -> bool:
        question = self.pack.t("say.confirm", text=text)
        self.speaker.say(question)
        try:
            reply, _ = self.listen(
                Step(CHOICE, question), AnswerKind.CHOICE, keep=False, vocabulary=self._yes_no()
            )
        except NoSpeechError:
            return False
        parsed = parse_choice(reply.text, self.pack, typed=reply.model == TYPED)
        checked = parse_choice(reply.check_text or "", self.pack)
        return (
            parsed is not None
            and parsed.value == "yes"
            and judge(reply, meaning(parsed), meaning(checked)) is Verdict.ACCEPT
        )

    def _yes_no(self) -> tuple[str, ...]:
        return (*self.pack.answers["yes"], *self.pack.answers["no"])

    def confirmed(self, heard: Heard) -> bool:
        """Low-confidence transcripts are read back; a "no" asks the question again."""
        if not self.confirm_below or heard.confidence is None:
            return True
        if heard.confidence >= self.confirm_below:
            return True
        self.speaker.say(self.pack.t("say.confirm", text=heard.text))
        try:
            reply, _ = self.listen(
                Step(CHOICE, self.pack.t("say.confirm", text=heard.text)),
                AnswerKind.CHOICE,
                keep=False,
            )
        except NoSpeechError:
            return False
        parsed = parse_choice(reply.text, self.pack, typed=reply.model == TYPED)
        return parsed is not None and parsed.value == "yes"


def meaning(parsed: Parsed | None) -> str | None:
    return None if parsed is None else f"{parsed.kind}:{parsed.value}"
