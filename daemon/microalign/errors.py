"""The one error hierarchy. Every message says what is wrong and what to do.

`main()` maps these to exit codes; anything else is a bug and shows a traceback only
with --debug.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from microalign.i18n import LanguagePack


class MicroalignError(Exception):
    """Base class: a problem the user can act on.

    Raised with `keyed(key, **fields)`, its texts are "error.<key>" and "hint.<key>" of
    microalign.i18n: English in `message`/`hint`, any language through `render(lang)`.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        key: str | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.key = key
        self.fields = fields or {}

    @classmethod
    def keyed(cls, key: str, /, **fields: Any) -> Self:
        from microalign.i18n import EN, without_raw_errors

        fields = without_raw_errors(fields)
        hint = EN.t(f"hint.{key}", **fields) if EN.has(f"hint.{key}") else None
        return cls(EN.t(f"error.{key}", **fields), hint, key=key, fields=fields)

    def __str__(self) -> str:
        return f"{self.message}\n  → {self.hint}" if self.hint else self.message

    def message_in(self, lang: LanguagePack) -> str:
        if self.key is None or not lang.has(f"error.{self.key}"):
            return self.message
        return lang.t(f"error.{self.key}", **self.fields)

    def hint_in(self, lang: LanguagePack) -> str | None:
        if self.key is None or not lang.has(f"error.{self.key}"):
            return self.hint
        hint = f"hint.{self.key}"
        return lang.t(hint, **self.fields) if lang.has(hint) else None

    def render(self, lang: LanguagePack) -> str:
        """The message and hint in `lang` (English when the error has no key)."""
        message, hint = self.message_in(lang), self.hint_in(lang)
        return f"{message}\n  → {hint}" if hint else message


class UsageError(MicroalignError):
    """Bad arguments or input given on the command line."""

    exit_code = 2


class ConfigError(MicroalignError):
    """The configuration file is missing, unreadable or invalid."""

    exit_code = 3

    def __init__(self, path: object, problems: Sequence[str], hint: str | None = None) -> None:
        from microalign.i18n import EN, Joined

        self.path = path
        self.problems = problems
        fields = {"path": path, "problems": Joined(tuple(problems), "\n", "  - ")}
        super().__init__(
            EN.t("error.config_invalid", **fields),
            hint or EN.t("hint.config_invalid", path=path),
            key="config_invalid",
            fields=fields,
        )
        self.given_hint = hint  # a Keyed one is shown in the user's language

    def hint_in(self, lang: LanguagePack) -> str | None:
        if self.key == "config_invalid" and self.given_hint is not None:
            return lang.render(self.given_hint)
        return super().hint_in(lang)


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


class ServiceError(MicroalignError):
    """The systemd user unit failed its check, or systemctl refused to enable or disable it."""

    exit_code = 13


class WorkerFailed(MicroalignError):
    """The check-in process died (killed, out of memory) or failed with a bug."""


class ExternalProgramError(MicroalignError):
    """A program one command runs is not installed or failed (Chromium for a PNG)."""

    exit_code = 14


class EndOfInput(MicroalignError):
    """The user closed the input (Ctrl-D, Ctrl-C) or said "stop": save and end."""

    exit_code = 0


# errno -> "file.advice.<name>": what to do about it.
_ADVICE = {
    errno.ENOSPC: "space",
    errno.EDQUOT: "space",
    errno.EROFS: "read_only",
    errno.EACCES: "permissions",
    errno.EPERM: "permissions",
    errno.ENOENT: "no_folder",
    errno.ENOTDIR: "not_a_folder",
    errno.EEXIST: "exists",
    errno.EISDIR: "is_a_folder",
    errno.ENAMETOOLONG: "too_long",
    errno.ELOOP: "loop",
    errno.EIO: "io",
}
# Errors of the machine, the disk or the user's files, never of the program.
ENVIRONMENT_ERRNOS = frozenset(_ADVICE) - {errno.ENOENT, errno.EEXIST}


def access_error(exc: OSError, path: Path | str | None, doing: str) -> FileAccessError:
    """`exc` as a message that names the file, what failed ("file.doing.<doing>": write,
    create_folder, …) and what to do about it, in any language (FileAccessError.render)."""
    from microalign.i18n import Keyed

    target = Path(path) if path else None
    advice = Keyed(
        f"file.advice.{_ADVICE.get(exc.errno or 0, 'other')}",
        path=target or Keyed("file.the_file"),
        parent=target.parent if target else Keyed("file.its_folder"),
    )
    return FileAccessError.keyed(
        "file_access",
        doing=Keyed(f"file.doing.{doing}"),
        path=target or Keyed("file.a_file"),
        reason=exc,
        advice=advice,
    )
