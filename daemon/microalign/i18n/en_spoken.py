"""English texts spoken in a check-in and in the weekly review. Part of en.TEXTS."""

from __future__ import annotations

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
}
