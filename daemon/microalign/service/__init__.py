"""The daemon: its loop, its actions, its check-in process, and the composition root."""
