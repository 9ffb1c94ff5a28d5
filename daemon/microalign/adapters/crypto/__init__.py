"""Encryption at rest: the data key and how it is wrapped (keys), the answer audio in
authenticated chunks (audiofile), and turning a store encrypted or plain (convert)."""
