"""English texts of notifications and milestones. Part of en.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    # -- notifications -------------------------------------------------------------------
    "note.missed_title": "{checkin} missed",
    "note.action.start_now": "Start now",
    "note.action.snooze": "Snooze {minutes} min",
    "note.action.skip_today": "Skip today",
    "note.action.level_up": "Level up",
    "note.checkin_start": "Time for your check-in. Listening after the chime.",
    "note.checkin_waiting": "Your check-in is ready and starts when you are back at the computer.",
    "note.checkin_missed": (
        "The check-in did not happen. No problem — pick it up when it suits you."
    ),
    "note.no_answer": "No answer heard, so it stopped here.",
    "note.failed": "It stopped because of an error; every answer given so far is saved.",
    "note.checkin_typed": "{problem} Type it instead: microalign checkin {checkin} --text",
    "note.checkin_typed_invite": (
        "Time for your check-in. Type it in a terminal: microalign checkin {checkin} --text "
        "({problem})"
    ),
    "note.missing_title": {
        "one": "microalign: {count} thing to set up",
        "other": "microalign: {count} things to set up",
    },
    "note.missing_line": "{problem} → {fix}",
    "note.busy": "Another check-in is running; this one waits until it is done.",
    "note.level_up_how": (
        'Describe the harder version: microalign goals level-up {goal_id} "new goal text"'
    ),
    # -- milestones ----------------------------------------------------------------------
    "milestone.goal_title": "“{goal}” — {title}",
    "milestone.streak.title": {"one": "{count} day in a row!", "other": "{count} days in a row!"},
    "milestone.streak.body": {
        "one": "“{goal}” — {count} day in a row. Small steps, real change.",
        "other": "“{goal}” — {count} days in a row. Small steps, real change.",
    },
    "milestone.strength.title": "Strong habit",
    "milestone.strength.body": (
        "“{goal}” reached a strength of {percent}%. It is becoming part of you."
    ),
    "milestone.perfect_week.title": "A perfect week",
    "milestone.perfect_week.body": "Every micro-goal kept, every day of the week. Well done.",
    "milestone.checkins.title": {"one": "{count} check-in", "other": "{count} check-ins"},
    "milestone.checkins.body": {
        "one": "You have shown up {count} time. That is what counts.",
        "other": "You have shown up {count} times. That is what counts.",
    },
    "milestone.mastered.title": "Goal mastered",
    "milestone.mastered.body": "“{goal}” is now simply who you are.",
    "milestone.levelled_up.title": "Levelled up",
    "milestone.levelled_up.body": "“{goal}” led to a harder goal. Onwards.",
    "milestone.other.title": "Milestone",
    "milestone.other.body": "{goal}",
    "milestone.level_up_suggestion.title": "Time to level up?",
    "milestone.level_up_suggestion.body": {
        "one": "“{goal}” has held for {count} day. Ready for a slightly harder version?",
        "other": "“{goal}” has held for {count} days. Ready for a slightly harder version?",
    },
}
