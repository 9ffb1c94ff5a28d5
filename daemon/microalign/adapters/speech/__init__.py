"""Speaking prompts and hearing answers: role interfaces and their implementations."""
