"""Goals, their values and pauses, and the milestones reached with them."""

from __future__ import annotations

from datetime import date
from typing import Any

from microalign.adapters.store.base import StoreBase, now_iso, translate_errors
from microalign.ports.records import Goal, Pause, ReachedMilestone, WeekFocus


class GoalStore(StoreBase):
    # -- goals ---------------------------------------------------------------------------

    def goal(self, goal_id: int) -> Goal | None:
        found = self.row("SELECT * FROM goals WHERE id = ?", (goal_id,))
        return Goal.from_row(found) if found else None

    def goal_state(self, goal_id: int) -> str | None:
        found = self.row("SELECT state FROM goals WHERE id = ?", (goal_id,))
        return found["state"] if found else None

    def goals_in(self, states: tuple[str, ...]) -> list[Goal]:
        marks = ",".join("?" * len(states))
        found = self.rows(f"SELECT * FROM goals WHERE state IN ({marks}) ORDER BY id", states)
        return [Goal.from_row(r) for r in found]

    def add_goal(self, record: dict[str, Any]) -> int:
        stamp = now_iso()
        return self.insert("goals", {"created_at": stamp, "updated_at": stamp} | record)

    def update_goal(self, goal_id: int, changes: dict[str, Any]) -> None:
        self.update("goals", goal_id, changes | {"updated_at": now_iso()})

    def goal_pauses(self) -> list[Pause]:
        found = self.rows("SELECT goal_id, start, end FROM goal_pauses ORDER BY id")
        return [Pause.from_row(r) for r in found]

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

    def value_rows(self) -> dict[str, dict[str, str]]:
        """Every value's key -> its names by language (empty for a value named by its key)."""
        found: dict[str, dict[str, str]] = {}
        for r in self.rows(
            "SELECT v.name AS value, n.language, n.name FROM goal_values v "
            "LEFT JOIN value_names n ON n.value = v.name ORDER BY v.name"
        ):
            names = found.setdefault(r["value"], {})
            if r["language"] is not None:
                names[r["language"]] = r["name"]
        return found

    def add_value(self, name: str) -> bool:
        """False when the value already exists. A built-in value's name in any language
        adds it by its key, named in every language."""
        with translate_errors(self.path), self.conn:
            return self._insert_value(name)

    def _insert_value(self, name: str) -> bool:
        from microalign.i18n import BUILTIN_VALUES, PACKS, builtin_value

        key = builtin_value(name) or name
        added = self.conn.execute(
            "INSERT OR IGNORE INTO goal_values(name, created_at) VALUES (?, ?)", (key, now_iso())
        ).rowcount
        if key in BUILTIN_VALUES:
            for code, pack in PACKS.items():
                self.conn.execute(
                    "INSERT OR IGNORE INTO value_names(value, language, name) VALUES (?, ?, ?)",
                    (key, code, pack.value_name(key)),
                )
        return bool(added)

    def goals_with_value(self, name: str) -> int:
        used = self.row("SELECT count(*) AS n FROM goals WHERE value = ?", (name,))
        return int(used["n"]) if used else 0

    def remove_value(self, name: str) -> None:
        with translate_errors(self.path), self.conn:
            self.conn.execute("DELETE FROM value_names WHERE value = ?", (name,))
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

    def unnotified_milestones(self) -> list[ReachedMilestone]:
        found = self.rows(
            "SELECT m.*, g.text AS goal_text FROM milestones m LEFT JOIN goals g "
            "ON g.id = m.goal_id WHERE m.notified_at IS NULL ORDER BY m.reached_on, m.id"
        )
        return [ReachedMilestone.from_row(r) for r in found]

    def mark_milestone_notified(self, milestone_id: int) -> None:
        self.update("milestones", milestone_id, {"notified_at": now_iso()})

    def milestones(self) -> list[ReachedMilestone]:
        found = self.rows(
            "SELECT m.*, g.text AS goal_text FROM milestones m LEFT JOIN goals g "
            "ON g.id = m.goal_id ORDER BY m.reached_on, m.id"
        )
        return [ReachedMilestone.from_row(r) for r in found]

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

    def week_focus(self, week: date) -> WeekFocus | None:
        """The focus chosen for the week starting on Monday `week`, if any."""
        found = self.row("SELECT * FROM weekly_focus WHERE week = ?", (week.isoformat(),))
        return WeekFocus.from_row(found) if found else None
