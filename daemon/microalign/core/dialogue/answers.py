"""Understanding short answers: yes/no/partly/skip (with a reason) and the commands."""

from __future__ import annotations

import re
from dataclasses import dataclass

from microalign.i18n import LanguagePack

# "skip" is both a command and the rest-day answer: in a yes/no question it means rest.
CONTROL = ("repeat", "stop", "later")
_PUNCT = re.compile(r"[^\w\s']+")
OPPOSITE = {"yes": "no", "no": "yes"}


@dataclass(frozen=True)
class Parsed:
    kind: str  # "outcome" | "command" | "option"
    value: str  # yes/no/partly/skip, or repeat/stop/later/skip
    rest: str = ""  # words after the answer ("skip, I was ill" -> "i was ill")


def normalise(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def _starts_with(words: str, phrase: str) -> bool:
    return words == phrase or words.startswith(phrase + " ")


def _best_prefix(words: str, groups: dict[str, tuple[str, ...]]) -> tuple[str, str] | None:
    """The group whose phrase starts `words`; the longest phrase wins ("i did not" > "i did")."""
    best: tuple[str, str] | None = None
    for name, phrases in groups.items():
        for phrase in phrases:
            p = normalise(phrase)
            if _starts_with(words, p) and (best is None or len(p) > len(best[1])):
                best = (name, p)
    return best


def _mentions(text: str, phrases: tuple[str, ...]) -> bool:
    words = normalise(text)
    return any(re.search(rf"(^| ){re.escape(normalise(p))}( |$)", words) for p in phrases)


def answer_words(pack: LanguagePack, typed: bool = False) -> dict[str, tuple[str, ...]]:
    """The phrases of each outcome; a typed answer may also use the pack's typed-only
    words ("y", "nah", "아뇨"), which stay out of every speech grammar."""
    if not typed:
        return pack.answers
    return {
        name: (*phrases, *pack.typed_answers.get(name, ()))
        for name, phrases in pack.answers.items()
    }


def parse_choice(text: str, pack: LanguagePack, typed: bool = False) -> Parsed | None:
    """Parse an answer to a yes/no/partly/skip question, or None if it is none of them.
    `typed`: the answer was typed, so the typed-only words count too."""
    words = normalise(text)
    if not words:
        return None
    answers = answer_words(pack, typed)
    control = {name: pack.commands[name] for name in CONTROL}
    groups = {f"cmd:{k}": v for k, v in control.items()} | {
        f"out:{k}": v for k, v in answers.items()
    }
    found = _best_prefix(words, groups)
    if found is None:
        # "I think yes": accept when exactly one outcome's words occur anywhere.
        hits = {name for name, phrases in answers.items() if _mentions(words, phrases)}
        return Parsed("outcome", hits.pop()) if len(hits) == 1 else None
    group, phrase = found
    kind, value = group.split(":")
    # Keep the user's own spelling of what follows ("skip, I was ill" -> "I was ill").
    rest = " ".join(_PUNCT.sub(" ", text).split()[len(phrase.split()) :])
    if value in OPPOSITE and _mentions(rest, answers[OPPOSITE[value]]):
        return None  # "yes and no" is no answer
    return Parsed("command" if kind == "cmd" else "outcome", value, rest)


def is_reason(text: str, pack: LanguagePack) -> bool:
    """Whether `text` says something of its own, as the reason for a rest day: a bare
    answer or command word ("yes", "next", "n") is an answer to the question, not a reason."""
    words = normalise(text).split()
    if not words:
        return False
    groups = (*answer_words(pack, typed=True).values(), *pack.commands.values())
    known = {normalise(phrase) for group in groups for phrase in group}
    longest = max(len(phrase.split()) for phrase in known)
    # Can the words be cut into known phrases? (the first n words can: ends[n])
    ends = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        starts = range(max(0, end - longest), end)
        ends[end] = any(ends[n] and " ".join(words[n:end]) in known for n in starts)
    return not ends[-1]


def whole_answer(text: str, pack: LanguagePack) -> bool:
    """Whether `text` is one or more whole phrases of the choice vocabulary that all mean
    the same ("네", "네 네", "아니요 안 했어요"). A grammar recogniser also strings fragments
    of phrases together ("어느 절반", "아니요 분 후"): on the voice set such strings were
    more often speech that is no answer than an answer."""
    meanings = {}
    for phrase in choice_vocabulary(pack):
        parsed = parse_choice(phrase, pack)
        meanings[normalise(phrase)] = parsed.value if parsed else "later"
    return bool(_meanings_of(normalise(text).split(), meanings) - {"", "mixed"})


def _meanings_of(words: list[str], meanings: dict[str, str]) -> set[str]:
    """The meaning of each way to cut `words` into whole phrases: "mixed" where the phrases
    differ, "" for no words; no way, no element."""
    if not words:
        return {""}
    found = set()
    for end in range(1, len(words) + 1):
        meaning = meanings.get(" ".join(words[:end]))
        if meaning is None:
            continue
        for rest in _meanings_of(words[end:], meanings):
            found.add(meaning if rest in ("", meaning) else "mixed")
    return found


def parse_command(text: str, pack: LanguagePack) -> str | None:
    """A free answer that is only a command word ("skip", "stop") is that command."""
    words = normalise(text)
    for name, phrases in pack.commands.items():
        if any(words == normalise(p) for p in phrases):
            return name
    return None


def choice_vocabulary(pack: LanguagePack) -> tuple[str, ...]:
    """The phrases a yes/no/partly/skip question accepts: its answers and the commands
    it obeys, with "later" given a time (a small grammar is heard more reliably than every
    phrase of the pack)."""
    groups = (*pack.answers.values(), *(pack.commands[c] for c in CONTROL), pack.snooze.spoken)
    return tuple(dict.fromkeys(p for group in groups for p in group))


def said_phrase(parsed: Parsed, pack: LanguagePack) -> str:
    """What to read back for `parsed`: the canonical word of its answer or command, or the
    option it names."""
    if parsed.kind == "option":
        return parsed.value
    groups = pack.answers if parsed.kind == "outcome" else pack.commands
    return groups[parsed.value][0]


def choice_hint(pack: LanguagePack) -> str:
    outcomes = " / ".join(phrases[0] for phrases in pack.answers.values())
    commands = ", ".join(pack.commands[c][0] for c in CONTROL)
    return pack.t("say.choice_hint", outcomes=outcomes, commands=commands)


def unclear_text(pack: LanguagePack, typed: bool, options: tuple[str, ...] = ()) -> str:
    """What to say before asking again: a typed answer was read, so it was not understood
    (rather than not caught); `options` are a pick's options, else the yes/no choices."""
    suffix = "_typed" if typed else ""
    if options:
        return pack.t(f"say.weekly.didnt_understand{suffix}", choices=" / ".join(options))
    return pack.t(f"say.didnt_understand{suffix}", choices=choice_hint(pack))


def parse_pick(text: str, options: tuple[str, ...], pack: LanguagePack) -> Parsed | None:
    """Parse the choice of one of `options` (the user's values): its number (typed), its
    name, or a sentence naming exactly one of them; a command word is that command."""
    words = normalise(text)
    if not words:
        return None
    command = parse_command(text, pack)
    if command is not None:
        return Parsed("command", command)
    if words.isdigit():
        number = int(words)
        return Parsed("option", options[number - 1]) if 1 <= number <= len(options) else None
    exact = [o for o in options if normalise(o) == words]
    if exact:
        return Parsed("option", exact[0])
    named = [o for o in options if _mentions(words, (o,))]
    return Parsed("option", named[0]) if len(named) == 1 else None


def pick_hint(options: tuple[str, ...], pack: LanguagePack) -> str:
    """ "1 honesty / 2 respect   (or repeat, stop, later)": what a typing user may answer."""
    numbered = " / ".join(f"{n} {option}" for n, option in enumerate(options, 1))
    commands = ", ".join(pack.commands[c][0] for c in CONTROL)
    return pack.t("say.choice_hint", outcomes=numbered, commands=commands)


def pick_vocabulary(options: tuple[str, ...], pack: LanguagePack) -> tuple[str, ...]:
    """Every phrase an answer to a pick may use (for a Vosk grammar)."""
    words = [normalise(o) for o in options]
    for group in (*pack.commands.values(), pack.snooze.spoken):
        words += [p for p in group if p not in words]
    return tuple(dict.fromkeys(w for w in words if w))
