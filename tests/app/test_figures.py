"""The progress cache (app/figures.py) gives exactly what the full replay (app/progress.py)
gives, on random stores; and any write, a new day or other rules make it compute afresh."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from microalign.adapters.store import now_iso
from microalign.app import figures
from microalign.app.figures import goal_figures
from microalign.app.progress import goal_progress

TODAY = date(2026, 11, 23)
OUTCOMES = ("kept", "partly", "missed", "rest")


def random_store(app, seed: int) -> None:
    """Goals in every state with random weekdays, pauses and answers (some answered twice)."""
    rng = random.Random(seed)
    conn = app.store.conn
    with conn:
        for g in range(rng.randint(1, 5)):
            start = TODAY - timedelta(days=rng.randint(0, 400))
            state = rng.choice(("active", "active", "paused", "mastered", "retired"))
            ended = None
            if state in ("mastered", "retired"):
                ended = (start + timedelta(days=rng.randint(0, (TODAY - start).days))).isoformat()
            weekdays = "".join(sorted(rng.sample("0123456", rng.randint(1, 7))))
            conn.execute(
                "INSERT INTO goals(text, weekdays, state, created_on, ended_on, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (f"goal {g}", weekdays, state, start.isoformat(), ended, now_iso()),
            )
            goal_id = conn.execute("SELECT max(id) FROM goals").fetchone()[0]
            for _ in range(rng.randint(0, 2)):
                lo = start + timedelta(days=rng.randint(0, 300))
                hi = None if rng.random() < 0.3 else lo + timedelta(days=rng.randint(0, 30))
                conn.execute(
                    "INSERT INTO goal_pauses(goal_id, start, end) VALUES (?, ?, ?)",
                    (goal_id, lo.isoformat(), hi.isoformat() if hi else None),
                )
            day = start
            while day <= TODAY:
                for _ in range(rng.choice((0, 1, 1, 1, 2))):
                    answer(conn, goal_id, day, rng.choice(OUTCOMES))
                day += timedelta(days=rng.randint(1, 3))


def answer(conn, goal_id: int, day: date, outcome: str) -> None:
    cur = conn.execute(
        "INSERT INTO checkins(name, day, status, source, started_at) "
        "VALUES ('evening', ?, 'done', 'text', ?)",
        (day.isoformat(), now_iso()),
    )
    conn.execute(
        "INSERT INTO answers(checkin_id, step, goal_id, kind, text, outcome, status, created_at) "
        "VALUES (?, ?, ?, 'choice', 'x', ?, 'final', ?)",
        (cur.lastrowid, f"goal:{goal_id}", goal_id, outcome, now_iso()),
    )


def replayed(app, today: date = TODAY):
    return [(p.as_dict(), p.summary, p.days) for p in goal_progress(app, today)]


def cached(app, today: date = TODAY, since: date | None = None):
    return [(p.as_dict(), p.summary, p.days) for p in goal_figures(app, today, since=since)]


def no_replay(monkeypatch) -> None:
    """Fault injection: a cache miss would replay, and fail."""

    def fail(*args, **kwargs):
        raise AssertionError("the progress cache was not used")

    monkeypatch.setattr(figures, "goal_progress", fail)


@pytest.mark.parametrize("seed", range(25))
def test_figures_random_store_cached_equals_replayed_first_and_second_time(app, monkeypatch, seed):
    random_store(app, seed)
    expected = replayed(app)
    assert cached(app) == expected  # computed and stored
    no_replay(monkeypatch)
    assert cached(app) == expected  # read back
    since = TODAY - timedelta(days=40)
    assert cached(app, since=since) == [
        (d, s, [(day, state) for day, state in days if day >= since]) for d, s, days in expected
    ]


@pytest.mark.parametrize("seed", range(10))
def test_figures_answer_written_after_caching_recomputed(app, seed):
    random_store(app, seed)
    cached(app)
    goal_id = goal_progress(app, TODAY)[0].goal.id
    with app.store.conn as conn:
        answer(conn, goal_id, TODAY, "missed")
    assert cached(app) == replayed(app)


def test_figures_goal_paused_after_caching_recomputed(app):
    random_store(app, 3)
    before = cached(app)
    goal_id = before[0][0]["id"]
    with app.store.conn as conn:
        conn.execute("DELETE FROM goal_pauses")
        conn.execute("UPDATE goals SET weekdays = '0' WHERE id = ?", (goal_id,))
    assert cached(app) == replayed(app) != before


def test_figures_next_day_recomputed_not_read_back(app):
    app.goals.add("Walk", None, None, None, TODAY - timedelta(days=3))
    with app.store.conn as conn:
        answer(conn, 1, TODAY, "kept")
    assert cached(app)[0][0]["streak"] == 1
    tomorrow = TODAY + timedelta(days=1)
    assert cached(app, tomorrow) == replayed(app, tomorrow)
    assert cached(app, tomorrow)[0][2][-1][1] == "pending"


def test_figures_other_rules_recomputed(app):
    app.goals.add("Walk", None, None, None, TODAY - timedelta(days=2))
    with app.store.conn as conn:
        for days_ago, outcome in ((2, "kept"), (1, "missed"), (0, "kept")):
            answer(conn, 1, TODAY - timedelta(days=days_ago), outcome)
    assert cached(app)[0][0]["streak"] == 2  # the miss is a freeze day
    strict = app.config.streaks.model_copy(update={"freeze_days_per_week": 0})
    app.__dict__["config"] = app.config.model_copy(update={"streaks": strict})
    assert cached(app)[0][0]["streak"] == 1
    assert cached(app) == replayed(app)
