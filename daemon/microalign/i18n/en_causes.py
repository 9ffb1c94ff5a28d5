"""English texts of what a library or the system reported, by category (causes.py), and of
text-to-speech's own problems. Part of en.TEXTS, with the keys of ko_causes.py."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "tts.wrong_rate": "espeak spoke at {got} words a minute instead of {wanted}",
    "tts.empty_wav": "the sound file it wrote is empty",
    # What a library's or the system's raw error was, by category (i18n/causes.py).
    "cause.no_device": "no such device was found",
    "cause.device_busy": "the device is busy (another program is using it)",
    "cause.device_silent": "it delivers no audio",
    "cause.device_format": "the device does not support the sound format",
    "cause.audio_server": "the sound system does not answer",
    "cause.no_portaudio": "the PortAudio library is not installed",
    "cause.model_broken": "the speech model is damaged or incomplete",
    "cause.dbus": "the desktop's message bus (D-Bus) does not answer",
    "cause.disk_full": "No space left on device",
    "cause.read_only": "Read-only file system",
    "cause.disk_io": "Input/output error",
    "cause.locked": "another program holds the database",
    "cause.damaged": "the file is damaged or not in the expected format",
    "cause.permission": "Permission denied",
    "cause.not_found": "No such file or directory",
    "cause.is_a_folder": "Is a directory",
    "cause.not_a_folder": "Not a directory",
    "cause.link_loop": "Too many levels of symbolic links",
    "cause.name_too_long": "File name too long",
    "cause.exists": "File exists",
    "cause.too_many_files": "Too many open files",
    "cause.bad_descriptor": "Bad file descriptor",
    "cause.speech_engine": "the speech engine failed",
    "cause.timeout": "no answer in time",
    "cause.network": "the server cannot be reached (network)",
    "cause.other": "an unexpected problem (the details are in the log)",
}
