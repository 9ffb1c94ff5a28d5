"""English texts of the HTML report. Part of en.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    # -- the HTML report -----------------------------------------------------------------
    "report.title": "microalign report {day}",
    "report.heading": "microalign — {day:02d} {month} {year}",
    "report.period": "Your micro-goals from {start} to {end}.",
    "report.figures": "{state} · streak {streak} · best {best} · strength {strength}",
    "report.calendar": "Days",
    "report.strength": "Strength",
    "report.strength_label": "strength",
    "report.calendar_label": "calendar",
    "report.month_title": "{month} {year}",
    "report.weekday_initials": "M T W T F S S",
    "report.months_short": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "report.day_short": "{day} {month}",
    "report.percent": "{value}%",
    "report.target": "{value}%: a habit",
    "report.ended_before": "Ended on {day}, before the months shown here.",
    "report.no_chart": "Not enough days yet for a chart.",
    "report.no_goals": "No micro-goals yet.",
    "report.values": "Values, week by week",
    "report.value_label": "{value}: aligned days per week",
    "report.value_summary": {
        "one": "{share} of scheduled days aligned in {count} week.",
        "other": "{share} of scheduled days aligned over {count} weeks.",
    },
    "report.week_of": "week of {day}",
    "report.no_days": "nothing scheduled",
    "report.no_values": "No goals linked to a value yet.",
    "report.levelups": "Level-ups",
    "report.levelups_note": "Each goal grew out of the one before it.",
    "report.levelled_from": "Levelled up from “{goal}”.",
    "report.chain_days": {
        "one": "{count} scheduled day · {kept} kept",
        "other": "{count} scheduled days · {kept} kept",
    },
    "report.legend": "Legend",
    "report.legend_note": "Hover over or tap a day to see its date.",
    "report.state.kept": "kept",
    "report.state.partly": "partly",
    "report.state.frozen": "freeze (streak protected)",
    "report.state.missed": "missed",
    "report.state.rest": "rest day or skipped",
    "report.state.pending": "today, not answered yet",
    "report.state.none": "not scheduled",
    "report.footer": "Made by microalign on this computer. Nothing was sent anywhere.",
    "error.chromium_missing": "No Chromium browser found (looked for {names} on PATH).",
    "hint.chromium_missing": (
        "A PNG is drawn by a headless Chromium: install it with `sudo apt install chromium`, "
        "or leave out --png to write the HTML report."
    ),
    "error.chromium_failed": "{binary} could not draw the report: {detail}.",
    "hint.chromium_failed": (
        "Run `{binary} --headless --screenshot about:blank` to see what is wrong, "
        "or leave out --png to write the HTML report."
    ),
}
