"""Adding an import's goals and answers: all of it in one transaction, nothing twice.

What is there already is recognised by what it says, so importing a file again (or a
later export of the same tool, which repeats the earlier days) adds only what is new: a
goal by its text (as goals are compared: case, spaces and full-width letters aside), a
goal's day by the goal having an outcome that day, any other answer by its day, check-in,
time, prompt and text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from microalign.adapters.store.base import StoreBase, now_iso, translate_errors
from microalign.core.goals import HARD_GOAL_LIMIT, text_key
from microalign.ports.imported import GoalPlan, GoalSummary, Plan, Row, Summary


class ImportStore(StoreBase):
    def apply_import(self, plan: Plan, dry_run: bool, today: date) -> Summary:
        """Add what `plan` holds that the store does not; with `dry_run`, only count it
        (the same work, rolled back). A goal beyond the active limit comes paused from
        `today` on."""
        with translate_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                summary = _Importer(self.conn, today).run(plan)
            except BaseException:
                self.conn.rollback()
                raise
            if dry_run:
                self.conn.rollback()
            else:
                self.conn.commit()
        return summary


class _Importer:
    def __init__(self, conn: Any, today: date) -> None:
        self.conn, self.today = conn, today
        self.goals: dict[str, int] = {}  # text key -> goal id
        self.summaries: dict[str, GoalSummary] = {}
        self.checkins: dict[tuple[str, str], int] = {}
        self.days_with_outcome: dict[int, set[str]] = {}

    def run(self, plan: Plan) -> Summary:
        summary = Summary()
        existing = {text_key(r[1]): r[0] for r in self.conn.execute("SELECT id, text FROM goals")}
        for goal in plan.goals:
            key = text_key(goal.text)
            if key in self.goals:
                continue
            new = key not in existing
            self.goals[key] = self._add_goal(goal) if new else existing[key]
            self.summaries[key] = GoalSummary(goal.text, goal.created_on, new)
            summary.goals.append(self.summaries[key])
        for row in plan.rows:
            if row.goal is not None:
                self._add_goal_day(row)
            elif self._add_other(row):
                summary.notes += 1
        return summary

    def _add_goal(self, goal: GoalPlan) -> int:
        if goal.value is not None:
            self.conn.execute(
                "INSERT OR IGNORE INTO goal_values(name, created_at) VALUES (?, ?)",
                (goal.value, now_iso()),
            )
        state = goal.state
        (active,) = self.conn.execute(
            "SELECT count(*) FROM goals WHERE state = 'active'"
        ).fetchone()
        if state == "active" and active >= HARD_GOAL_LIMIT:
            state = "paused"  # kept with its history; `goals resume` once there is room
        wanted = goal.wanted_id
        if (
            wanted is not None
            and self.conn.execute("SELECT 1 FROM goals WHERE id = ?", (wanted,)).fetchone()
        ):
            wanted = None
        stamp = now_iso()
        cursor = self.conn.execute(
            "INSERT INTO goals(id, text, value, question, weekdays, state, created_on, "
            "ended_on, created_at, updated_at) VALUES (?, ?, ?, ?, '0123456', ?, ?, ?, ?, ?)",
            (
                wanted,
                goal.text,
                goal.value,
                goal.question,
                state,
                goal.created_on.isoformat(),
                goal.ended_on.isoformat() if goal.ended_on else None,
                stamp,
                stamp,
            ),
        )
        goal_id = int(cursor.lastrowid or 0)
        if state == "paused":
            self.conn.execute(
                "INSERT INTO goal_pauses(goal_id, start) VALUES (?, ?)",
                (goal_id, self.today.isoformat()),
            )
        return goal_id

    def _outcome_days(self, goal_id: int) -> set[str]:
        found = self.days_with_outcome.get(goal_id)
        if found is None:
            found = self.days_with_outcome[goal_id] = {
                r[0]
                for r in self.conn.execute(
                    "SELECT c.day FROM answers a JOIN checkins c ON c.id = a.checkin_id "
                    "WHERE a.goal_id = ? AND a.outcome IS NOT NULL",
                    (goal_id,),
                )
            }
        return found

    def _add_goal_day(self, row: Row) -> None:
        key = text_key(row.goal or "")
        goal_id = self.goals[key]
        day = row.day.isoformat()
        days = self._outcome_days(goal_id)
        if row.outcome is not None and day in days:
            return
        if row.outcome is None and self._exists(row):
            return
        # `days` stays what the store held before: a file may answer a day twice (a
        # check-in answered again), and both answers come over.
        self._insert(row, goal_id, f"goal:{goal_id}")
        if row.outcome is not None:
            self.summaries[key].outcomes[row.outcome] += 1

    def _exists(self, row: Row) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM answers a JOIN checkins c ON c.id = a.checkin_id "
                "WHERE c.day = ? AND c.name = ? AND a.created_at IS ? AND a.prompt IS ? "
                "AND a.text IS ? LIMIT 1",
                (row.day.isoformat(), row.checkin, row.created_at, row.prompt, row.text),
            ).fetchone()
            is not None
        )

    def _add_other(self, row: Row) -> bool:
        if self._exists(row):
            return False
        self._insert(row, None, row.step)
        return True

    def _checkin(self, row: Row) -> int:
        key = (row.day.isoformat(), row.checkin)
        found = self.checkins.get(key)
        if found is None:
            existing = self.conn.execute(
                "SELECT id FROM checkins WHERE day = ? AND name = ? AND status = 'done' "
                "ORDER BY id LIMIT 1",
                key,
            ).fetchone()
            if existing is not None:
                found = int(existing[0])
            else:
                cursor = self.conn.execute(
                    "INSERT INTO checkins(name, day, status, source, started_at, finished_at) "
                    "VALUES (?, ?, 'done', 'import', ?, ?)",
                    (row.checkin, key[0], row.created_at, row.created_at),
                )
                found = int(cursor.lastrowid or 0)
            self.checkins[key] = found
        return found

    def _insert(self, row: Row, goal_id: int | None, step: str) -> None:
        self.conn.execute(
            "INSERT INTO answers(checkin_id, step, goal_id, kind, prompt, text, outcome, "
            "reason, confidence, audio_path, model, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self._checkin(row),
                step,
                goal_id,
                row.kind,
                row.prompt,
                row.text,
                row.outcome,
                row.reason,
                row.confidence,
                row.audio_path,
                row.model,
                row.status,
                row.created_at,
                now_iso(),
            ),
        )
