"""A realistic store for the report: goals over several months, a level-up chain, Korean
names and a goal name carrying markup and terminal escapes, written straight into the
database as an older version or another tool could have (nothing cleaned). And
`microalign_at`: the command line as a process whose clock shows a given day."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from microalign.adapters.paths import resolve
from microalign.app.context import App
from tests.harness.cli import Result, run_microalign
from tests.harness.clock import child_env

# Markup, terminal escapes and a word far wider than a phone's screen.
LONG_WORD = "walk-to-the-station-and-back-every-single-morning-before-breakfast"
HOSTILE_GOAL = f"<script>alert(1)</script> \x1b[31mred\x1b[0m \x1b]0;pwned\x07{LONG_WORD}"
FIRST_STEP = "Ask one question in the team meeting"
SECOND_STEP = "Ask two questions in the team meeting"
KOREAN_GOAL = "물 한 잔 마시기"
KOREAN_VALUE = "건강"
# An ordinary Wednesday: the day the report tests are made on.
TODAY = date(2027, 3, 10)
# Outcome of an answered day and how often it is given (the rest are missed by silence).
OUTCOMES = (("kept", 0.66), ("partly", 0.1), ("missed", 0.08), ("rest", 0.06))


def _goal(app: App, text: str, value: str, start: date, **more: object) -> int:
    record = {
        "text": text,
        "value": value,
        "weekdays": "0123456",
        "state": "active",
        "created_on": start.isoformat(),
        "created_at": f"{start.isoformat()}T08:00:00",
        "updated_at": f"{start.isoformat()}T08:00:00",
        **more,
    }
    return app.store.insert("goals", record)


def _answers(app: App, goals: dict[int, tuple[date, date]], today: date, seed: int) -> None:
    """An evening check-in per day; each goal due that day gets a drawn outcome."""
    draw = random.Random(seed)
    first = min(start for start, _ in goals.values())
    day = first
    while day < today:
        checkin = app.store.begin_checkin("evening", day, "text")
        for goal_id, (start, end) in goals.items():
            if not start <= day <= end:
                continue
            roll, outcome = draw.random(), None
            for name, share in OUTCOMES:
                if roll < share:
                    outcome = name
                    break
                roll -= share
            if outcome is None:
                continue  # not answered: a missed day
            app.store.add_answer(
                checkin,
                f"goal:{goal_id}",
                goal_id=goal_id,
                kind="choice",
                prompt="Did you?",
                text=outcome,
                outcome=outcome,
            )
        app.store.finish_checkin(checkin, "done")
        day += timedelta(days=1)


def write_realistic_store(today: date, seed: int = 7) -> None:
    """About five months of answers for four goals, one of them levelled up."""
    app = App(resolve())
    try:
        with app.store.conn:
            for value in ("courage", KOREAN_VALUE, "honesty"):
                app.store.conn.execute(
                    "INSERT OR IGNORE INTO goal_values(name, created_at) VALUES (?, ?)",
                    (value, "2026-01-01T00:00:00"),
                )
        one_start, one_end = today - timedelta(days=150), today - timedelta(days=61)
        one = _goal(
            app, FIRST_STEP, "courage", one_start, state="mastered", ended_on=one_end.isoformat()
        )
        two_start = today - timedelta(days=60)
        two = _goal(app, SECOND_STEP, "courage", two_start, parent_id=one, weekdays="01234")
        water_start = today - timedelta(days=120)
        water = _goal(app, KOREAN_GOAL, KOREAN_VALUE, water_start)
        walk_start = today - timedelta(days=45)
        walk = _goal(app, HOSTILE_GOAL, "honesty", walk_start, weekdays="0246")
        _answers(
            app,
            {
                one: (one_start, one_end),
                two: (two_start, today),
                water: (water_start, today),
                walk: (walk_start, today),
            },
            today,
            seed,
        )
    finally:
        app.close()


def microalign_at(day: date, *args: str, at: str = "14:00:00", timeout: float = 120) -> Result:
    """`microalign ARGS` as a process (and its children) whose clock reads `day` at `at`,
    local time, through libfaketime."""
    env = child_env(datetime.combine(day, time.fromisoformat(at)))
    return run_microalign(*args, env=env, timeout=timeout)
