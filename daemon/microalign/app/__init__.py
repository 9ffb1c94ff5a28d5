"""Use cases: what the CLI and the daemon do (check in, manage goals, progress, export…)."""
