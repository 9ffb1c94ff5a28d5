"""The raw errors of libraries and the system (PortAudio, Vosk, D-Bus, SQLite, the OS) as a
category with a text in every language ("cause.no_device", "cause.disk_full", ...).

A library's own words ("Error querying device -1") are English and mean little to a user;
they go to the log, and the message a user reads names the category instead.

Standard library only.
"""

from __future__ import annotations

import errno
import logging

log = logging.getLogger("microalign")

_ERRNO = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOENT: "not_found",
    errno.EIO: "disk_io",
    errno.EBUSY: "device_busy",
    errno.ENODEV: "no_device",
    errno.ENXIO: "no_device",
    errno.EISDIR: "is_a_folder",
    errno.ENOTDIR: "not_a_folder",
    errno.ELOOP: "link_loop",
    errno.ENAMETOOLONG: "name_too_long",
    errno.EEXIST: "exists",
    errno.EMFILE: "too_many_files",
    errno.ENFILE: "too_many_files",
    errno.ETIMEDOUT: "network",
    errno.ECONNREFUSED: "network",
    errno.ENETUNREACH: "network",
    errno.EHOSTUNREACH: "network",
    errno.ECONNRESET: "network",
    errno.EBADF: "bad_descriptor",
}

# Words of a raw message -> its category; the first that matches wins, so the more
# particular come first. Lower case.
_WORDS: tuple[tuple[str, str], ...] = (
    ("portaudio library not found", "no_portaudio"),
    ("device unavailable", "device_busy"),
    ("resource busy", "device_busy"),
    ("error querying device", "no_device"),
    ("invalid device", "no_device"),
    ("no input device", "no_device"),
    ("no output device", "no_device"),
    ("no such device", "no_device"),
    ("device not found", "no_device"),
    ("delivers no audio", "device_silent"),
    ("invalid number of channels", "device_format"),
    ("invalid sample rate", "device_format"),
    ("sample format not supported", "device_format"),
    ("host error", "audio_server"),
    ("pulseaudio", "audio_server"),
    ("failed to create a model", "model_broken"),
    ("failed to create a recognizer", "model_broken"),
    ("vosk", "model_broken"),
    ("kaldi", "model_broken"),
    ("org.freedesktop.dbus", "dbus"),
    ("dbus", "dbus"),
    ("d-bus", "dbus"),
    ("session bus", "dbus"),
    ("database or disk is full", "disk_full"),
    ("no space left", "disk_full"),
    ("disk quota", "disk_full"),
    ("readonly database", "read_only"),
    ("read-only file system", "read_only"),
    ("disk i/o error", "disk_io"),
    ("database is locked", "locked"),
    ("file is not a database", "damaged"),
    ("malformed", "damaged"),
    ("bad zip", "damaged"),
    ("not a zip", "damaged"),
    ("file does not start with riff", "damaged"),
    ("unknown format", "damaged"),
    ("permission denied", "permission"),
    ("no such file", "not_found"),
    ("espeak", "speech_engine"),
    ("pyttsx3", "speech_engine"),
    ("timed out", "timeout"),
    ("name or service not known", "network"),
    ("temporary failure in name resolution", "network"),
    ("connection refused", "network"),
    ("network is unreachable", "network"),
)
_TYPES = {
    "PortAudioError": "audio_server",
    "BadZipFile": "damaged",
    "TarError": "damaged",
    "wave.Error": "damaged",
    "EOFError": "damaged",
    "TimeoutError": "timeout",
    "URLError": "network",
    "gaierror": "network",
    "DBusError": "dbus",
}


def category(raw: BaseException | str) -> str:
    """The category of a raw error: its errno, else its words, else its type; "other"."""
    number = getattr(raw, "errno", None)
    if isinstance(number, int) and number in _ERRNO:
        return _ERRNO[number]
    words = (str(raw) or type(raw).__name__).lower()
    reason = getattr(raw, "reason", None)  # urllib wraps the socket's error
    if isinstance(reason, BaseException):
        return category(reason)
    for phrase, found in _WORDS:
        if phrase in words:
            return found
    if isinstance(raw, BaseException):
        for kind in type(raw).__mro__:
            for name in (kind.__name__, f"{kind.__module__}.{kind.__name__}"):
                if name in _TYPES:
                    return _TYPES[name]
    return "other"


def cause_key(raw: BaseException | str) -> str:
    """The text key of `raw`'s category; its raw words go to the log (never to a message)."""
    found = category(raw)
    log.info("%s: %s", found.replace("_", " "), str(raw) or type(raw).__name__)
    return f"cause.{found}"
