"""English texts the terminal shows: commands' output, tables and prompts. Part of en.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
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
}
