"""What the user says instead of an answer: "stop" ends the check-in, "later" (with a
time or not) puts it off, "repeat" asks again. Ending is an exception (Ended) that the
engine turns into the check-in's status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from microalign.core.dialogue.answers import whole_answer
from microalign.core.dialogue.hearing import Hearing
from microalign.core.dialogue.snooze import LONGEST, SHORTEST, parse_snooze
from microalign.core.vocabulary import SNOOZED, STOPPED
from microalign.i18n import LanguagePack
from microalign.ports.speech import Heard, Speaker


class Ended(Exception):
    def __init__(self, status: str) -> None:
        self.status = status


@dataclass
class Commands:
    speaker: Speaker
    pack: LanguagePack
    hearing: Hearing
    snooze_minutes: int  # a bare "later"
    now: Callable[[], datetime]  # aware, in the time zone the user reads
    snooze_until: datetime | None = None  # set when the user put the check-in off

    def end(self, status: str, text: str) -> None:
        try:
            self.speaker.say(text)
        finally:
            raise Ended(status)

    def command(self, command: str) -> bool:
        """Handle repeat/stop/later; True when the question must be asked again."""
        if command == "stop":
            self.end(STOPPED, self.pack.t("say.stopped"))
        if command == "later":
            self.put_off(self.snooze_minutes)
        return command == "repeat"

    def snooze(self, heard: Heard) -> bool:
        """An answer naming when to ask again ("in an hour") ends the check-in until then;
        True when the time was out of range (said so; the question is asked again)."""
        snooze = parse_snooze(heard.text, self.pack)
        if snooze is None:
            return False
        if not self._snooze_stands(heard, snooze.minutes):
            return True  # rejected or denied: the question is asked again
        if snooze.in_range:
            self.put_off(snooze.minutes)  # ends the check-in
        longest = LONGEST // 60
        self.speaker.say(self.pack.t("say.snooze_out_of_range", shortest=SHORTEST, longest=longest))
        return True

    def _snooze_stands(self, heard: Heard, minutes: int) -> bool:
        """A snooze heard through a grammar is judged like an answer: it ends the check-in,
        so speech that merely lands on "이십 분 후" must not."""
        checked = parse_snooze(heard.check_text or "", self.pack)
        agreed = "later" if checked is not None and checked.minutes == minutes else None
        whole = whole_answer(heard.text, self.pack)
        if self.hearing.judged(heard, "later", agreed, heard.text, whole=whole):
            return True
        self.hearing.didnt_understand(heard)
        return False

    def put_off(self, minutes: int) -> None:
        now = self.now()
        # Counted in real time and told as the wall time then, with the offset in force
        # then: a clock change may lie between (01:50 + 20 min is 03:10 on a spring-forward
        # night).
        zone = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else None
        self.snooze_until = (now.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(zone)
        time = self.pack.clock(self.snooze_until.hour, self.snooze_until.minute)
        self.end(SNOOZED, self.pack.t("say.snoozed_until", time=time))
