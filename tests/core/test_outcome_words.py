"""One answer <-> outcome map: what the dialogue stores is what export and the terminal
read back as the answer word."""

from __future__ import annotations

from microalign.app.export import answer_text
from microalign.core.outcomes import ANSWER_TO_OUTCOME, OUTCOME_TO_ANSWER, Outcome
from microalign.ports.records import Answer


def test_outcome_to_answer_inverts_answer_to_outcome():
    assert {OUTCOME_TO_ANSWER[str(o)]: o for o in Outcome} == ANSWER_TO_OUTCOME


def test_outcome_to_answer_stored_outcome_exported_as_answer_word():
    row = Answer(1, "goal:1", outcome="rest", text="skip it")
    assert answer_text(row) == "skip"
