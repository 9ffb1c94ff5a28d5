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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from microalign.core.dialogue.answers import (
    Parsed,
    choice_hint,
    choice_vocabulary,
    is_reason,
    normalise,
    parse_choice,
    parse_command,
    parse_pick,
    pick_hint,
    pick_vocabulary,
    said_phrase,
    unclear_text,
    whole_answer,
)
from microalign.core.dialogue.flows import CHOICE, PICK, SAY, Step
from microalign.core.dialogue.judge import Verdict, judge
from microalign.core.dialogue.recorder import Recorder
from microalign.core.dialogue.snooze import LONGEST, SHORTEST, parse_snooze
from microalign.core.outcomes import ANSWER_TO_OUTCOME
from microalign.core.vocabulary import DONE, NO_SPEECH, SNOOZED, STOPPED
from microalign.errors import EndOfInput, NoSpeechError
from microalign.i18n import LanguagePack
from microalign.ports.speech import AnswerKind, Heard, Listener, ListenRequest, Speaker

log = logging.getLogger(__name__)

MAX_TRIES = 3
# An answer that is no answer (judge.REJECT) is asked once more, then the question is left.
MAX_REJECTED = 2
# A reason that is only an answer word ("yes") is asked for once more, then left out.
MAX_REASON_TRIES = 2
TYPED = "typed"  # Heard.model of a typed answer


def local_now() -> datetime:
    return datetime.now().astimezone()


class _Ended(Exception):
    def __init__(self, status: str) -> None:
        self.status = status


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
    snooze_until: datetime | None = None  # set when the user put the check-in off
    _rejected: int = field(default=0, init=False)  # answers of this question that were none

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
                        self._ask_reason(step, pending[step.key], resumed=True)
                    continue
                if step.kind == SAY:
                    self.speaker.say(step.text)
                else:
                    self._ask(step)
        except _Ended as ended:
            return ended.status
        except (EndOfInput, KeyboardInterrupt):
            return STOPPED
        return DONE

    def _end(self, status: str, text: str) -> None:
        try:
            self.speaker.say(text)
        finally:
            raise _Ended(status)

    # -- one question ----------------------------------------------------------------------

    def _ask(self, step: Step) -> None:
        kind = AnswerKind.CHOICE if step.kind in (CHOICE, PICK) else AnswerKind.FREE
        silent = 0
        tries = 0
        self._rejected = 0
        while True:
            self.speaker.say(step.text)
            try:
                heard, pending_id = self._listen(step, kind)
            except NoSpeechError:
                silent += 1
                if silent >= 2:
                    self._end(NO_SPEECH, self.pack.t("say.no_speech_end"))
                self.speaker.say(self.pack.t("say.no_speech_retry"))
                continue
            stored: _Stored | None = None
            try:
                if self._snooze(heard):
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
            if tries >= MAX_TRIES or self._rejected >= MAX_REJECTED:
                log.info("no usable answer to %s after %d tries; moving on", step.key, tries)
                return

    def _listen(
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

    def _command(self, command: str) -> bool:
        """Handle repeat/stop/later; True when the question must be asked again."""
        if command == "stop":
            self._end(STOPPED, self.pack.t("say.stopped"))
        if command == "later":
            self._put_off(self.snooze_minutes)
        return command == "repeat"

    def _snooze(self, heard: Heard) -> bool:
        """An answer naming when to ask again ("in an hour") ends the check-in until then;
        True when the time was out of range (said so; the question is asked again)."""
        snooze = parse_snooze(heard.text, self.pack)
        if snooze is None:
            return False
        if not self._snooze_stands(heard, snooze.minutes):
            return True  # rejected or denied: the question is asked again
        if snooze.in_range:
            self._put_off(snooze.minutes)  # ends the check-in
        longest = LONGEST // 60
        self.speaker.say(self.pack.t("say.snooze_out_of_range", shortest=SHORTEST, longest=longest))
        return True

    def _snooze_stands(self, heard: Heard, minutes: int) -> bool:
        """A snooze heard through a grammar is judged like an answer: it ends the check-in,
        so speech that merely lands on "이십 분 후" must not."""
        checked = parse_snooze(heard.check_text or "", self.pack)
        agreed = "later" if checked is not None and checked.minutes == minutes else None
        whole = whole_answer(heard.text, self.pack)
        if self._judged(heard, "later", agreed, heard.text, whole=whole):
            return True
        self._didnt_understand(heard)
        return False

    def _put_off(self, minutes: int) -> None:
        now = self.now()
        # Counted in real time and told as the wall time then, with the offset in force
        # then: a clock change may lie between (01:50 + 20 min is 03:10 on a spring-forward
        # night).
        zone = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else None
        self.snooze_until = (now.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(zone)
        time = self.pack.clock(self.snooze_until.hour, self.snooze_until.minute)
        self._end(SNOOZED, self.pack.t("say.snoozed_until", time=time))

    def _didnt_understand(self, heard: Heard, options: tuple[str, ...] = ()) -> None:
        self.speaker.say(unclear_text(self.pack, heard.model == TYPED, options))

    def _after(self, step: Step, stored: _Stored) -> None:
        """What follows a stored answer; an interruption here leaves it as stored."""
        if stored.noted is not None:
            self.speaker.say(self.pack.t("say.noted", text=stored.noted))
        if stored.ask_reason:
            self._ask_reason(step, stored.answer_id)

    def _choice(self, step: Step, heard: Heard, pending_id: int | None) -> _Stored | None:
        parsed = parse_choice(heard.text, self.pack, typed=heard.model == TYPED)
        checked = parse_choice(heard.check_text or "", self.pack)
        if parsed is None or not self._judged_choice(
            heard, parsed, checked, whole=whole_answer(heard.text, self.pack)
        ):
            self._didnt_understand(heard)
            return None
        if parsed.kind == "command":
            self._command(parsed.value)
            return None
        if not self._confirmed(heard):
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
        if parsed is None or not self._judged_choice(heard, parsed, checked, doubt):
            self._didnt_understand(heard, step.options)
            return None
        if parsed.kind == "command":
            if parsed.value == "skip":  # passes the question, as in a free answer
                return self._keep(step, heard, pending_id)
            self._command(parsed.value)
            return None
        if not self._confirmed(heard):
            return None
        stored = self._keep(step, replace(heard, text=parsed.value), pending_id)
        self.answers[step.key] = parsed.value
        return stored

    def _free(self, step: Step, heard: Heard, pending_id: int | None) -> _Stored | None:
        command = parse_command(heard.text, self.pack)
        # A typed empty line passes an optional question; silence from a microphone does not.
        if command == "skip" or (heard.model == "typed" and not heard.text.strip()):
            return self._keep(step, heard, pending_id, read_back=False)
        if command and self._command(command):
            return None
        if not heard.text.strip() or not self._confirmed(heard):
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

    def _ask_reason(self, step: Step, answer_id: int, resumed: bool = False) -> None:
        """Ask for the reason of a stored skip (resumed: first say which question the skip
        answered). Commands work as at every question (stop, later, repeat; "next"
        passes); a bare answer word is no reason: "no" passes, any other ("yes") asks for
        the reason itself once more. Asked, the question is settled, reason or none; an
        interruption leaves it waiting for the resumed check-in."""
        if resumed:
            prompt = self.pack.t("say.skip_reason_resumed", question=step.text)
        else:
            prompt = self.pack.t("say.skip_reason")
        self.recorder.add_reason(answer_id, self._hear_reason(step, prompt))

    def _hear_reason(self, step: Step, prompt: str) -> str | None:
        for _ in range(MAX_REASON_TRIES):
            self.speaker.say(prompt)
            try:
                heard, _ = self._listen(step, AnswerKind.FREE, keep=False)
            except NoSpeechError:
                return None
            text = heard.text.strip()
            command = parse_command(text, self.pack)
            if self._snooze(heard):
                continue  # a time out of range: said so, asked again
            if command in ("stop", "later", "repeat") and self._command(command):
                continue  # repeat: the same question again (stop and later end here)
            if not text or command == "skip":
                return None
            if is_reason(text, self.pack):
                return text
            said = parse_choice(text, self.pack, typed=heard.model == TYPED)
            if said is not None and said.value == "no":
                return None
            prompt = self.pack.t("say.skip_reason_again")
        return None

    def _judged_choice(
        self,
        heard: Heard,
        parsed: Parsed,
        checked: Parsed | None,
        doubt: bool = False,
        whole: bool = True,
    ) -> bool:
        """Whether `parsed` stands, `checked` being what the check text means."""
        read_back = said_phrase(parsed, self.pack)
        return self._judged(heard, _meaning(parsed), _meaning(checked), read_back, doubt, whole)

    def _judged(
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
            self._rejected += 1
            log.info("not an answer: %r with %d unmatched words", heard.text, heard.unmatched)
            return False
        if verdict is Verdict.ACCEPT and not doubt:
            return True
        return self._read_back(read_back)

    def _read_back(self, text: str) -> bool:
        question = self.pack.t("say.confirm", text=text)
        self.speaker.say(question)
        try:
            reply, _ = self._listen(
                Step(CHOICE, question), AnswerKind.CHOICE, keep=False, vocabulary=self._yes_no()
            )
        except NoSpeechError:
            return False
        parsed = parse_choice(reply.text, self.pack, typed=reply.model == TYPED)
        checked = parse_choice(reply.check_text or "", self.pack)
        return (
            parsed is not None
            and parsed.value == "yes"
            and judge(reply, _meaning(parsed), _meaning(checked)) is Verdict.ACCEPT
        )

    def _yes_no(self) -> tuple[str, ...]:
        return (*self.pack.answers["yes"], *self.pack.answers["no"])

    def _confirmed(self, heard: Heard) -> bool:
        """Low-confidence transcripts are read back; a "no" asks the question again."""
        if not self.confirm_below or heard.confidence is None:
            return True
        if heard.confidence >= self.confirm_below:
            return True
        self.speaker.say(self.pack.t("say.confirm", text=heard.text))
        try:
            reply, _ = self._listen(
                Step(CHOICE, self.pack.t("say.confirm", text=heard.text)),
                AnswerKind.CHOICE,
                keep=False,
            )
        except NoSpeechError:
            return False
        parsed = parse_choice(reply.text, self.pack, typed=reply.model == TYPED)
        return parsed is not None and parsed.value == "yes"


def _meaning(parsed: Parsed | None) -> str | None:
    return None if parsed is None else f"{parsed.kind}:{parsed.value}"
