"""Which recogniser hears a language, and the Whisper listener.

speech.engine = "auto" takes the Vosk model of the language where one is installed (the
design's recogniser: a grammar per question, words as they are spoken), else a Whisper
model; "vosk" and "whisper" force one. Without any, check-ins are typed (the daemon's
readiness check decides that from the same `models.locate`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from microalign.adapters.speech import audio, models
from microalign.adapters.speech.endpoint import Decision, EndpointSettings
from microalign.adapters.speech.listener import VoskListener, stream_answer
from microalign.adapters.speech.whisper import WhisperModel, verify_files
from microalign.errors import ModelError, NoSpeechError, SpeechError
from microalign.ports.speech import AnswerKind, Heard, ListenRequest, Transcriber

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.config import Config
    from microalign.i18n import LanguagePack

log = logging.getLogger(__name__)


class _Utterance:
    """Stands in for a streaming recogniser: keeps the audio for one pass at the end and
    has no partial text (the end of speech is decided by its energy alone)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def AcceptWaveform(self, chunk: bytes) -> bool:
        self.chunks.append(chunk)
        return False

    def PartialResult(self) -> str:
        return '{"partial": ""}'


class WhisperListener(VoskListener):
    """A Listener on the microphone that hears each answer whole through Whisper, once the
    end-of-speech detection has ended it and its audio is saved."""

    def __init__(self, *args, stamp_dir: Path | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._stamp_dir = stamp_dir  # where passed model checks are remembered
        self._whisper: WhisperModel | None = None

    @property
    def whisper(self) -> WhisperModel:
        if self._whisper is None:
            found = self._locate()
            verify_files(found.path, found.entry, self._stamp_dir)
            self._whisper = WhisperModel(found.path, found.name, self.pack.code)
        return self._whisper

    def warm_up(self) -> None:
        _ = self.whisper
        if self._source is None:
            self._source = self._open_source(self.device)

    def listen(self, request: ListenRequest) -> Heard:
        self.preload()
        source = self._source
        assert source is not None
        settings = (
            self.settings.for_choice() if request.kind is AnswerKind.CHOICE else self.settings
        )
        try:
            source.start()
            try:
                utterance = self._capture(source, request, settings)
            finally:
                source.stop()
        except NoSpeechError:
            raise
        except SpeechError:
            self._close_source()  # a device error: reopen for the next answer
            raise
        heard = self.whisper.heard(
            b"".join(utterance.chunks),
            request.kind,
            request.vocabulary or self.pack.vocabulary(),
            self.pack,
            request.audio_path,
        )
        log.info(
            "heard %r (confidence %s; %d unmatched)", heard.text, heard.confidence, heard.unmatched
        )
        return heard

    def _capture(self, source, request: ListenRequest, settings: EndpointSettings) -> _Utterance:
        path = request.audio_path
        writer = audio.WavWriter(path) if path is not None else None
        utterance = _Utterance()
        try:
            decision, _ = stream_answer(
                source.read,
                utterance,
                writer.write if writer else lambda chunk: None,
                settings,
                getattr(source, "cue_seconds", 0.0),
            )
        except BaseException:
            if writer:
                writer.discard()
            raise
        if decision is Decision.NO_SPEECH:
            if writer:
                writer.discard()
            seconds = f"{settings.no_speech_timeout_seconds:g}"
            raise NoSpeechError.keyed("no_speech", seconds=seconds)
        if writer:
            writer.close()
            if request.on_audio_saved and path is not None:
                request.on_audio_saved(path)
        return utterance

    def close(self) -> None:
        super().close()
        self._whisper = None


def transcriber(found: models.Located, pack: LanguagePack) -> Transcriber:
    """Transcribe stored answers (16 kHz mono WAV) with the model `found`, of its engine."""
    from microalign.adapters.speech import stt, whisper

    if found.engine == models.WHISPER:
        verify_files(found.path, found.entry, None)
        heard_by = WhisperModel(found.path, found.name, pack.code)
        return lambda path, kind: whisper.transcribe_wav(heard_by, path, kind, pack)
    model = stt.LoadedModel(found.path, found.name)
    stt.check_language(model, pack)
    return lambda path, kind: stt.transcribe_wav(model, path, kind, pack.vocabulary())


def transcribers(
    models_dir: Path,
    model_for: Callable[[str], str],
    engine_for: Callable[[str], str] = lambda _language: models.AUTO,
) -> Callable[[LanguagePack], Transcriber]:
    """Loads the transcriber of a language: the model `model_for(language)` names (a name,
    a folder, or "" for the default) of the engine `engine_for(language)` picks (auto, vosk
    or whisper); raises ModelError when there is none."""
    entries = models.load_catalogue()

    def load(pack: LanguagePack) -> Transcriber:
        found = models.locate(
            model_for(pack.code), pack.code, models_dir, entries, engine_for(pack.code)
        )
        return transcriber(found, pack)

    return load


def choose_engine(config: Config, pack: LanguagePack, paths: Paths) -> models.Located:
    """The model (and so the engine) that hears `pack`'s language; raises ModelError."""
    speech = config.speech
    return models.locate(
        speech.model, pack.code, paths.models_dir, models.load_catalogue(), speech.engine
    )


def make_voice_listener(config: Config, pack: LanguagePack, paths: Paths) -> VoskListener:
    """The microphone listener of the engine `choose_engine` picks, warming up in the
    background; a missing model is reported by the first answer, as a Vosk one is."""
    located: models.Located | None
    try:
        located = choose_engine(config, pack, paths)
    except ModelError:
        located = None

    def locate() -> models.Located:
        return located if located is not None else choose_engine(config, pack, paths)

    kind: Callable[..., VoskListener] = VoskListener
    extra: dict = {}
    if located is not None and located.engine == models.WHISPER:
        kind, extra = WhisperListener, {"stamp_dir": paths.speech_cache_dir}
    listener = kind(
        pack,
        locate,
        EndpointSettings.from_config(config.speech),
        device=audio.device_arg(config.speech.input_device),
        cache_dir=paths.speech_cache_dir,
        **extra,
    )
    listener.start_warm_up()
    return listener
