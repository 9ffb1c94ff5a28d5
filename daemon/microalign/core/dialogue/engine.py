"""Runs a flow: says prompts through a Speaker, hears answers through a Listener, hands
each answer to a Recorder as soon as it is known (so a crash or Ctrl-C loses nothing).

A stored answer only moves forward: what follows it (its read-back, the skip's reason
question) may be interrupted by a signal or an error, and the answer stays as stored.

Knows nothing of SQLite, audio devices or models: those sit behind the three interfaces.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from microalign.core.dialogue.answers import (
    is_reason,
    parse_choice,
    parse_command,
    parse_pick,
    whole_answer,
)
from microalign.core.dialogue.commands import Commands, Ended
from microalign.core.dialogue.flows import CHOICE, PICK, SAY, Step
from microalign.core.dialogue.hearing import TYPED, Hearing
from microalign.core.dialogue.reasons import Reasons
from microalign.core.dialogue.recorder import Recorder
from microalign.core.outcomes import ANSWER_TO_OUTCOME
from microalign.core.vocabulary import DONE, NO_SPEECH, STOPPED
from microalign.errors import EndOfInput, NoSpeechError
from microalign.i18n import LanguagePack
from microalign.ports.speech import AnswerKind, Heard, Listener, Speaker

log = logging.getLogger(__name__)

MAX_TRIES = 3
# An answer that is no answer (judge.REJECT) is asked once more, then the question is left.
MAX_REJECTED = 2


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class _Stored:
    """An answer the recorder has stored, and what is said or asked after it."""

    answer_id: int
    noted: str | None = None  # read back: "Noted: ..."
    ask_reason: bool = False  # a skip without a reason: the reason question comes next


@dataclass
class Engine:
    speaker: Speaker
    listener: Listener
    pack: LanguagePack
    recorder: Recorder
    audio_path: Callable[[str], Path | None] = lambda key: None
    confirm_below: float = 0.0
    snooze_minutes: int = 15  # a bare "later"
    now: Callable[[], datetime] = local_now  # aware, in the time zone the user reads
    answers: dict[str, str] = field(default_factory=dict)  # key -> outcome or text, this run
    hearing: Hearing = field(init=False)
    commands: Commands = field(init=False)
    reasons: Reasons = field(init=False)

    def __post_init__(self) -> None:
        parts = (self.speaker, self.listener, self.pack, self.recorder, self.audio_path)
        self.hearing = Hearing(*parts, self.confirm_below)
        self.commands = Commands(
            self.speaker, self.pack, self.hearing, self.snooze_minutes, self.now
        )
        self.reasons = Reasons(self.speaker, self.pack, self.recorder, self.hearing, self.commands)

    @property
    def snooze_until(self) -> datetime | None:
        """When the user put the check-in off to (None: not put off)."""
        return self.commands.snooze_until

    def run(
        self,
        steps: list[Step],
        answered: Collection[str] = frozenset(),
        reasons_pending: Mapping[str, int] | None = None,
    ) -> str:
        """Walk the steps, skipping keys already answered; a stored skip whose reason
        question was not asked yet (`reasons_pending`: key -> answer id) gets it now.
        Returns the end status."""
        pending = reasons_pending or {}
        try:
            for step in steps:
                if step.key and step.key in answered:
                    if step.key in pending:
                        self.reasons.ask(step, pending[step.key], resumed=True)
                    continue
                if step.kind == SAY:
                    self.speaker.say(step.text)
                else:
                    self._ask(step)
        except Ended as ended:
            return ended.status
        except (EndOfInput, KeyboardInterrupt):
            return STOPPED
        return DONE

    # -- one question ----------------------------------------------------------------------

    def _ask(self, step: Step) -> None:
        kind = AnswerKind.CHOICE if step.kind in (CHOICE, PICK) else AnswerKind.FREE
        silent = 0
        tries = 0
        self.hearing.rejected = 0
        while True:
            self.speaker.say(step.text)
            try:
                heard, pending_id = self.hearing.listen(step, kind)
            except NoSpeechError:
                silent += 1
                if silent >= 2:
                    self.commands.end(NO_SPEECH, self.pack.t("say.no_speech_end"))
                self.speaker.say(self.pack.t("say.no_speech_retry"))
                continue
            stored: _Stored | None = None
            try:
                if self.commands.snooze(heard):
                    pass  # out of range: said so, and the question is asked again
                elif step.kind == PICK:
                    stored = self._pick(step, heard, pending_id)
                elif kind is AnswerKind.CHOICE:
                    stored = self._choice(step, heard, pending_id)
                else:
                    stored = self._free(step, heard, pending_id)
            finally:
                # Audio that answered nothing is kept aside; a stored answer is not (the
                # store also refuses to set aside a final one: a signal may come between).
                if stored is None and pending_id is not None:
                    self.recorder.set_aside(pending_id, heard)
            if stored is not None:
                self._after(step, stored)
                return
            tries += 1
            if tries >= MAX_TRIES or self.hearing.rejected >= MAX_REJECTED:
                log.info("no usable answer to %s after %d tries; moving on", step.key, tries)
                return

    def _after(self, step: Step, stored: _Stored) -> None:
        """What follows a stored answer; an interruption here leaves it as stored."""
        if stored.noted is not None:
            self.speaker.say(self.pack.t("say.noted", text=stored.noted))
        if stored.ask_reason:
            self.reasons.ask(step, stored.answer_id)

    def _choice(self, step: Step, heard: Heard, pending_id: int | None) -> _Stored | None:
        parsed = parse_choice(heard.text, self.pack, typed=heard.model == TYPED)
        checked = parse_choice(heard.check_text or "", self.pack)
        if parsed is None or not self.hearing.judged_choice(
            heard, parsed, checked, whole=whole_answer(heard.text, self.pack)
        ):
            self.hearing.didnt_understand(heard)
            return None
        if parsed.kind == "command":
            self.commands.command(parsed.value)
            return None
        if not self.hearing.confirmed(heard):
            return None
        # "skip, I was ill" brings its reason; "skip, yes" does not.
        reason = (
            parsed.rest if parsed.value == "skip" and is_reason(parsed.rest, self.pack) else None
        )
        ask_reason = parsed.value == "skip" and step.ask_reason and not reason
        answer_id = self.recorder.answer(
            step,
            heard,
            answer_id=pending_id,
            outcome=str(ANSWER_TO_OUTCOME[parsed.value]),
            reason=reason,
            reason_pending=ask_reason,
        )
        self.answers[step.key] = str(ANSWER_TO_OUTCOME[parsed.value])
        return _Stored(answer_id, ask_reason=ask_reason)

    def _pick(self, step: Step, heard: Heard, pending_id: int | None) -> _Stored | None:
        """One of the step's options; stored as the option's own name."""
        parsed = parse_pick(heard.text, step.options, self.pack)
        checked = parse_pick(heard.check_text or "", step.options, self.pack)
        # A value may sound like a command ("courage" heard as "later"): a spoken command
        # that would pass, stop or snooze the review is read back first.
        weighty = parsed is not None and parsed.kind == "command" and parsed.value != "repeat"
        doubt = weighty and heard.model != TYPED
        if parsed is None or not self.hearing.judged_choice(heard, parsed, checked, doubt):
            self.hearing.didnt_understand(heard, step.options)
            return None
        if parsed.kind == "command":
            if parsed.value == "skip":  # passes the question, as in a free answer
                return self._keep(step, heard, pending_id)
            self.commands.command(parsed.value)
            return None
        if not self.hearing.confirmed(heard):
            return None
        stored = self._keep(step, replace(heard, text=parsed.value), pending_id)
        self.answers[step.key] = parsed.value
        return stored

    def _free(self, step: Step, heard: Heard, pending_id: int | None) -> _Stored | None:
        command = parse_command(heard.text, self.pack)
        # A typed empty line passes an optional question; silence from a microphone does not.
        if command == "skip" or (heard.model == "typed" and not heard.text.strip()):
            return self._keep(step, heard, pending_id, read_back=False)
        if command and self.commands.command(command):
            return None
        if not heard.text.strip() or not self.hearing.confirmed(heard):
            return None
        stored = self._keep(step, heard, pending_id)
        self.answers[step.key] = heard.text
        return stored

    def _keep(
        self, step: Step, heard: Heard, pending_id: int | None, read_back: bool = True
    ) -> _Stored:
        """Store an answer without an outcome: a free answer, a pick, a passed question
        ("skip": stored, so it is not asked again); read back when the step says so."""
        answer_id = self.recorder.answer(
            step, heard, answer_id=pending_id, outcome=None, reason=None
        )
        noted = heard.text if read_back and step.read_back else None
        return _Stored(answer_id, noted=noted)
