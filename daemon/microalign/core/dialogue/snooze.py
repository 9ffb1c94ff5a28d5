"""Understanding "later" with a time: "in twenty minutes", "in an hour and a half",
"이십 분 후에", "20분 뒤에" -> minutes. The words come from the language pack (its SNOOZE
data); this module only knows how they combine."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from microalign.core.dialogue.answers import normalise
from microalign.i18n import LanguagePack, SnoozeWords

SHORTEST = 1  # minutes
LONGEST = 12 * 60  # a check-in put off longer than this belongs to another day


@dataclass(frozen=True)
class Snooze:
    minutes: int

    @property
    def in_range(self) -> bool:
        return SHORTEST <= self.minutes <= LONGEST


def parse_snooze(text: str, pack: LanguagePack) -> Snooze | None:
    """The time an answer asks to be asked again after ("in an hour" -> 60), or None when
    the whole answer is not such a phrase (a bare "later" is a command, not a time)."""
    words = normalise(text)
    if not words:
        return None
    for form in _forms(pack.snooze):
        found = form.fullmatch(words)
        if found is None:
            continue
        minutes = amount_minutes(found.group("amount"), pack.snooze)
        if minutes is not None:
            return Snooze(minutes)
    return None


def amount_minutes(text: str, words: SnoozeWords) -> int | None:
    """The minutes of an amount that is all of `text` ("an hour and a half", "1시간 30분")."""
    part = _part(words)
    position, total = 0, 0
    while position < len(text):
        found = part.match(text, position)
        if found is None or found.end() == position:
            return None
        total += _value(found, words)
        position = found.end()
    return total if position else None


def _value(found: re.Match[str], words: SnoozeWords) -> int:
    if found.group("fixed"):
        return words.amounts[_spaced(found.group("fixed"), words.amounts)]
    number = found.group("number")
    count = int(number) if number.isdigit() else words.numbers[_spaced(number, words.numbers)]
    unit = words.units[found.group("unit")]
    half = unit // 2 if found.group("half") else 0
    return count * unit + half


def _spaced(found: str, table: Mapping[str, int]) -> str:
    """The table's own spelling of a match that may have left out its spaces ("이십분")."""
    squeezed = found.replace(" ", "")
    return next(key for key in table if key.replace(" ", "") == squeezed)


def _either(phrases: Iterable[str]) -> str:
    """A regex for any of `phrases`, longest first, their spaces optional (Korean is often
    written without them)."""
    ordered = sorted({normalise(p) for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(w) for w in p.split()) for p in ordered if p)


@cache
def _part(words: SnoozeWords) -> re.Pattern[str]:
    """One number and unit (with an optional half), or one whole amount."""
    joiner = rf"(?:(?:{_either(words.joiners)})\s+)?" if words.joiners else ""
    return re.compile(
        rf"\s*{joiner}"
        rf"(?:(?P<fixed>{_either(words.amounts)})"
        rf"|(?P<number>\d+|{_either(words.numbers)})\s*(?P<unit>{_either(words.units)})"
        rf"(?:\s*(?P<half>{_either(words.halves)}))?)\s*"
    )


@cache
def _forms(words: SnoozeWords) -> tuple[re.Pattern[str], ...]:
    """A pattern per sentence form; its {amount} is checked by amount_minutes."""
    made = []
    for form in words.forms:
        before, _, after = form.partition("{amount}")
        made.append(re.compile(rf"{_either((before,))}\s*(?P<amount>.+?)\s*{_either((after,))}"))
    return tuple(made)
