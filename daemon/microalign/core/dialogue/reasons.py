"""The reason question after a skip ("What got in your way?"): asked once the skip is
stored, or first thing in a resumed check-in whose skip never got it."""

from __future__ import annotations

from dataclasses import dataclass

from microalign.core.dialogue.answers import is_reason, parse_choice, parse_command
from microalign.core.dialogue.commands import Commands
from microalign.core.dialogue.flows import Step
from microalign.core.dialogue.hearing import TYPED, Hearing
from microalign.core.dialogue.recorder import Recorder
from microalign.errors import NoSpeechError
from microalign.i18n import LanguagePack
from microalign.ports.speech import AnswerKind, Speaker

# A reason that is only an answer word ("yes") is asked for once more, then left out.
MAX_REASON_TRIES = 2


@dataclass
class Reasons:
    speaker: Speaker
    pack: LanguagePack
    recorder: Recorder
    hearing: Hearing
    commands: Commands

    def ask(self, step: Step, answer_id: int, resumed: bool = False) -> None:
        """Ask for the reason of a stored skip (resumed: first say which question the skip
        answered). Commands work as at every question (stop, later, repeat; "next"
        passes); a bare answer word is no reason: "no" passes, any other ("yes") asks for
        the reason itself once more. Asked, the question is settled, reason or none; an
        interruption leaves it waiting for the resumed check-in."""
        if resumed:
            prompt = self.pack.t("say.skip_reason_resumed", question=step.text)
        else:
            prompt = self.pack.t("say.skip_reason")
        self.recorder.add_reason(answer_id, self._hear(step, prompt))

    def _hear(self, step: Step, prompt: str) -> str | None:
        for _ in range(MAX_REASON_TRIES):
            self.speaker.say(prompt)
            try:
                heard, _ = self.hearing.listen(step, AnswerKind.FREE, keep=False)
            except NoSpeechError:
                return None
            text = heard.text.strip()
            command = parse_command(text, self.pack)
            if self.commands.snooze(heard):
                continue  # a time out of range: said so, asked again
            if command in ("stop", "later", "repeat") and self.commands.command(command):
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
