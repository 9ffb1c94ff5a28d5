"""Answers: one row per answered step, with its audio, transcript and outcome."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from microalign.adapters.store.base import StoreBase, now_iso, translate_errors
from microalign.ports.records import Answer
from microalign.ports.store import AWAITING_REASON

UNUSED = "#unused"  # step suffix of answers that were commands or not understood
# The fields `history` reads, by the name it gives them, in the order it gives them.
_HISTORY_FIELDS = {
    "id": "a.id",
    "day": "c.day",
    "checkin": "c.name",
    "checkin_status": "c.status",
    "step": "a.step",
    "goal_id": "a.goal_id",
    "prompt": "a.prompt",
    "text": "a.text",
    "outcome": "a.outcome",
    "reason": "a.reason",
    "confidence": "a.confidence",
    "audio_path": "a.audio_path",
    "model": "a.model",
    "status": "a.status",
    "created_at": "a.created_at",
    "goal_text": "g.text",
    "goal_value": "g.value",
    "goal_question": "g.question",
}
HISTORY_COLUMNS = tuple(_HISTORY_FIELDS)  # the fields of `history --json`, in its order


def _history_query(columns: Sequence[str], since: date | None) -> tuple[str, tuple]:
    """SELECT `columns` of the answered steps (commands and misunderstandings left out),
    from `since` on; the caller adds the order."""
    fields = ", ".join(f"{_HISTORY_FIELDS[name]} AS {name}" for name in columns)
    sql = (
        f"SELECT {fields} FROM answers a JOIN checkins c ON c.id = a.checkin_id "
        "LEFT JOIN goals g ON g.id = a.goal_id WHERE a.step NOT LIKE ?"
    )
    params: tuple = (f"%{UNUSED}",)
    if since:
        sql += " AND c.day >= ?"
        params += (since.isoformat(),)
    return sql, params


class AnswerStore(StoreBase):
    def answered_steps(self, checkin_id: int) -> set[str]:
        found = self.rows("SELECT step FROM answers WHERE checkin_id = ?", (checkin_id,))
        return {r["step"] for r in found}

    def reasons_pending(self, checkin_id: int) -> dict[str, int]:
        """step -> answer id of the check-in's stored skips whose reason question was not
        asked yet."""
        found = self.rows(
            "SELECT id, step FROM answers WHERE checkin_id = ? AND awaiting = ? "
            "AND step NOT LIKE ? ORDER BY id",
            (checkin_id, AWAITING_REASON, f"%{UNUSED}"),
        )
        return {r["step"]: r["id"] for r in found}

    def _stored(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Paths inside the data folder are stored relative to it (a copied folder then
        reads its own audio); see audio_file()."""
        data_dir = self.path.parent
        stored = {}
        for key, value in fields.items():
            if isinstance(value, Path):
                value = str(
                    value.relative_to(data_dir) if value.is_relative_to(data_dir) else value
                )
            stored[key] = value
        return stored

    def audio_file(self, stored: str) -> Path:
        """The file an answer's stored audio_path names."""
        return self.path.parent / stored

    def add_answer(self, checkin_id: int, step: str, **fields: Any) -> int:
        stamp = now_iso()
        record = {"checkin_id": checkin_id, "step": step, "status": "final"}
        record |= self._stored(fields) | {"created_at": stamp, "updated_at": stamp}
        return self.insert("answers", record)

    def update_answer(self, answer_id: int, **fields: Any) -> None:
        self.update("answers", answer_id, self._stored(fields) | {"updated_at": now_iso()})

    def set_transcript(
        self,
        answer_id: int,
        text: str,
        confidence: float | None,
        model: str,
        outcome: str | None = None,
    ) -> None:
        changes: dict[str, Any] = {"text": text, "confidence": confidence, "model": model}
        if outcome is not None:
            changes["outcome"] = outcome
        self.update_answer(answer_id, **changes, status="final")

    def set_aside_answer(
        self, answer_id: int, text: str, confidence: float | None, model: str
    ) -> None:
        """A command ("repeat") or an unclear answer: keep its audio and words, but under
        `<step>#unused`, so it neither answers the step nor waits for retranscription.
        Only a pending answer is set aside: one stored as final stays the step's answer."""
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "UPDATE answers SET step = step || ?, text = ?, confidence = ?, model = ?, "
                "status = 'final', updated_at = ? "
                "WHERE id = ? AND status = 'pending' AND step NOT LIKE ?",
                (UNUSED, text, confidence, model, now_iso(), answer_id, f"%{UNUSED}"),
            )

    def answers_for_retranscribe(self, pending_only: bool) -> list[Answer]:
        """The answers with audio to transcribe again, `audio_path` the file's full path."""
        where = "status = 'pending'" if pending_only else "audio_path IS NOT NULL"
        found = self.rows(
            "SELECT id, audio_path, kind, language, status, step, goal_id, text FROM answers "
            f"WHERE {where} AND audio_path IS NOT NULL ORDER BY id"
        )
        return [
            Answer.from_row(r | {"audio_path": str(self.audio_file(r["audio_path"]))})
            for r in found
        ]

    def day_answers(self, day: date, checkin: str | None = None) -> list[Answer]:
        sql = (
            "SELECT a.*, c.name AS checkin, c.day FROM answers a "
            "JOIN checkins c ON c.id = a.checkin_id WHERE c.day = ?"
        )
        params: tuple = (day.isoformat(),)
        if checkin:
            sql += " AND c.name = ?"
            params += (checkin,)
        return [Answer.from_row(r) for r in self.rows(sql + " ORDER BY a.id", params)]

    def goal_outcomes(self) -> dict[int, dict[date, str]]:
        """goal id -> day -> outcome; a later answer for the same day wins."""
        result: dict[int, dict[date, str]] = {}
        days: dict[str, date] = {}  # goals share days: parse each date once
        for r in self.conn.execute(
            "SELECT a.goal_id, c.day, a.outcome FROM answers a "
            "JOIN checkins c ON c.id = a.checkin_id "
            "WHERE a.goal_id IS NOT NULL AND a.outcome IS NOT NULL ORDER BY a.id"
        ):
            day = days.get(r[1]) or days.setdefault(r[1], date.fromisoformat(r[1]))
            result.setdefault(r[0], {})[day] = r[2]
        return result

    def day_outcomes(self, day: date) -> dict[int, str]:
        """goal id -> the outcome answered for `day`; a later answer wins."""
        return {
            r["goal_id"]: r["outcome"]
            for r in self.rows(
                "SELECT a.goal_id, a.outcome FROM answers a "
                "JOIN checkins c ON c.id = a.checkin_id WHERE c.day = ? "
                "AND a.goal_id IS NOT NULL AND a.outcome IS NOT NULL ORDER BY a.id",
                (day.isoformat(),),
            )
        }

    def first_outcome_day(self, goal_id: int) -> date | None:
        """The first day with a recorded outcome for the goal, if any."""
        found = self.row(
            "SELECT MIN(c.day) AS first FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE a.goal_id = ? AND a.outcome IS NOT NULL",
            (goal_id,),
        )
        first = found and found["first"]
        return date.fromisoformat(first) if first else None

    def history(self, since: date | None = None, limit: int | None = None) -> list[Answer]:
        sql, params = _history_query(list(_HISTORY_FIELDS), since)
        sql += " ORDER BY c.day DESC, a.id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [Answer.from_row(r) for r in self.rows(sql, params)]

    def history_values(self, columns: Sequence[str], since: date | None = None) -> list[tuple]:
        """`columns` (names as in `history`) of the same answers, oldest first, as plain
        tuples: an export of ten years needs no dict per row."""
        sql, params = _history_query(columns, since)
        with translate_errors(self.path):
            cursor = self.conn.cursor()
            cursor.row_factory = None  # plain tuples, not the connection's rows
            return cursor.execute(sql + " ORDER BY c.day, a.id", params).fetchall()

    def expired_audio(self, before: date) -> list[Answer]:
        """Transcribed answers (their id, step and audio_path) from check-ins before
        `before`; a pending answer keeps its audio (it still needs Vosk)."""
        found = self.rows(
            "SELECT a.id, a.step, a.audio_path FROM answers a "
            "JOIN checkins c ON c.id = a.checkin_id "
            "WHERE a.audio_path IS NOT NULL AND a.status = 'final' AND c.day < ?",
            (before.isoformat(),),
        )
        return [Answer.from_row(r) for r in found]

    def forget_audio(self, answer_id: int) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute("UPDATE answers SET audio_path = NULL WHERE id = ?", (answer_id,))
