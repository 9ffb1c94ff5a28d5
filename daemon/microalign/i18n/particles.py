"""Korean particles that depend on the word before them (을/를, 이/가, 은/는, 와/과, 으로/로).

A Korean text writes a particle after a field as its marker, glued to the field or to the
quotes around it: "{path}을(를)", "“{name}”은(는)", "{folder}(으)로". `resolve` replaces each
marker with the one form that fits how the preceding word ends when read aloud:

- Hangul: by the last syllable's final consonant (받침). None takes the second form (를, 가,
  는, 와, 로); any other takes the first (을, 이, 은, 과, 으로), except that 으로/로 takes 로
  after ㄹ as well ("서울로").
- Digits are read as Sino-Korean numbers: 1 일, 3 삼, 6 육, 7 칠, 8 팔, 0 영 end in a consonant
  (1, 7, 8 in ㄹ); 2 이, 4 사, 5 오, 9 구 do not. Trailing zeros are read as 십 (ㅂ), 백 (ㄱ),
  천 (ㄴ), 만 and above (ㄴ): "10을", "20을", "1000은".
- Latin letters as an English word is written in Hangul (외래어 표기법): a final l reads ㄹ
  ("file을", "tool로"), m ㅁ, n ㄴ, ng ㅇ; a silent final e after m, n or l reads the same
  ("time을", "phone은", "file로"); k, ck, p and t after one short vowel read as a final
  consonant ("app을", "chat을"); every other ending gets a vowel added (r: "server를",
  s/x/z/f/v/d/b/g and clusters: "Vosk를", "text를", "desk를").
- A word of capitals (or one letter) is spelled letter by letter: L and R end in ㄹ (엘, 알),
  M and N in ㅁ and ㄴ (엠, 엔); every other letter name ends in a vowel ("USB를", "HTML을").
- Anything else (punctuation, other scripts, nothing at all) counts as ending in a vowel.
  Closing quotes, brackets and punctuation after the word are skipped: "“용기”를".

Standard library only.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

# marker -> (form after a final consonant, form after a vowel); "(이)에요" ends a sentence
# with a field ("“{text}”(이)에요" -> "“걷기”예요", "“책 읽기”예요").
MARKERS: dict[str, tuple[str, str]] = {
    "을(를)": ("을", "를"),
    "이(가)": ("이", "가"),
    "은(는)": ("은", "는"),
    "과(와)": ("과", "와"),
    "와(과)": ("과", "와"),
    "(으)로": ("으로", "로"),
    "(이)에요": ("이에요", "예요"),
    "(이)나": ("이나", "나"),
    "(이)라고": ("이라고", "라고"),
}
_MARKER = re.compile("|".join(re.escape(marker) for marker in MARKERS))
# What may stand between the word and its particle: closing quotes, brackets, dots.
_CLOSERS = "”’\"'`»」』)]}>.…!?"

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the index of ㄹ among the final consonants

NONE, RIEUL, OTHER = "none", "rieul", "other"  # how a word ends when read

_DIGITS = {"0": OTHER, "1": RIEUL, "3": OTHER, "6": OTHER, "7": RIEUL, "8": RIEUL}
_ZEROS = {1: OTHER, 2: OTHER, 3: OTHER}  # 십, 백, 천; 만 and above end in ㄴ too
_LETTER_NAMES = {"L": RIEUL, "R": RIEUL, "M": OTHER, "N": OTHER}
_SHORT_VOWELS = set("aeiou")


def ending(word: str) -> str:
    """How `word` ends when read aloud: NONE (a vowel), RIEUL (ㄹ) or OTHER (a consonant)."""
    word = word.rstrip().rstrip(_CLOSERS).rstrip()
    if not word:
        return NONE
    last = word[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        final = (ord(last) - _HANGUL_FIRST) % 28
        return NONE if final == 0 else RIEUL if final == _RIEUL else OTHER
    if last.isdigit() and last.isascii():
        return _number_ending(re.search(r"[0-9]+$", word).group())  # type: ignore[union-attr]
    if last.isascii() and last.isalpha():
        return _latin_ending(re.search(r"[A-Za-z]+$", word).group())  # type: ignore[union-attr]
    return NONE


def particle(word: str, marker: str) -> str:
    """The form of `marker` ("을(를)", "(으)로", ...) that fits after `word`."""
    after_consonant, after_vowel = MARKERS[marker]
    end = ending(word)
    if end == NONE or (end == RIEUL and marker == "(으)로"):
        return after_vowel
    return after_consonant


def fill(template: str, fields: Mapping[str, Any]) -> str:
    """`template.format(**fields)`, with every particle marker after a field replaced by the
    form that fits the field's value ("{name}”을(를)" with 용기 -> "용기”를")."""
    if _MARKER.search(template) is None:
        return template.format(**fields)
    marked = _Marking().vformat(template, (), fields)
    return _FIELD.sub(_attach, marked).replace(_START, "").replace(_END, "")


_START, _END = "\x00", "\x01"  # around each field's value while particles are chosen
_FIELD = re.compile(
    f"{_START}([^{_START}{_END}]*){_END}([{re.escape(_CLOSERS)}]*)({_MARKER.pattern})"
)


class _Marking(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return _START + super().format_field(value, format_spec) + _END


def _attach(found: re.Match[str]) -> str:
    value, closers, marker = found.group(1), found.group(2), found.group(3)
    return value + closers + particle(value + closers, marker)


def _number_ending(digits: str) -> str:
    significant = digits.rstrip("0")
    zeros = len(digits) - len(significant)
    if not significant:  # "0": 영
        return OTHER
    if zeros == 0:
        return _DIGITS.get(significant[-1], NONE)
    if zeros >= 12:  # 조
        return NONE
    return _ZEROS.get(zeros, OTHER)  # 만 (ㄴ), 억 (ㄱ)


def _latin_ending(letters: str) -> str:
    if len(letters) == 1 or letters.isupper():
        return _LETTER_NAMES.get(letters[-1].upper(), NONE)
    low = letters.lower()
    if low.endswith("ng"):
        return OTHER
    if low[-1] == "e" and len(low) >= 3 and low[-2] in "mnl" and low[-3] in _SHORT_VOWELS:
        low = low[:-1]  # a silent e: "time", "phone", "file"
    last = low[-1]
    if last == "l":
        return RIEUL
    if last in "mn":
        return OTHER
    if last in "kpt":
        stem = re.sub(r"(ck|kk|pp|tt|[kpt])$", "", low)  # "back", "app", "chat"
        if stem and stem[-1] in _SHORT_VOWELS and (len(stem) < 2 or stem[-2] not in _SHORT_VOWELS):
            return OTHER
    return NONE
