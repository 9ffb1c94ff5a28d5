"""English: every user-facing text (spoken, terminal, notifications, errors).

A text is a str, or for counted things a dict of plural forms ("one", "other") chosen by
`plural(count)`. Keys are shared by every language (tests/unit/test_i18n.py checks them).
"""

from __future__ import annotations

from typing import Any

from microalign.i18n import en_causes, en_cli, en_config, en_crypt, en_data, en_service, en_system

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
    # -- spoken ------------------------------------------------------------------------
    "say.greeting_morning": "Good morning. Let's take a minute for today.",
    "say.greeting_evening": "Good evening. Let's look back at your day.",
    "say.noted": "Noted: {text}.",
    "say.reminders_intro": "Your micro-goals for today:",
    "say.no_goals": "You have no active micro-goals yet. Add one with microalign goals add.",
    "say.no_goals_yet": (
        "On {day} none of your micro-goals had started yet: the first starts on {start}. "
        "To record that day, give it an earlier start: microalign goals edit {goal_id} "
        "--since {day}"
    ),
    "say.no_goals_due": "None of your micro-goals is scheduled on {weekday}, {day}.",
    "say.intention_check": "This morning you said: {intention}. Did you keep it?",
    "say.goal_question": "Did you {goal} today?",
    "say.skip_reason": "Okay, a rest day. Any reason you want to note? Say it, or say next.",
    "say.skip_reason_again": "What is the reason? Say it, or say next.",
    "say.didnt_understand_typed": "Sorry, I didn't understand. Please answer {choices}.",
    "say.weekly.didnt_understand_typed": (
        "Sorry, I didn't understand. Please name one of: {choices}."
    ),
    "say.summary_unanswered": "{goal}: no answer yet. Start this check-in again to answer it.",
    "say.skip_reason_resumed": (
        "Earlier you said skip to: {question} Any reason you want to note? Say it, or say next."
    ),
    "say.feeling_prompt": "How did it feel?",
    "say.summary_streak": {
        "one": "{goal}: {count} day in a row.",
        "other": "{goal}: {count} days in a row.",
    },
    "say.summary_none": "Every day you show up counts. See you tomorrow.",
    "say.goodbye": "Thank you. Rest well.",
    # -- the weekly review, and the focus it leaves for the next week's mornings --------
    "say.weekly.greeting": "Good evening. Let's look back at your week.",
    "say.weekly.value_line": {
        "one": "{value}: aligned on {aligned} of {count} day.",
        "other": "{value}: aligned on {aligned} of {count} days.",
    },
    "say.weekly.no_values": "This week no micro-goal was linked to a value.",
    "say.weekly.no_answers": "Your values have no answered day this week yet.",
    "say.weekly.streaks_intro": "Your best streaks:",
    "say.weekly.no_streaks": "No streak is running yet. Every day is a fresh start.",
    "say.weekly.focus_prompt": "Which value do you want to focus on next week?",
    "say.weekly.didnt_understand": "Sorry, I didn't catch that. Please name one of: {choices}.",
    "say.weekly.carry_prompt": "What do you want to carry forward?",
    "say.weekly.goodbye": "Thank you. Have a good week.",
    "say.weekly.focus_morning": "This week's focus: {value}.",
    "say.weekly.carry_morning": "You wanted to carry forward: {text}.",
    "say.didnt_understand": "Sorry, I didn't catch that. Please answer {choices}.",
    "say.choice_hint": "{outcomes}   (or {commands})",
    "say.no_speech_retry": "I didn't hear anything. Once more:",
    "say.no_speech_end": "I didn't hear an answer, so let's do this later.",
    "say.stopped": "Alright, I've saved what you told me.",
    "say.snoozed": "Okay, I'll ask again later.",
    "say.snoozed_until": "Okay, I'll ask again at {time}.",
    "say.snooze_out_of_range": (
        "I can wait between {shortest} minute and {longest} hours. When shall I ask again?"
    ),
    "say.confirm": "I heard: {text}. Is that right?",
    "say.milestone": "Milestone: {title}",
    "say.level_up_question": (
        "Let's level up “{goal}”. What is the slightly harder version? Say it after the chime."
    ),
    "say.level_up_done": "New goal: {goal}. The old one is kept in its history.",
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
    # -- terminal ------------------------------------------------------------------------
    "cli.init_done": """\
microalign is set up.
  config:   {config}
  data:     {data}""",
    "cli.init_next": """\
Next steps:
  1. Try an evening review by typing:   microalign checkin evening --text
  2. See where you stand:               microalign status
  3. Let it run every day:              microalign service install
  (`microalign doctor` checks everything again)""",
    "cli.init_ask_language": "Language for check-ins (en = English, ko = Korean)",
    "cli.init_ask_goal": "Your first micro-goal, small enough to do every day (empty: later)",
    "cli.init_ask_value": "The value it serves ({values}; empty: none)",
    "cli.init_language_kept": (
        "The language stays {language}: the existing config is kept (edit general.language)."
    ),
    "cli.init_exists": (
        "Kept your existing config {config} (use --force to overwrite it with the defaults)."
    ),
    "cli.config_ok": "{path}: OK",
    "cli.config_defaults": (
        "{path} does not exist: the defaults are in use (run `microalign init` to write it)."
    ),
    "cli.no_goals": (
        'No micro-goals yet. Add one: microalign goals add "Smile at one person" --value respect'
    ),
    "cli.checkin_done": (
        "The {checkin} check-in for {day} is already done. Use --again to answer it once more "
        "(the newer answers count)."
    ),
    "cli.checkin_end.done": "Saved. See `microalign status` for your streaks.",
    "cli.checkin_end.stopped": (
        "Stopped; every answer given so far is saved. Run the same command to finish it."
    ),
    "cli.checkin_end.unanswered": (
        "Saved; a micro-goal got no answer. Run the same command to answer it."
    ),
    "cli.checkin_end.no_speech": "Ended without an answer; run the same command to try again.",
    "cli.checkin_end.snoozed": "Snoozed; run the same command when you are ready.",
    "cli.checkin_end.already_done": "Another check-in finished this one first; nothing was asked.",
    "cli.value_added": "Added value '{name}'.",
    "cli.value_removed": "Removed value '{name}'.",
    "cli.exported": {
        "one": "Wrote {count} answer to {path}.",
        "other": "Wrote {count} answers to {path}.",
    },
    "cli.report_written": "Wrote the report to {path}; open it in a browser.",
    "cli.report_png_written": "Wrote a picture of the report to {path} ({width}×{height} px).",
    "cli.goal.added": "Added goal {id}: {text} [{state}]",
    "cli.goal.changed": "Changed goal {id}: {text} [{state}]",
    "cli.goal.paused": "Paused goal {id}: {text} [{state}]",
    "cli.goal.resumed": "Resumed goal {id}: {text} [{state}]",
    "cli.goal.retired": "Retired goal {id}: {text} [{state}]",
    "cli.goal.mastered": "Mastered goal {id}: {text} [{state}]",
    "cli.goal.levelled_up": "Levelled up to goal {id}: {text} [{state}]",
    "cli.goal.asks": "  asks: {question}",
    "cli.goal.chain": "Chain: {chain}",
    "cli.goal.from": "from {id}",
    "cli.note": "Note: {warning}",
    "cli.status.heading": "{weekday} {day:02d} {month} {year} — {checkins}",
    "cli.status.checkin": "{checkin} {state}",
    "cli.history.heading": "{day} {checkin}",
    "cli.history.audio_pending": "(audio, not transcribed yet)",
    "cli.history.none": {
        "one": "No answers in the last {count} day.",
        "other": "No answers in the last {count} days.",
    },
    "cli.stats.heading": "{id}. {text}  [{state}]",
    "cli.stats.line": {
        "one": (
            "   streak {streak} · best {best} · strength {strength} · kept {kept} of {count} day"
        ),
        "other": (
            "   streak {streak} · best {best} · strength {strength} · kept {kept} of {count} days"
        ),
    },
    "cli.stats.ended_line": {
        "one": (
            "   {state} on {day} · best {best} · strength {strength} · kept {kept} of {count} day"
        ),
        "other": (
            "   {state} on {day} · best {best} · strength {strength} · kept {kept} of {count} days"
        ),
    },
    "cli.stats.levelled_from": {
        "one": "   levelled up from “{goal}” after {count} day",
        "other": "   levelled up from “{goal}” after {count} days",
    },
    "cli.stats.chain": "   chain: {chain}",
    "cli.heatmap.kept": "kept",
    "cli.heatmap.partly": "partly",
    "cli.heatmap.frozen": "freeze",
    "cli.heatmap.missed": "missed",
    "cli.heatmap.rest": "rest",
    "cli.heatmap.none": "not scheduled",
    "cli.heatmap.pending": "today, not answered yet",
    "cli.column.id": "id",
    "cli.column.goal": "goal",
    "cli.column.value": "value",
    "cli.column.area": "area",
    "cli.column.days": "days",
    "cli.column.state": "state",
    "cli.column.today": "today",
    "cli.column.streak": "streak",
    "cli.column.best": "best",
    "cli.column.strength": "strength",
    "cli.column.levelled_up": "levelled up",
    "cli.column.active_goals": "active goals",
    "cli.column.this_week": "this week",
    "cli.column.this_month": "this month",
    "cli.interrupted": "Interrupted.",
    "cli.internal_error": (
        "internal error: {error}\n  → Run the command again with --debug and report the traceback."
    ),
    "cli.tz_warning": "{problem}.",
    # -- exports -------------------------------------------------------------------------
    "export.journal_title": "microalign journal",
    "export.audio_pending": "(audio not transcribed yet)",
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

# Doctor, speech models, audio, files, the database, the time zone and the report.
TEXTS |= en_system.TEXTS
TEXTS |= en_service.TEXTS
TEXTS |= en_cli.TEXTS
TEXTS |= en_causes.TEXTS
TEXTS |= en_data.TEXTS
TEXTS |= en_config.TEXTS
TEXTS |= en_crypt.TEXTS
