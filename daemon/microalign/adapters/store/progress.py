"""The progress cache (m005): per goal, figures computed for one day, rules and revision."""

from __future__ import annotations

import json
import logging
from typing import Any

from microalign.adapters.store.base import StoreBase, translate_errors
from microalign.adapters.store.connect import operational_errors

log = logging.getLogger(__name__)


class ProgressStore(StoreBase):
    def progress_revision(self) -> int:
        """Bumped by every change to answers, check-ins, goals and pauses (triggers)."""
        with translate_errors(self.path):
            row = self.conn.execute("SELECT n FROM progress_revision WHERE id = 1").fetchone()
        return int(row[0]) if row else -1

    def cached_progress(self, today: str, rules: str, revision: int) -> dict[int, dict[str, Any]]:
        """goal id -> cached figures still valid for `today`, `rules` and `revision`."""
        found = {}
        for r in self.rows(
            "SELECT goal_id, summary, strength, start, states FROM progress_cache "
            "WHERE today = ? AND rules = ? AND revision = ?",
            (today, rules, revision),
        ):
            found[r["goal_id"]] = {
                "summary": json.loads(r["summary"]),
                "strength": r["strength"],
                "start": r["start"],
                "states": r["states"],
            }
        return found

    def save_progress(
        self, today: str, rules: str, revision: int, entries: dict[int, dict[str, Any]]
    ) -> None:
        """Replace the cache; a database that cannot be written to just stays uncached."""
        rows = [
            (
                goal_id,
                today,
                rules,
                revision,
                json.dumps(e["summary"]),
                e["strength"],
                e["start"],
                e["states"],
            )
            for goal_id, e in entries.items()
        ]
        try:
            with self.conn:
                self.conn.execute("DELETE FROM progress_cache")
                self.conn.executemany(
                    "INSERT INTO progress_cache (goal_id, today, rules, revision, summary, "
                    "strength, start, states) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except operational_errors() as exc:  # read-only, locked: the figures stand
            log.debug("progress cache not saved in %s: %s", self.path, exc)
