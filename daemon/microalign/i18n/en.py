"""English: every user-facing text (spoken, terminal, notifications, errors).

A text is a str, or for counted things a dict of plural forms ("one", "other") chosen by
`plural(count)`. Keys are shared by every language (tests/unit/test_i18n.py checks them).
"""

from __future__ import annotations

from typing import Any

from microalign.i18n import (
    en_causes,
    en_cli,
    en_config,
    en_crypt,
    en_data,
    en_notes,
    en_report,
    en_service,
    en_spoken,
    en_system,
    en_terminal,
)

CODE = "en"
NAME = "English"
VOICE = "en-us"  # espeak-ng voice name
RATE = 165  # words per minute

# outcome -> accepted words/phrases; the first one is the canonical one (prompts offer it)
ANSWERS: dict[str, tuple[str, ...]] = {
    "yes": ("yes", "yeah", "yep", "done", "i did"),
    "no": ("no", "nope", "not today", "i did not"),
    "partly": ("partly", "partially", "a bit", "half", "sort of"),
    "skip": ("skip", "rest", "rest day"),
}
# More words a typed answer may use: kept out of the speech grammar, where every extra word
# changes what the recogniser hears.
TYPED_ANSWERS: dict[str, tuple[str, ...]] = {"yes": ("y", "yup"), "no": ("n", "nah")}
# command -> words/phrases; "skip" doubles as the rest-day answer in goal questions
COMMANDS: dict[str, tuple[str, ...]] = {
    "repeat": ("repeat", "again", "say again", "pardon"),
    "skip": ("skip", "next"),
    "stop": ("stop", "quit", "that's all", "enough"),
    "later": ("later", "not now", "snooze"),
}
# Words a yes/no grammar also holds so that speech which is no answer lands on them, not on
# the nearest answer (see core/dialogue/judge.py): everyday words of several sounds, none of
# them an answer or a command, nor close to one.
FILLERS = (
    "the", "what", "um", "uh", "hmm", "well", "maybe", "think", "know", "like", "just",
    "yesterday", "tomorrow", "morning", "evening", "weather", "time", "people", "because",
    "something", "really", "actually", "please", "thank", "you", "hello", "coffee", "water",
    "dinner", "lunch", "music", "phone", "call", "work", "home", "family", "friend",
    "school", "money", "book", "window", "table", "computer", "television", "where",
    "when", "who", "why", "how", "there", "here", "very", "much", "many", "little",
    "always", "never", "tell", "me", "about", "going", "want", "need", "make", "take",
)  # fmt: skip
INTENTION_PROMPTS = (
    "What is one thing you want to do today that fits who you want to be?",
    "Which small choice today would make you proud tonight?",
    "What is your intention for today?",
)
EXTRA_PROMPTS = ("What is one small win from today?", "What got in your way today?")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# "Later" with a time ("in twenty minutes", "in an hour and a half"): parsed by
# microalign.core.dialogue.snooze. {amount} is a number and a unit, or one of `amounts`;
# a `halves` word after the unit adds half of it. `spoken` are the phrases the speech
# grammar offers (typed answers may use any form).
_ONES = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
SNOOZE: dict[str, Any] = {
    "numbers": {
        "a": 1,
        "an": 1,
        "a couple of": 2,
        **{word: n for n, word in enumerate(_ONES, 1)},
        **_TENS,
        **{f"{t} {o}": v + n for t, v in _TENS.items() for n, o in enumerate(_ONES[:9], 1)},
        "sixty": 60,
        "ninety": 90,
    },
    "units": {"minute": 1, "minutes": 1, "min": 1, "mins": 1, "hour": 60, "hours": 60},
    "halves": ("and a half",),
    "amounts": {"half an hour": 30, "a half hour": 30, "half hour": 30},
    "joiners": ("and",),
    "forms": (
        "in {amount}",
        "{amount} later",
        "after {amount}",
        "in about {amount}",
        "later in {amount}",
        "again in {amount}",
        "ask again in {amount}",
        "ask me in {amount}",
        "ask me again in {amount}",
        "come back in {amount}",
        "snooze {amount}",
        "snooze for {amount}",
        "wait {amount}",
        "give me {amount}",
    ),
    "spoken": (
        "in five minutes",
        "in ten minutes",
        "in fifteen minutes",
        "in twenty minutes",
        "in thirty minutes",
        "in half an hour",
        "in an hour",
        "in two hours",
    ),
}


def plural(count: int) -> str:
    return "one" if count == 1 else "other"


def clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


TEXTS: dict[str, str | dict[str, str]] = {
    # -- names shown in several places ---------------------------------------------------
    "checkin.morning": "morning",
    "checkin.evening": "evening",
    "checkin_title.morning": "Morning reflection",
    "checkin_title.evening": "Evening review",
    "checkin.weekly": "weekly",
    "checkin_title.weekly": "Weekly review",
    "checkin_title.custom": "{name} check-in",
    "checkin_title.custom_flow": "{name} — {kind}",
    "checkin_state.none": "not yet",
    "checkin_state.running": "running",
    "checkin_state.done": "done",
    "checkin_state.stopped": "stopped",
    "checkin_state.interrupted": "interrupted",
    "checkin_state.no_speech": "no answer",
    "checkin_state.snoozed": "snoozed",
    "checkin_state.missed": "missed",
    "checkin_state.skipped": "skipped",
    "goal_state.active": "active",
    "goal_state.paused": "paused",
    "goal_state.mastered": "mastered",
    "goal_state.retired": "retired",
    "outcome.kept": "yes",
    "outcome.partly": "partly",
    "outcome.missed": "no",
    "outcome.rest": "skip",
    "days.daily": "daily",
    # -- exports -------------------------------------------------------------------------
    "export.journal_title": "microalign journal",
    "export.audio_pending": "(audio not transcribed yet)",
    # -- errors: "error.<key>" is the message, "hint.<key>" how to fix it ----------------
    "error.no_goal": "There is no goal {goal_id}.",
    "hint.no_goal": "See `microalign goals list --all`.",
    "error.goal_text_empty": "The goal text is empty.",
    "hint.goal_text_empty": 'Say what you will do, e.g. "Ask one question".',
    "error.goal_text_long": "The goal text is {length} characters long (at most {limit}).",
    "hint.goal_text_long": "Micro-goals work best when small: shorten it.",
    "error.question_empty": "The question is empty.",
    "hint.question_empty": 'Ask it the way you want to hear it, e.g. "Did you stretch today?".',
    "error.question_long": "The question is {length} characters long (at most {limit}).",
    "hint.question_long": "Shorten it: it is asked every evening.",
    "error.unknown_weekday": "Unknown weekday '{part}' in --days '{spec}'.",
    "hint.unknown_weekday": "Use names like mon,wed,fri, or daily, weekdays, weekends.",
    # The built-in values' names (a value's key stays the same in every language).
    "value.honesty": "honesty",
    "value.respect": "respect",
    "value.compassion": "compassion",
    "value.commitment": "commitment",
    "value.courage": "courage",
    "error.value_empty": "The value name is empty.",
    "hint.value_empty": "Give a word such as honesty.",
    "error.value_exists": "The value '{name}' already exists.",
    "hint.value_exists": "See `microalign values` for your values.",
    "error.value_used": {
        "one": "The value '{name}' is used by {count} goal.",
        "other": "The value '{name}' is used by {count} goals.",
    },
    "hint.value_used": "Change those goals first: microalign goals edit ID --value OTHER.",
    "error.unknown_value": "Unknown value '{name}'. Known values: {known}.",
    "hint.unknown_value": "Add it first: microalign values add {clean}",
    "error.nothing_to_change": "Nothing to change.",
    "hint.nothing_to_change": "Give --text, --ask, --value, --area or --days.",
    "error.not_a_date": "{option} '{value}' is not a date.",
    "hint.not_a_date": "Use YYYY-MM-DD, e.g. 2026-11-20.",
    "error.future_date": "{option} {day} is in the future.",
    "hint.future_date": "Give today or a past day.",
    "error.date_too_old": "{option} {day} is more than {limit} days ago.",
    "hint.date_too_old": "Give a day from {earliest} to {today}; check the year.",
    "error.checkin_busy": "The {checkin} check-in of {day} is already running elsewhere.",
    "hint.checkin_busy": (
        'Finish or stop the running check-in first (say "stop" or press Ctrl-C there).'
    ),
    "error.checkin_locked": "A check-in is already running (pid {holder}).",
    "hint.checkin_locked": (
        'Finish or stop the running check-in first (say "stop" or press Ctrl-C there).'
    ),
    "error.daemon_locked": "The microalign daemon is already running (pid {holder}).",
    "hint.daemon_locked": (
        "Only one daemon runs per user: see `systemctl --user status microalign`."
    ),
    "error.goal_ended": "{goal} is {state}; {state} goals cannot be {action}.",
    "hint.goal_ended": "Add a new goal instead (`microalign goals add`).",
    "error.goal_paused_level_up": "{goal} is paused; a paused goal cannot be levelled up.",
    "hint.goal_paused_level_up": "Resume it first (`microalign goals resume`), then level it up.",
    "error.goal_duplicate": "Goal {goal_id} already says “{text}”.",
    "hint.goal_duplicate": (
        "Two active goals cannot share a text. Answer goal {goal_id} in the evening, or "
        'change its wording: microalign goals edit {goal_id} --text "..."'
    ),
    "error.goal_duplicate_paused": "Goal {goal_id}, paused, already says “{text}”.",
    "hint.goal_duplicate_paused": "Resume it instead: microalign goals resume {goal_id}",
    "error.level_up_same_text": (
        "“{text}” is the same text as goal {goal_id}: a level-up needs a new goal."
    ),
    "hint.level_up_same_text": (
        'Describe the slightly harder version: microalign goals level-up {goal_id} "..."'
    ),
    "error.start_after_answers": (
        "Goal {goal_id} has answers from {first} on: its start cannot move to {day}."
    ),
    "hint.start_after_answers": "Give {first} or an earlier day.",
    "error.goal_already_paused": "{goal} is already paused.",
    "hint.goal_already_paused": "Resume it to make it active.",
    "error.goal_already_active": "{goal} is already active.",
    "hint.goal_already_active": "There is nothing to resume.",
    "error.too_many_goals": (
        "That would make {count} active goals; at most {limit} can be active at once."
    ),
    "hint.too_many_goals": "Pause or retire a goal first (`microalign goals pause|retire ID`).",
    "warning.pause_tomorrow": "Today's answer stays as it is; the pause starts tomorrow.",
    "warning.many_goals": (
        "You now have {count} active goals, more than the {limit} recommended. "
        "Fewer goals are easier to keep; consider pausing one."
    ),
    "error.speech_off": "Speech is turned off in the configuration.",
    "hint.speech_off": "Set speech.enabled = true, or type the check-in in a terminal.",
    "error.value_without_goal": "--value is the value of the first goal: it needs --goal.",
    "hint.value_without_goal": (
        'Give both, e.g. --goal "Ask one question in the meeting" --value courage.'
    ),
    "error.unknown_checkin": "There is no check-in named '{name}'.",
    "hint.unknown_checkin": (
        "Configured check-ins: {known}. Add one as [checkins.{name}] in the config."
    ),
    "error.unknown_language": "Unknown language '{code}'.",
    "hint.unknown_language": "Use one of: {known}.",
    "goal.numbered": "Goal {goal_id}",
    "goal.this": "This goal",
    # verbs named by goal_ended ("mastered goals cannot be paused")
    "action.pause": "paused",
    "action.resume": "resumed",
    "action.retire": "retired",
    "action.master": "marked mastered",
    "action.edit": "edited",
    "action.level_up": "levelled up",
}

# Texts kept in modules of their own, so that this one stays short.
TEXTS |= en_system.TEXTS
TEXTS |= en_service.TEXTS
TEXTS |= en_cli.TEXTS
TEXTS |= en_causes.TEXTS
TEXTS |= en_data.TEXTS
TEXTS |= en_config.TEXTS
TEXTS |= en_crypt.TEXTS
TEXTS |= en_spoken.TEXTS
TEXTS |= en_notes.TEXTS
TEXTS |= en_report.TEXTS
TEXTS |= en_terminal.TEXTS
