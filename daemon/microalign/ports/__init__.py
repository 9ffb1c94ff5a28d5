"""The roles the application needs from the outside world (speaking, listening, notifying…).

Use cases depend on these Protocols; adapters implement them; the composition root picks.
"""
