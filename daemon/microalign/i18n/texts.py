"""User-facing texts of the terminal and notifications (spoken texts live in language packs)."""

from __future__ import annotations

from microalign.core.safetext import clean

INIT_DONE = """\
microalign is set up.
  config:   {config}
  data:     {data}

Next steps:
  1. Add a micro-goal (small enough to do every day):
       microalign goals add "Ask one question in the team meeting" --value commitment
  2. Try an evening review by typing:   microalign checkin evening --text
  3. See where you stand:               microalign status
  4. Let it run every day:              systemctl --user enable --now microalign
     (see README.md, "Run it every day")"""

INIT_EXISTS = "Kept your existing config {config} (use --force to overwrite it with the defaults)."
CONFIG_OK = "{path}: OK"
CONFIG_DEFAULTS = (
    "{path} does not exist: the defaults are in use (run `microalign init` to write it)."
)
NO_GOALS = 'No micro-goals yet. Add one: microalign goals add "Smile at one person" --value respect'
SLOT_DONE = (
    "The {slot} check-in for {day} is already done. Use --again to answer it once more "
    "(the newer answers count)."
)
CHECKIN_END = {
    "done": "Saved. See `microalign status` for your streaks.",
    "stopped": "Stopped; every answer given so far is saved. Run the same command to finish it.",
    "no_speech": "Ended without an answer; run the same command to try again.",
    "snoozed": "Snoozed; run the same command when you are ready.",
    "already_done": "Another check-in finished this one first; nothing was asked.",
}
VALUE_ADDED = "Added value {name!r}."
VALUE_REMOVED = "Removed value {name!r}."
EXPORTED = "Wrote {count} answers to {path}."
REPORT_WRITTEN = "Wrote the report to {path}; open it in a browser."

MILESTONES = {
    "streak": (
        "{threshold:g} days in a row!",
        "“{goal}” — {threshold:g} days in a row. Small steps, real change.",
    ),
    "strength": (
        "Strong habit",
        "“{goal}” reached a strength of {percent}%. It is becoming part of you.",
    ),
    "perfect_week": ("A perfect week", "Every micro-goal kept, every day of the week. Well done."),
    "checkins": (
        "{threshold:g} check-ins",
        "You have shown up {threshold:g} times. That is what counts.",
    ),
    "mastered": ("Goal mastered", "“{goal}” is now simply who you are."),
    "levelled_up": ("Levelled up", "“{goal}” led to a harder goal. Onwards."),
}
LEVEL_UP_SUGGESTION = (
    "Time to level up?",
    "“{goal}” has held for {days} days. Ready for a slightly harder version?",
)


def milestone_text(kind: str, threshold: float, goal: str | None) -> tuple[str, str]:
    title, body = MILESTONES.get(kind, ("Milestone", "{goal}"))
    fields = {"threshold": threshold, "goal": clean(goal or ""), "percent": round(threshold * 100)}
    return title.format(**fields), body.format(**fields)
