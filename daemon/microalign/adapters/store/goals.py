"""Goals, their values and pauses, and the milestones reached with them."""

from __future__ import annotations

from datetime import date
from typing import Any

from microalign.adapters.store.base import StoreBase, now_iso, translate_errors


class GoalStore(StoreBase):
    # -- goals ---------------------------------------------------------------------------

    def goal(self, goal_id: int) -> dict[str, Any] | None:
        return self.row("SELECT * FROM goals WHERE id = ?", (goal_id,))

    def goal_state(self, goal_id: int) -> str | None:
        found = self.row("SELECT state FROM goals WHERE id = ?", (goal_id,))
        return found["state"] if found else None

    def goals_in(self, states: tuple[str, ...]) -> list[dict[str, Any]]:
        marks = ",".join("?" * len(states))
        return self.rows(f"SELECT * FROM goals WHERE state IN ({marks}) ORDER BY id", states)

    def add_goal(self, record: dict[str, Any]) -> int:
        return self.insert("goals", record)

    def update_goal(self, goal_id: int, changes: dict[str, Any]) -> None:
        self.update("goals", goal_id, changes)

    def goal_pauses(self) -> list[dict[str, Any]]:
        return self.rows("SELECT goal_id, start, end FROM goal_pauses ORDER BY id")

    def start_pause(self, goal_id: int, day: date) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "INSERT INTO goal_pauses(goal_id, start) VALUES (?, ?)", (goal_id, day.isoformat())
            )

    def end_pause(self, goal_id: int, last: date) -> None:
        """End the goal's open pause on `last`; a pause that would end before it began
        leaves no paused day at all."""
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "UPDATE goal_pauses SET end = ? WHERE goal_id = ? AND end IS NULL",
                (last.isoformat(), goal_id),
            )
            self.conn.execute(
                "DELETE FROM goal_pauses WHERE goal_id = ? AND end < start", (goal_id,)
            )

    # -- values --------------------------------------------------------------------------

    def value_names(self) -> list[str]:
        return [r["name"] for r in self.rows("SELECT name FROM goal_values ORDER BY name")]

    def add_value(self, name: str) -> bool:
        """False when the value already exists."""
        with translate_errors(self.path), self.conn:
            return bool(
                self.conn.execute(
                    "INSERT OR IGNORE INTO goal_values(name, created_at) VALUES (?, ?)",
                    (name, now_iso()),
                ).rowcount
            )

    def goals_with_value(self, name: str) -> int:
        used = self.row("SELECT count(*) AS n FROM goals WHERE value = ?", (name,))
        return int(used["n"]) if used else 0

    def remove_value(self, name: str) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute("DELETE FROM goal_values WHERE name = ?", (name,))

    # -- milestones ----------------------------------------------------------------------

    def milestone_keys(self) -> set[str]:
        return {r["key"] for r in self.rows("SELECT key FROM milestones")}

    def record_milestone(
        self, key: str, kind: str, goal_id: int | None, threshold: float, reached_on: date
    ) -> bool:
        """Store a milestone once; False when it was already there (so nobody notifies twice)."""
        with translate_errors(self.path), self.conn:
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO milestones(key, kind, goal_id, threshold, reached_on, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (key, kind, goal_id, threshold, reached_on.isoformat(), now_iso()),
            )
            return cursor.rowcount == 1

    def unnotified_milestones(self) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT m.*, g.text AS goal_text FROM milestones m LEFT JOIN goals g "
            "ON g.id = m.goal_id WHERE m.notified_at IS NULL ORDER BY m.reached_on, m.id"
        )

    def mark_milestone_notified(self, milestone_id: int) -> None:
        self.update("milestones", milestone_id, {"notified_at": now_iso()})

    def milestones(self) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT m.*, g.text AS goal_text FROM milestones m LEFT JOIN goals g "
            "ON g.id = m.goal_id ORDER BY m.reached_on, m.id"
        )

    # -- weekly focus --------------------------------------------------------------------

    def set_week_focus(
        self,
        week: date,
        value: str | None,
        carry: str | None,
        reviewed_on: date,
        checkin_id: int | None,
    ) -> None:
        """Store (or replace) the focus chosen for the week starting on Monday `week`."""
        with translate_errors(self.path), self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO weekly_focus(week, value, carry, reviewed_on, "
                "checkin_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (week.isoformat(), value, carry, reviewed_on.isoformat(), checkin_id, now_iso()),
            )

    def week_focus(self, week: date) -> dict[str, Any] | None:
        """The focus chosen for the week starting on Monday `week`, if any."""
        return self.row("SELECT * FROM weekly_focus WHERE week = ?", (week.isoformat(),))
