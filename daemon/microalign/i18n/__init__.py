"""Every user-facing text, one module per language."""
