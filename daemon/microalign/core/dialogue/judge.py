"""Whether what was heard is an answer: take it, read it back first, or reject it.

A grammar recogniser always returns one of its phrases, whatever was said. The grammar
therefore also holds filler words (the language pack's FILLERS): speech that is no answer
lands on them, and the listener counts those words in `Heard.unmatched`. The rule below
was calibrated on the generated voice set of tests/bench/test_bench_voice_accuracy.py.
"""

from __future__ import annotations

from enum import Enum

from microalign.ports.speech import Heard


class Verdict(Enum):
    ACCEPT = "accept"  # an answer: store it
    CONFIRM = "confirm"  # probably an answer: read it back first ("I heard partly, right?")
    REJECT = "reject"  # no answer: ask again, store nothing


def judge(heard: Heard, understood: bool) -> Verdict:
    """The verdict on `heard`, whose text (fillers removed) did or did not parse as an
    answer or a command (`understood`)."""
    if not understood:
        return Verdict.REJECT
    answer_words = len(heard.text.split())
    if heard.unmatched == 0:
        return Verdict.ACCEPT
    # Words beside the answer that are none: a sentence that merely contains an answer
    # word ("call me a bit later") is more often no answer than an answer said in noise.
    if heard.unmatched > answer_words:
        return Verdict.REJECT
    return Verdict.CONFIRM
