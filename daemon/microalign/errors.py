"""The one error hierarchy. Every message says what is wrong and what to do.

`main()` maps these to exit codes; anything else is a bug and shows a traceback only
with --debug.
"""

from __future__ import annotations


class MicroalignError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  → {self.hint}" if self.hint else self.message


class UsageError(MicroalignError):
    """Bad arguments or input given on the command line."""

    exit_code = 2


class ConfigError(MicroalignError):
    """The configuration file is missing, unreadable or invalid."""

    exit_code = 3

    def __init__(self, path: object, problems: list[str], hint: str | None = None) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"Invalid configuration in {path}:\n{lines}",
            hint or f"Edit {path} and run `microalign config check` again.",
        )


class StoreError(MicroalignError):
    """The database cannot be opened, is locked, corrupt, or the disk is full."""

    exit_code = 4


class NotFoundError(MicroalignError):
    """A goal, value or record named by the user does not exist."""

    exit_code = 5


class GoalLimitError(MicroalignError):
    """An action would break a rule of the goal lifecycle (hard limit, wrong state)."""

    exit_code = 6


class BusyError(MicroalignError):
    """Another daemon or check-in already holds the lock."""

    exit_code = 7


class SpeechError(MicroalignError):
    """Text-to-speech, audio output or input failed."""

    exit_code = 8


class ModelError(SpeechError):
    """A speech model is missing, broken, or of the wrong language."""

    exit_code = 9


class AudioFileError(SpeechError):
    """A WAV file is corrupt or in the wrong format."""

    exit_code = 10


class NoSpeechError(SpeechError):
    """Nothing was said within the no-speech timeout."""

    exit_code = 11


class FileAccessError(MicroalignError):
    """A file or folder cannot be read or written: permissions, a full disk, a read-only
    file system, or a file where a folder should be."""

    exit_code = 12


class EndOfInput(MicroalignError):
    """The user closed the input (Ctrl-D, Ctrl-C) or said "stop": save and end."""

    exit_code = 0
