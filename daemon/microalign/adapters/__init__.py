"""Technology behind the ports: SQLite, espeak-ng/pyttsx3, Vosk, PulseAudio, D-Bus, files."""
