"""Check-in dialogues: flows as plain data, answer parsing, and the engine that runs them."""
