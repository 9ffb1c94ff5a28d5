"""The answer and check-in records: built from stored rows, given back as stored."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from microalign.ports.records import Answer, CheckinRequest, Claimed


def test_answer_from_row_iso_day_read_as_date():
    row = {"id": 3, "step": "feeling", "day": "2026-03-01", "checkin": "evening", "text": "calm"}
    answer = Answer.from_row(row)
    assert (answer.day, answer.checkin, answer.text) == (date(2026, 3, 1), "evening", "calm")


def test_answer_from_row_unknown_columns_ignored():
    answer = Answer.from_row({"id": 1, "step": "feeling", "slot": "evening", "rowid": 9})
    assert answer == Answer(1, "feeling")


def test_answer_to_row_day_given_back_as_iso_text():
    row = {"id": 3, "step": "goal:1", "day": "2026-03-01", "outcome": "kept", "confidence": 0.5}
    stored = Answer.from_row(row).to_row()
    assert {k: stored[k] for k in row} == row
    assert stored["audio_path"] is None


def test_answer_frozen_assignment_raises():
    answer = Answer(1, "feeling")
    with pytest.raises(AttributeError):
        answer.text = "changed"  # type: ignore[misc]


def test_checkin_request_from_row_until_read_as_datetime():
    until = "2026-03-02T20:20:00+00:00"
    row = {"day": "2026-03-02", "name": "evening", "kind": "snooze", "until": until}
    request = CheckinRequest.from_row(row)
    assert request == CheckinRequest(
        date(2026, 3, 2), "evening", "snooze", datetime(2026, 3, 2, 20, 20, tzinfo=UTC)
    )
    assert request.to_row() == row


def test_checkin_request_from_row_no_until_stays_none():
    row = {"day": "2026-03-02", "name": "lunch", "kind": "now", "until": None}
    assert CheckinRequest.from_row(row).until is None


def test_claimed_from_row_day_read_as_date():
    row = {"id": 2, "day": "2026-03-02", "name": "lunch", "owner": "boot:1:1"}
    assert Claimed.from_row(row) == Claimed(2, date(2026, 3, 2), "lunch", "boot:1:1")
