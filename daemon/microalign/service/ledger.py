"""The store as the daemon's Ledger. It lives on the loop's thread with its own App (a
sqlite3 connection belongs to one thread)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from microalign.app import notes
from microalign.app.context import App
from microalign.app.notes import milestone_text
from microalign.core.vocabulary import Key
from microalign.i18n import get_pack
from microalign.ports.daemon import Pending
from microalign.ports.records import ReachedMilestone

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.config import Config

LEVEL_UP_SUGGESTION = "level_up_suggestion"


class StoreLedger:
    def __init__(self, paths: Paths, config: Callable[[], Config] | None = None) -> None:
        self.app = App(paths)
        self.app.store  # noqa: B018 - open (and migrate) now: readiness means the store is up
        # The daemon's current (reloaded) config; without one, the config file's.
        self._config = config or (lambda: self.app.config)

    def checkin_status(self, day: date, name: str) -> str | None:
        return self.app.store.checkin_status(day, name)

    def record_checkin(self, day: date, name: str, status: str) -> None:
        self.app.store.record_checkin(day, name, status)

    def reap(self) -> list[Key]:
        return [(claimed.day, claimed.name) for claimed in self.app.store.reap_dead_claims()]

    def requests(self) -> list[tuple[date, str, str, datetime | None]]:
        return [(r.day, r.name, r.kind, r.until) for r in self.app.store.checkin_requests()]

    def set_request(self, key: Key, kind: str, until: datetime | None) -> None:
        self.app.store.set_checkin_request(key[0], key[1], kind, until)

    def clear_request(self, key: Key) -> None:
        self.app.store.clear_checkin_request(*key)

    def forget_requests_before(self, day: date) -> None:
        self.app.store.forget_checkin_requests_before(day)

    def first_start(self, now: datetime) -> datetime:
        return self.app.store.daemon_first_start(now)

    def pending_notes(self, suggest: bool) -> list[Pending]:
        config = self._config()
        lang = get_pack(config.general.language)
        if suggest:
            self._suggest_level_ups(config)
        found = []
        for row in self.app.store.unnotified_milestones():
            goal = row.goal_text
            if row.kind == LEVEL_UP_SUGGESTION:
                note = notes.level_up_suggestion(lang, goal or "", int(row.threshold))
            else:
                title, body = milestone_text(lang, row.kind, row.threshold, goal)
                note = notes.milestone(lang, title, body, self._can_level_up(row, config))
            found.append(Pending(row.id, note, row.goal_id))
        return found

    def _can_level_up(self, row: ReachedMilestone, config: Config) -> bool:
        if row.kind != "streak" or row.goal_id is None:
            return False
        if row.threshold < config.streaks.level_up_after_days:
            return False
        return self.app.store.goal_state(row.goal_id) == "active"

    def _suggest_level_ups(self, config: Config) -> None:
        """Record a level-up suggestion (once per goal) for goals whose streak reached the
        configured length. When that length is also a streak milestone, the milestone's
        notification carries the Level up action instead."""
        from microalign.app.progress import goal_progress
        from microalign.core.goals import level_up_due

        days = config.streaks.level_up_after_days
        if days in config.milestones.streak_days:
            return
        self.app.__dict__["config"] = config  # goal_progress reads the rules from app.config
        today = self.app.today()
        for progress in goal_progress(self.app, today, ("active",)):
            if level_up_due(progress.summary, days):
                goal_id = progress.goal.id
                self.app.store.record_milestone(
                    f"level-up-suggestion:{goal_id}", LEVEL_UP_SUGGESTION, goal_id, days, today
                )

    def mark_notified(self, note_id: Any) -> None:
        self.app.store.mark_milestone_notified(note_id)

    def close(self) -> None:
        self.app.close()
