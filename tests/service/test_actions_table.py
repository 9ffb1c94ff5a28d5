"""Notification actions are dispatched through a table: every action a notification
offers has a handler, and an unknown one is logged, not raised."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.presence import AlwaysPresent
from microalign.app import notes
from microalign.i18n import EN
from microalign.ports.notify import LEVEL_UP, SKIP_TODAY, SNOOZE, START_NOW, Note
from microalign.service import compose
from microalign.service.daemon import Daemon
from tests.harness.daemon import checkins_toml, write_config

KEY = (date(2026, 5, 4), "morning")
GOAL = 7


@pytest.fixture
def daemon(home):
    write_config(resolve(), checkins_toml("07:30"))
    paths = resolve()
    from microalign import config as configuration

    built = compose.make_daemon(
        paths, configuration.load(paths.config_file), presence=AlwaysPresent()
    )
    yield built
    built.ledger.close()


def _keys(*made: Note) -> set[str]:
    return {action.key for note in made for action in note.actions}


def test_actions_table_every_offered_action_has_a_handler(daemon: Daemon):
    checkin_notes = _keys(
        notes.checkin_missed(EN, "morning", 15),
        notes.checkin_waiting(EN, "morning", 15),
        notes.checkin_missed(EN, "evening", 15, "note.failed"),
    )
    goal_notes = _keys(
        notes.milestone(EN, "7 days", "kept", can_level_up=True),
        notes.level_up_suggestion(EN, "harder", 21),
    )
    assert checkin_notes == {START_NOW, SNOOZE, SKIP_TODAY}
    assert goal_notes == {LEVEL_UP}
    assert checkin_notes <= set(daemon.actions.for_checkin)
    assert goal_notes <= set(daemon.actions.for_goal)
    assert set(daemon.actions.handlers()) == checkin_notes | goal_notes


def test_actions_table_unknown_action_logged_not_raised(daemon: Daemon, caplog):
    with caplog.at_level(logging.WARNING, logger="microalign.service.actions"):
        daemon.act(KEY, "self-destruct")
        daemon.act(GOAL, SNOOZE)  # a check-in action for a goal: no handler for goals
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("Unknown notification action" in w for w in warnings)
    assert daemon.fired == [(KEY, "action:self-destruct"), (GOAL, f"action:{SNOOZE}")]
    assert daemon.requests.snoozed == {} and daemon.requests.forced == set()
    assert daemon.ledger.checkin_status(*KEY) is None


def test_actions_table_skip_today_records_skipped(daemon: Daemon):
    daemon.act(KEY, SKIP_TODAY)
    assert daemon.ledger.checkin_status(*KEY) == "skipped"
