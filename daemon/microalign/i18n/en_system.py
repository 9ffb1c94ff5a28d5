"""English texts about the machine: doctor, speech models, audio, files, the database, the
time zone. Part of en.TEXTS (kept apart so that en.py stays short)."""

from __future__ import annotations

# What works when a model cannot be downloaded from here.
_ELSEWHERE = (
    "Check the network and run the same command again. A model downloaded elsewhere works "
    "too: unpack it and run `microalign models use PATH` (PATH: the model's folder). "
    "Meanwhile, type the check-ins: `microalign checkin evening --text`."
)

TEXTS: dict[str, str | dict[str, str]] = {
    "language.en": "English",
    "language.ko": "Korean",
    "engine.vosk": "Vosk",
    "engine.whisper": "Whisper",
    "list.or": "{first} or {rest}",
    # -- doctor --------------------------------------------------------------------------
    "doctor.mark.ok": "ok",
    "doctor.mark.warn": "warn",
    "doctor.mark.fail": "FAIL",
    "doctor.check.config": "config",
    "doctor.check.database": "database",
    "doctor.check.microphone": "microphone",
    "doctor.check.audio_output": "audio output",
    "doctor.check.tts": "tts",
    "doctor.check.model": "model",
    "doctor.check.notifications": "notifications",
    "doctor.check.service": "service",
    "doctor.config.invalid": "{path}: {problems}",
    "doctor.config.missing": "{path} does not exist: defaults in use",
    "doctor.config.ok": "{path} is valid",
    "doctor.fix.init": "Run `microalign init`.",
    "doctor.database.missing": "{path} does not exist yet",
    "doctor.fix.init_database": "Run `microalign init` to create it.",
    "doctor.database.unreadable": "{path} cannot be read: {error}",
    "doctor.fix.database_unreadable": (
        "Check permissions and free space; restore a backup if the file is damaged."
    ),
    "doctor.database.damaged": "{path} is damaged: {verdict}",
    "doctor.fix.database_damaged": (
        "Stop the daemon, keep a copy of the file, and restore a backup."
    ),
    "doctor.database.ok": "{path} (schema {version}) passes an integrity check",
    "doctor.device.no_portaudio": "PortAudio is missing: {error}",
    "doctor.fix.portaudio": "Install it: apt install libportaudio2",
    "doctor.device.missing_named": "No device {device}: {error}",
    "doctor.device.missing_input": "No default input device: {error}",
    "doctor.device.missing_output": "No default output device: {error}",
    "doctor.fix.input": (
        "Plug in a microphone / headset and check `pactl info` (PulseAudio or PipeWire)."
    ),
    "doctor.fix.input_named": (
        "Plug in a microphone / headset and check `pactl info` (PulseAudio or PipeWire); "
        "or fix speech.input_device in the config (see `python -m sounddevice`)."
    ),
    "doctor.fix.output": "Connect speakers or headphones and check `pactl info`.",
    "doctor.fix.output_named": (
        "Connect speakers or headphones and check `pactl info`; "
        "or fix speech.output_device in the config (see `python -m sounddevice`)."
    ),
    "doctor.tts.no_espeak": "espeak-ng is not installed",
    "doctor.fix.espeak": "Install it: apt install espeak-ng",
    "doctor.tts.broken": "pyttsx3 cannot start: {error}",
    "doctor.fix.pyttsx3": "Reinstall: pip install -U pyttsx3",
    "doctor.tts.ok": {
        "one": "pyttsx3 with espeak-ng, {count} voice",
        "other": "pyttsx3 with espeak-ng, {count} voices",
    },
    "doctor.model.no_catalogue": "the speech model catalogue is not installed",
    "doctor.model.ok": "{name} ({engine}) for {language} at {path}",
    "doctor.notifications.missing": "No notification server on the session bus: {error}",
    "doctor.fix.notifications": (
        "Start your desktop's notification daemon (or install one: apt install dunst); "
        "the daemon prints notifications to its log meanwhile."
    ),
    "doctor.service.no_systemctl": "systemctl is not available",
    "doctor.fix.run": "Run `microalign run`.",
    "doctor.service.failed": "systemctl failed: {error}",
    "doctor.service.ok": "microalign.service is {state}",
    "doctor.service.stopped": "microalign.service is not running ({state})",
    "doctor.fix.service": (
        "Run `microalign service install` to start it with every session, or run "
        "`microalign run` in a terminal."
    ),
    "doctor.service.foreground": (
        "the daemon is running (pid {pid}) in the foreground, not under systemd"
    ),
    "doctor.fix.service_every_day": (
        "To start it with every session instead: `microalign service install`."
    ),
    # -- models and retranscribe ---------------------------------------------------------
    "models.column.name": "NAME",
    "models.column.language": "LANG",
    "models.column.engine": "ENGINE",
    "models.column.size": "SIZE",
    "models.column.installed": "INSTALLED",
    "models.size": "{size} MB",
    "models.not_installed": "not installed: {get}",
    "models.already_installed": "{name} is already installed in {path}.",
    "models.downloading": "Downloading {name}",
    "models.not_verified": (
        "Not verified: SHA-256 of the download was logged; compare it with {url}."
    ),
    "models.installed": "Installed {name} in {path}.",
    "models.use_it": "Use it with: microalign models use {name}",
    "models.put_line": "Put this line in the [speech] section of {path}:\n{line}",
    "models.set": "Speech model set to {value} in {path}.",
    "model_setting.no_dir": "expected a Vosk model directory, got {setting} (no such directory)",
    "model_setting.not_model": (
        "{setting} is not a Vosk model directory (it needs am/ and conf/ inside)"
    ),
    "model_setting.unknown": (
        "expected a model name from `microalign models list` or a model directory, got {setting}"
    ),
    "model_setting.wrong_language": (
        "{setting} is a {have} model, but general.language is {language}"
    ),
    "retranscribe.progress": "Transcribing",
    "retranscribe.done": "#{id}: {text}",
    "retranscribe.nothing": "(nothing recognised)",
    "retranscribe.failed": "#{id} failed: {error}",
    "retranscribe.summary": "{done} transcribed, {failed} failed.",
    # -- the time zone -------------------------------------------------------------------
    "tz.unknown": "TZ={tz} is not a time zone this system knows, so the day would be taken in UTC",
    "error.tz_unknown": "Invalid configuration in the TZ environment variable:\n  - {problem}",
    "hint.tz_unknown": (
        "Unset TZ to use the system's time zone, or set it to a zone name such as "
        "Europe/Berlin (see `timedatectl list-timezones`)."
    ),
    # -- files ---------------------------------------------------------------------------
    "file.doing.use": "use",
    "file.doing.write": "write",
    "file.doing.create_folder": "create the folder",
    "file.doing.open_lock": "open the lock file",
    "file.doing.write_lock": "write the lock file",
    "file.doing.open_database": "open the database",
    "file.doing.create_database": "create the database",
    "file.a_file": "a file",
    "file.the_file": "the file",
    "file.its_folder": "its folder",
    "error.file_access": "Cannot {doing} {path}: {reason}.",
    "hint.file_access": "{advice}",
    "file.advice.space": (
        "Free some disk space and run the command again; nothing stored was changed."
    ),
    "file.advice.read_only": "{path} is on a read-only file system: choose a writable location.",
    "file.advice.permissions": (
        "Check the permissions of {path} and {parent}: they should belong to you."
    ),
    "file.advice.no_folder": (
        "Check that the folder {parent} exists and can hold files, or choose another."
    ),
    "file.advice.not_a_folder": (
        "A part of {path} is a file, not a folder: move that file or choose another."
    ),
    "file.advice.exists": "{path} exists but is not a folder: move it away or choose another path.",
    "file.advice.is_a_folder": "{path} is a folder: give a file name.",
    "file.advice.too_long": "Choose a shorter path.",
    "file.advice.loop": "{path} is a symbolic link (or a loop of them): give the real path.",
    "file.advice.io": "The disk reported an error: check it (`dmesg`) and run the command again.",
    "file.advice.other": "Check {path} and run the command again.",
    # -- the database --------------------------------------------------------------------
    "error.store_locked": "The database {path} is locked by another program.",
    "hint.store_locked": (
        "Wait a moment and try again; if it persists, stop other microalign processes."
    ),
    "error.disk_full": "The disk holding {folder} is full ({free} MB free).",
    "hint.disk_full": (
        "Free some space on it and run the command again; nothing already stored was "
        "changed. Reading commands (status, stats, history, export) still work."
    ),
    "error.disk_read_only": "{folder} is on a read-only file system.",
    "hint.disk_read_only": (
        "Mount it read-write again, or move the data folder (--data-dir); nothing was "
        "changed. Reading commands (status, stats, history, export) still work."
    ),
    "error.store_full": "Cannot write to {path}: {error}.",
    "hint.store_full": (
        "Free some space, or ask for a larger disk quota; nothing already stored was changed."
    ),
    "error.store_io": "The disk failed while reading or writing {path}: {error}.",
    "hint.store_io": "Check the disk (`dmesg`) and run the command again.",
    "error.store_read_only": "Cannot open {path} for writing: {error}.",
    "hint.store_read_only": "Check the permissions of {folder} (it should be yours, mode 0700).",
    "error.store_failed": "Database error in {path}: {error}.",
    "error.store_unreadable": "{path} is not a readable microalign database ({error}).",
    "hint.store_unreadable": (
        "If the store was encrypted, put its key.json back beside it. Otherwise move it "
        "aside (mv {path} {path}.broken) and run the command again to start a new one; the "
        "old file is kept for recovery."
    ),
    "error.store_newer": (
        "{path} was written by a newer microalign (schema {version}, this one knows {known})."
    ),
    "hint.store_newer": "Upgrade microalign: pip install -U microalign.",
    "error.store_damaged": "The database {path} is damaged: {problems}.",
    "hint.store_damaged": (
        "Nothing was changed. Keep a copy (cp {path} {path}.broken), then "
        "try `sqlite3 {path} .recover | sqlite3 {name}.recovered`."
    ),
    "error.store_claimed": "The {checkin} check-in of {day} is running in another process.",
    # -- speech models -------------------------------------------------------------------
    "error.model_catalogue_missing": "The model catalogue {path} is missing.",
    "hint.model_catalogue_missing": "Reinstall microalign.",
    "error.model_catalogue_invalid": "The model catalogue {path} is invalid: {error}",
    "hint.model_catalogue_invalid": "Reinstall microalign.",
    "error.model_unknown": "No model named {name} in the catalogue.",
    "hint.model_unknown": "Known models: {names}.",
    "error.model_not_installed": "The speech model {name} is not installed.",
    "hint.model_not_installed": "Run `{get}`, or `microalign checkin … --text` meanwhile.",
    "error.model_not_a_dir": (
        "{path} is not a Vosk model directory (it needs am/ and conf/ inside)."
    ),
    "hint.model_not_a_dir": (
        "Set speech.model to a model name from `microalign models list` or a model directory."
    ),
    "error.model_none_installed": "No {language} speech model is installed.",
    "hint.model_none_installed": "Run {ways}; until then use `microalign checkin … --text`.",
    "error.model_wrong_language": (
        "The speech model {name} is {have}, but the check-in language is {want}."
    ),
    "hint.model_wrong_language": (
        "Run `microalign models use` with one of the {want} models in "
        "`microalign models list`, or change general.language."
    ),
    "error.model_no_url": "{name} cannot be downloaded.",
    "hint.model_no_url": "Run `{get}`.",
    "error.model_not_fetched": "{name} is not downloaded by microalign.",
    "hint.model_not_fetched": "Run `{get}`.",
    "error.model_unverified": (
        "The catalogue has no SHA-256 for {name}, so the download cannot be verified."
    ),
    "hint.model_unverified": (
        "Add --allow-unverified to fetch it anyway (the checksum is printed to compare with "
        "{site})."
    ),
    "error.model_corrupt": (
        "The download of {name} is corrupt: SHA-256 {digest}, expected {expected}."
    ),
    "hint.model_corrupt": "Run `microalign models fetch {name}` again; it starts from scratch.",
    "error.model_file_missing": "{file} of the speech model {name} is missing.",
    "hint.model_file_missing": "Install it again: {get}",
    "error.model_file_corrupt": (
        "{file} of the speech model {name} is damaged: SHA-256 {digest}, expected {expected}."
    ),
    "hint.model_file_corrupt": "Install it again: {get}",
    "error.whisper_missing": (
        "The speech model {name} needs faster-whisper, which is not installed."
    ),
    "hint.whisper_missing": "Install it: pip install faster-whisper==1.2.1",
    "error.model_wrong_size": (
        "The download of {name} is {size} bytes, but the published archive has {expected}."
    ),
    "hint.model_wrong_size": (
        "Run `microalign models fetch {name}` again; it starts from scratch. If it happens "
        "again, something between you and the server changes the file."
    ),
    "error.model_http": (
        "Downloading {url} failed: HTTP {code} ({reason}). Nothing was downloaded."
    ),
    # What an HTTP status says, by its kind (the server's own words go to the log).
    "http.not_found": "not on the server",
    "http.refused": "the server refused it",
    "http.busy": "the server is busy",
    "http.server": "the server failed",
    "http.other": "the server did not send it",
    "hint.model_http": _ELSEWHERE,
    "error.model_http_kept": (
        "Downloading {url} failed: HTTP {code} ({reason}). The {kept} bytes downloaded "
        "before are kept."
    ),
    "hint.model_http_kept": (
        "Check the network and run the same command again; it resumes where it stopped."
    ),
    "error.model_unreachable": "Could not download {url}: {reason}. Nothing was downloaded.",
    "hint.model_unreachable": _ELSEWHERE,
    "error.model_interrupted": (
        "Downloading {url} was interrupted: {reason}. The {kept} bytes downloaded so far are kept."
    ),
    "hint.model_interrupted": (
        "Check the network and run the same command again; it resumes where it stopped."
    ),
    "error.model_unsafe_zip": "{archive} has an unsafe path {member}.",
    "hint.model_unsafe_zip": "Do not use it.",
    "error.model_zip_empty": "{archive} does not contain a Vosk model (no am/ and conf/).",
    "hint.model_zip_empty": "Check the URL in the catalogue.",
    "error.model_bad_zip": "{archive} is not a valid zip file ({error}).",
    "hint.model_bad_zip": "Fetch it again.",
    "error.model_option": "--model: {problem}.",
    "hint.model_option": "See `microalign models list`.",
    "error.model_load": "The speech model in {path} cannot be loaded ({error}).",
    "hint.model_load": (
        "It may be incomplete: remove it and fetch it again (`microalign models fetch …`)."
    ),
    "error.model_symbols": "{path} has a damaged symbol table.",
    "hint.model_symbols": "Fetch the model again.",
    "error.model_not_openfst": "{path} is not an OpenFst file.",
    "hint.model_not_openfst": "Fetch the model again.",
    "error.model_deaf": (
        "The speech model {name} ({path}) does not know the {language} words for {words}; "
        "it is probably a model of another language."
    ),
    "hint.model_deaf": (
        "Run `microalign models list` and `microalign models use <a {code} model>`, "
        "or change general.language."
    ),
    # -- audio and speech ----------------------------------------------------------------
    "device.input_named": "input device {device}",
    "device.output_named": "output device {device}",
    "device.input_default": "default input device",
    "device.output_default": "default output device",
    "device.microphone": "microphone",
    "device.speaker": "speaker",
    "error.device": "Cannot open the {which}: {error}",
    "hint.device": (
        "Check that a {thing} is connected and the sound server runs, or set speech.{setting} "
        "in the config to a device listed by `python3 -m sounddevice`; "
        "`microalign checkin … --text` works without audio."
    ),
    "error.audio_missing": "Audio file {path} does not exist.",
    "hint.audio_missing": "Check the path.",
    "error.audio_unreadable": "Audio file {path} is not a readable WAV file ({reason}).",
    "audio.empty": "it is empty or ends too early",
    "hint.audio_unreadable": "The recording is damaged; it cannot be transcribed.",
    "error.audio_sample_width": "Audio file {path} has {bits}-bit samples; 16-bit PCM is needed.",
    "hint.audio_sample_width": "Convert it, e.g. `sox {path} -b 16 out.wav`.",
    "error.audio_format": (
        "Audio file {path} is {rate} Hz with {channels} channel(s); "
        "speech recognition needs {needed} Hz mono."
    ),
    "hint.audio_format": "Convert it, e.g. `sox {path} -r {needed} -c 1 -b 16 out.wav`.",
    "error.audio_cut": "Audio file {path} is truncated ({reason}).",
    "hint.audio_cut": "It cannot be used.",
    "audio.ends_early": "it ends too early",
    "error.audio_truncated": "Audio file {path} is truncated: {have} of {frames} samples.",
    "hint.audio_truncated": "The recording was cut short; it cannot be transcribed completely.",
    "error.audio_write": "Cannot write the answer's audio to {path}: {reason}.",
    "hint.audio_write": (
        "Free some disk space (or fix the data directory's permissions) and try again."
    ),
    "error.no_speech": "No answer was heard within {seconds} s.",
    "hint.no_speech": "Speak after the chime, check the microphone, or use `--text`.",
    "error.tts_unavailable": "Text-to-speech is not available: {error}",
    "hint.tts_unavailable": "Install espeak-ng (`apt install espeak-ng`) or use `--text`.",
    "error.tts_no_voice": "The espeak-ng voice {voice} is not installed.",
    "hint.tts_no_voice": (
        "Set speech.voice in the config to one listed by `espeak-ng --voices`, "
        "or leave it empty for the language's own voice."
    ),
    "error.tts_failed": "Text-to-speech failed: {error}",
    "hint.tts_failed": "Use `--text` meanwhile.",
    "error.tts_no_audio": "Text-to-speech produced no audio: {problem}.",
    "hint.tts_no_audio": "Check `espeak-ng -v {voice} hello` works; use `--text` meanwhile.",
    # -- what is missing (run's start-up report, init's next steps) -----------------------
    "doctor.check.goals": "goals",
    "ready.heading": {
        "one": "Not ready yet: {count} thing is missing (microalign keeps running meanwhile):",
        "other": "Not ready yet: {count} things are missing (microalign keeps running meanwhile):",
    },
    "ready.init_heading": {
        "one": "Still missing: {count} thing, with the command that fixes it:",
        "other": "Still missing: {count} things, each with the command that fixes it:",
    },
    "ready.unchecked": "Not checked in time: {names}; run `microalign doctor`.",
    "ready.all_set": "Everything a voice check-in needs is in place.",
    "ready.goals.none": "No active micro-goal yet: a check-in has nothing to ask about.",
    "ready.fix.goals": 'microalign goals add "Ask one question in the meeting" --value courage',
    "ready.typed": "Until speech works, check-ins are typed: microalign checkin evening --text",
}
