"""Whether what was heard is an answer: take it, read it back first, or reject it.

A grammar recogniser always returns one of its phrases, whatever was said. So a choice is
heard twice from the same audio: through the grammar of its phrases (`Heard.text`) and
through the same grammar plus the language pack's FILLERS, everyday words on which speech
that is no answer lands (`Heard.check_text`, with the filler words counted in
`Heard.unmatched`). The rule below was calibrated on the generated voice set of
tests/bench/test_bench_voice_accuracy.py.
"""

from __future__ import annotations

from enum import Enum

from microalign.ports.speech import Heard


class Verdict(Enum):
    ACCEPT = "accept"  # an answer: store it
    CONFIRM = "confirm"  # probably an answer: read it back first ("I heard partly, right?")
    REJECT = "reject"  # no answer: ask again, store nothing


def judge(heard: Heard, meaning: str | None, checked: str | None, whole: bool = True) -> Verdict:
    """The verdict on `heard`, whose text means `meaning` and whose check text means
    `checked` (None: no answer, or no such text); `whole`: its text is made of whole
    answer phrases of one meaning (answers.whole_answer)."""
    if meaning is None:
        return Verdict.REJECT
    if heard.check_text is not None and not whole:
        # Heard through a grammar, yet not as its phrases: fragments strung together.
        return Verdict.REJECT
    if heard.check_text is not None and checked != meaning:
        # With fillers to land on, the speech was heard as another answer or as none:
        # one stray word may be noise around an answer, more is speech of its own.
        if checked is None and heard.unmatched > 1:
            return Verdict.REJECT
        return Verdict.CONFIRM
    if heard.unmatched == 0:
        return Verdict.ACCEPT
    answer_words = len((heard.text if heard.check_text is None else heard.check_text).split())
    # More words that are none than answer words: a sentence that merely contains an
    # answer word ("call me a bit later") is more often no answer than an answer in noise.
    if heard.unmatched > answer_words:
        return Verdict.REJECT
    return Verdict.CONFIRM
