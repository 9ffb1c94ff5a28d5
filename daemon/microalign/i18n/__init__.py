"""Every user-facing text, one module per language (en.py, ko.py), looked up by key.

A language module holds plain data: CODE, NAME, VOICE, RATE, ANSWERS, COMMANDS,
INTENTION_PROMPTS, EXTRA_PROMPTS, WEEKDAYS, WEEKDAYS_SHORT, MONTHS, SNOOZE, TEXTS (key -> text, or
key -> {plural form -> text}), `plural(count) -> form` and `clock(hour, minute) -> text`
("21:20", "오후 9시 20분"); optionally `spoken(text)`, the text as the voice reads it. A new
text is a new key in every language module; tests/i18n/test_i18n.py checks that all of them
agree. A Korean text marks a particle after a field as "{name}을(를)": particles.py picks the
form that fits the word; the raw words of a library's error become a category's text
(causes.py).

Standard library only: imported by the CLI on every run.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from microalign.i18n import en, ko, particles
from microalign.i18n.causes import cause_key

Text = str | dict[str, str]


@dataclass(frozen=True)
class Ref:
    """A text by key and fields, rendered in whichever language shows it."""

    key: str
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Joined:
    """Texts shown one after another, each in whichever language shows them (Keyed or
    Ref texts rendered, others as they are): a list of problems, say."""

    items: tuple[Any, ...]
    separator: str = "; "
    prefix: str = ""

    def __str__(self) -> str:
        return self.separator.join(self.prefix + str(item) for item in self.items)


class Keyed(str):
    """An English text that remembers its key and fields, so another language can render it."""

    key: str
    fields: dict[str, Any]

    def __new__(cls, key: str, /, **fields: Any) -> Keyed:
        fields = without_raw_errors(fields)
        made = super().__new__(cls, EN.t(key, **fields))
        made.key, made.fields = key, fields
        return made


def without_raw_errors(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`fields` with each exception replaced by its text by key: our own keyed error by its
    message, any other by its category's text (causes.py), its raw words logged, not shown."""
    return {
        name: _as_text(value) if isinstance(value, BaseException) else value
        for name, value in fields.items()
    }


def _as_text(error: BaseException) -> Ref | Keyed:
    key = getattr(error, "key", None)  # a MicroalignError (errors.py sits above this module)
    if isinstance(key, str) and EN.has(f"error.{key}"):
        return Ref(f"error.{key}", getattr(error, "fields", {}))
    return Keyed(cause_key(error))


@dataclass(frozen=True, eq=False)  # compared (and cached) by identity: one per language
class SnoozeWords:
    """The words of "later" with a time ("in twenty minutes", "이십 분 후에")."""

    numbers: Mapping[str, int]  # number words -> value ("twenty five", "이십")
    units: Mapping[str, int]  # unit word -> minutes ("hours" -> 60, "분" -> 1)
    halves: tuple[str, ...]  # after a unit: half of it more ("and a half", "반")
    amounts: Mapping[str, int]  # whole amounts -> minutes ("half an hour")
    joiners: tuple[str, ...]  # between two amounts ("an hour and ten minutes")
    forms: tuple[str, ...]  # the sentences around an {amount} ("in {amount}")
    spoken: tuple[str, ...]  # the phrases a speech grammar offers


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    voice: str  # espeak-ng voice name
    rate: int  # words per minute
    answers: dict[str, tuple[str, ...]]  # outcome -> phrases; the first is the canonical one
    commands: dict[str, tuple[str, ...]]  # command -> phrases
    intention_prompts: tuple[str, ...]
    extra_prompts: tuple[str, ...]
    weekdays: tuple[str, ...]
    weekdays_short: tuple[str, ...]
    months: tuple[str, ...]
    texts: Mapping[str, Text]
    plural: Callable[[int], str]
    snooze: SnoozeWords
    # Words a grammar recogniser may hear instead of an answer, so that speech which is no
    # answer is not forced onto the nearest answer word (none of them is an answer word).
    fillers: tuple[str, ...] = ()
    # Outcome -> more words a typed answer may use ("y", "nah"); never in a speech grammar.
    typed_answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A time of day as this language writes it ("21:20", "오후 9시 20분").
    clock: Callable[[int, int], str] = lambda hour, minute: f"{hour:02d}:{minute:02d}"
    # A text as the voice should read it (a Korean hour in native numbers).
    spoken: Callable[[str], str] = lambda text: text

    def clock_of(self, hh_mm: str) -> str:
        """ "21:20" as this language writes a time of day."""
        hour, _, minute = hh_mm.partition(":")
        return self.clock(int(hour), int(minute or 0))

    def has(self, key: str) -> bool:
        return key in self.texts

    def t(self, key: str, /, **fields: Any) -> str:
        """The text of `key` with its {fields}; `count` picks the plural form."""
        text = self.texts[key]
        if isinstance(text, dict):
            text = text[self.plural(int(fields["count"]))]
        shown = {k: self._shown(v) for k, v in fields.items()}
        return particles.fill(text, shown)

    def _shown(self, value: Any) -> Any:
        if isinstance(value, Ref | Keyed):
            return self.render(value)
        if isinstance(value, Joined):
            return value.separator.join(value.prefix + self.render(i) for i in value.items)
        return value

    def render(self, text: str | Ref) -> str:
        """A Ref or Keyed text in this language; any other text as it is."""
        key, fields = getattr(text, "key", None), getattr(text, "fields", {})
        if key is None or not self.has(key):
            return str(text)
        return self.t(key, **fields)

    def value_name(self, key: str) -> str | None:
        """A built-in value's name in this language ("courage" -> "용기"), else None."""
        return self.t(f"value.{key}") if self.has(f"value.{key}") else None

    def vocabulary(self) -> tuple[str, ...]:
        """Every word an answer to a yes/no question may use (for a Vosk grammar)."""
        words: list[str] = []
        for group in (*self.answers.values(), *self.commands.values(), self.snooze.spoken):
            for phrase in group:
                if phrase not in words:
                    words.append(phrase)
        return tuple(words)

    def goal_phrase(self, goal_text: str) -> str:
        """The default evening question for a goal without a question of its own."""
        goal = _lower_first(goal_text) if self.code == "en" else goal_text
        return self.t("say.goal_question", goal=goal)

    def checkin_name(self, name: str) -> str:
        """A check-in's name as said: a built-in one in this language, one the config adds
        as it is written there."""
        return self.t(f"checkin.{name}") if self.has(f"checkin.{name}") else name

    def checkin_title(self, name: str, flow: str | None = None) -> str:
        """A check-in's title: a built-in one by its name, one the config adds by its name
        and flow ("Lunch — evening review")."""
        key = f"checkin_title.{name}"
        if self.has(key):
            return self.t(key)
        shown = name.replace("_", " ").replace("-", " ").capitalize()
        if flow is not None and self.has(f"checkin_title.{flow}"):
            kind = self.t(f"checkin_title.{flow}").lower()  # "Lunch — evening review"
            return self.t("checkin_title.custom_flow", name=shown, kind=kind)
        return self.t("checkin_title.custom", name=shown)


def _lower_first(text: str) -> str:
    # "Ask one question" -> "ask one question", but keep "I" and acronyms like "TV".
    first = text.split(" ", 1)[0]
    if (len(first) > 1 and first[1:2].isupper()) or first == "I":
        return text
    return text[:1].lower() + text[1:]


def _pack(module: ModuleType) -> LanguagePack:
    return LanguagePack(
        code=module.CODE,
        name=module.NAME,
        voice=module.VOICE,
        rate=module.RATE,
        answers=module.ANSWERS,
        commands=module.COMMANDS,
        intention_prompts=module.INTENTION_PROMPTS,
        extra_prompts=module.EXTRA_PROMPTS,
        weekdays=module.WEEKDAYS,
        weekdays_short=module.WEEKDAYS_SHORT,
        months=module.MONTHS,
        texts=module.TEXTS,
        plural=module.plural,
        snooze=SnoozeWords(**module.SNOOZE),
        fillers=getattr(module, "FILLERS", ()),
        typed_answers=getattr(module, "TYPED_ANSWERS", {}),
        clock=module.clock,
        spoken=getattr(module, "spoken", lambda text: text),
    )


EN = _pack(en)
KO = _pack(ko)
PACKS: dict[str, LanguagePack] = {EN.code: EN, KO.code: KO}


class UnknownLanguage(LookupError):
    """No language module for `code` (texts live below the error hierarchy, which uses
    them, so callers turn this into an error the user sees)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.known = ", ".join(sorted(PACKS))


# The values a store starts with; each is stored by this key and shown by its name in the
# language of the moment (values the user adds are their own key and name).
BUILTIN_VALUES = ("honesty", "respect", "compassion", "commitment", "courage")


def builtin_value(name: str) -> str | None:
    """The key of the built-in value called `name` in any language ("용기", "Courage")."""
    wanted = name.strip().lower()
    for key in BUILTIN_VALUES:
        if wanted == key or any(wanted == pack.value_name(key) for pack in PACKS.values()):
            return key
    return None


def get_pack(code: str) -> LanguagePack:
    try:
        return PACKS[code]
    except KeyError:
        raise UnknownLanguage(code) from None


get = get_pack


# What other programs say, in their own (English) words: Chromium's last words, the output
# of systemctl and systemd-analyze. A translation may leave them out of its text; the code
# that raises logs them, so `-v` shows them in every language.
RAW_FIELDS = frozenset({"detail", "output"})


def placeholders(text: Text) -> set[str]:
    """The {field} names a text uses (all plural forms together)."""
    forms = text.values() if isinstance(text, dict) else (text,)
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}
