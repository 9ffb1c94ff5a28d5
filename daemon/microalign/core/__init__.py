"""The pure core: domain rules, the schedule, the dialogue, text safety.

Nothing here does I/O (no SQLite, audio, D-Bus, config files); everything is a function of
dates, answers and texts, so it is fast to test and the same in the daemon and the CLI.
"""
