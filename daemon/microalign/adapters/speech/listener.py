"""VoskListener: hears one answer from the microphone, saves its audio, then transcribes it.

Audio is streamed into the recogniser while it is recorded (so the answer is known as soon
as the speaker stops) and into the answer's WAV file, which is complete and synced, and
reported through `on_audio_saved`, before the transcript is returned.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from microalign.adapters.speech import audio, models, stt
from microalign.adapters.speech.endpoint import (
    Decision,
    Endpointer,
    EndpointSettings,
    frame_rms,
    tone_share,
)
from microalign.errors import NoSpeechError, SpeechError
from microalign.i18n import LanguagePack
from microalign.ports.speech import AnswerKind, Heard, ListenRequest

log = logging.getLogger(__name__)

# A partial result costs a search over the whole answer so far; twice a second is plenty
# for a stability window of two seconds or more.
PARTIAL_EVERY = 10
# The chime heard by the microphone reaches the answer's audio up to this long after it
# ended (output and input latency); a frame this much made of its notes is the chime, not
# the answer, and the recogniser hears silence in its place. Measured on 50 ms frames:
# espeak-ng speaking every answer word at most 0.15; the chime 0.46 to 0.64, the fading end
# of its last note through a sound server 0.17 to 0.34.
CHIME_ECHO_SECONDS = 0.3
CHIME_SHARE = 0.25


class VoskListener:
    """A Listener on the microphone with one Vosk model per check-in.

    The model and the microphone are opened once, before the first answer if
    `start_warm_up()` was called (the factory does), and kept until `close()`: loading a
    model takes seconds and opening a PortAudio stream through a sound server takes long
    enough to clip a quick "yes" said right after the chime.
    """

    def __init__(
        self,
        pack: LanguagePack,
        locate: Callable[[], models.Located],
        settings: EndpointSettings,
        device: int | str | None = None,
        open_source: Callable[[int | str | None], audio.Microphone] = audio.Microphone,
        model: stt.LoadedModel | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.pack = pack
        self.settings = settings
        self.device = device
        self._locate = locate
        self._open_source = open_source
        self._model = model  # normally None: loaded on warm-up or the first answer
        self._cache_dir = cache_dir  # where the model's vocabulary is remembered
        self._source: audio.Microphone | None = None
        self._warming: threading.Thread | None = None

    @property
    def model(self) -> stt.LoadedModel:
        if self._model is None:
            found = self._locate()
            model = stt.LoadedModel(found.path, found.name, cache_dir=self._cache_dir)
            stt.check_language(model, self.pack)
            self._model = model
        return self._model

    def warm_up(self) -> None:
        """Load the model and open the microphone now; errors are raised here."""
        _ = self.model  # a missing or wrong model is the more useful error
        if self._source is None:
            self._source = self._open_source(self.device)

    def start_warm_up(self) -> None:
        """Warm up in the background while the first prompts are spoken."""
        if self._warming is not None:
            return

        def run() -> None:
            try:
                self.warm_up()
            except Exception as exc:  # raised again, with its message, by the first listen
                log.debug("warm-up failed: %s", exc)

        self._warming = threading.Thread(target=run, name="microalign-warm-up", daemon=True)
        self._warming.start()

    def preload(self) -> None:
        """Be ready to listen (model loaded, microphone open), or raise why not."""
        self._join_warm_up()
        self.warm_up()

    def _join_warm_up(self) -> None:
        if self._warming is not None:
            self._warming.join()
            self._warming = None

    def listen(self, request: ListenRequest) -> Heard:
        self.preload()
        source = self._source
        assert source is not None
        choice = request.kind is AnswerKind.CHOICE
        settings = self.settings.for_choice() if choice else self.settings
        phrases = request.vocabulary or self.pack.vocabulary()
        rec = self.model.recognizer(request.kind, phrases, request.required)
        # The same grammar with filler words, fed the same audio: where the two disagree,
        # the answer is in doubt (core/dialogue/judge.py).
        check = (
            self.model.recognizer(request.kind, phrases, request.required, request.fillers)
            if request.fillers and choice
            else None
        )
        try:
            source.start()
            try:
                return self._record(source, rec, check, request, self.model.name, settings)
            finally:
                source.stop()
        except NoSpeechError:
            raise
        except SpeechError:
            self._close_source()  # a device error: reopen for the next answer
            raise

    def _close_source(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            source.close()

    def _record(
        self,
        source,
        rec,
        check,
        request: ListenRequest,
        model_name: str,
        settings: EndpointSettings,
    ) -> Heard:
        path = request.audio_path
        writer = audio.WavWriter(path) if path is not None else None
        checked: list[dict] = []

        def sink(chunk: bytes) -> None:
            if writer:
                writer.write(chunk)
            if check is not None and check.AcceptWaveform(chunk):
                checked.append(json.loads(check.Result()))

        try:
            decision, results = stream_answer(
                source.read, rec, sink, settings, getattr(source, "cue_seconds", 0.0)
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
        results.append(json.loads(rec.FinalResult()))
        heard = stt.heard_from_result(stt.join_results(results), model_name, path)
        if check is not None:
            checked.append(json.loads(check.FinalResult()))
            second = stt.heard_from_result(
                stt.join_results(checked), model_name, path, request.fillers
            )
            heard = replace(heard, check_text=second.text, unmatched=second.unmatched)
        log.info(
            "heard %r (confidence %s; with fillers %r, %d unmatched; %s)",
            heard.text,
            heard.confidence,
            heard.check_text,
            heard.unmatched,
            decision.value,
        )
        return heard

    def close(self) -> None:
        self._join_warm_up()
        self._close_source()
        if self._model is not None:
            # Dropping the last reference frees the model (hundreds of MB); the daemon
            # stays small between check-ins only if the heap is trimmed too.
            self._model = None
            gc.collect()
            stt.release_memory()


def stream_answer(
    read: Callable[[], bytes],
    rec,
    sink: Callable[[bytes], None],
    settings: EndpointSettings,
    cue_seconds: float = 0.0,
) -> tuple[Decision, list[dict]]:
    """Feed chunks from `read` to the recogniser and `sink` until the endpointer decides;
    the first `cue_seconds` were heard during the chime."""
    endpointer = Endpointer(settings, cue_seconds)
    echo_until = cue_seconds + CHIME_ECHO_SECONDS if cue_seconds else 0.0
    results: list[dict] = []
    count = 0
    while True:
        chunk = read()
        if not chunk:
            return (
                Decision.END_OF_SPEECH if endpointer.heard_speech else Decision.NO_SPEECH
            ), results
        if endpointer.elapsed < echo_until:
            chunk = without_chime(chunk)
        sink(chunk)
        partial = None
        if rec.AcceptWaveform(chunk):
            results.append(json.loads(rec.Result()))
            partial = ""
        elif count % PARTIAL_EVERY == 0:
            partial = json.loads(rec.PartialResult()).get("partial", "")
        count += 1
        decision = endpointer.feed(len(chunk) / (2 * audio.RATE), frame_rms(chunk), partial)
        if decision is not Decision.CONTINUE:
            return decision, results


def without_chime(chunk: bytes) -> bytes:
    """Silence in place of a frame that is the chime heard in the room."""
    notes = tuple(freq for freq, _ in audio.CHIME_NOTES)
    if tone_share(chunk, notes, audio.RATE) >= CHIME_SHARE:
        return bytes(len(chunk))
    return chunk
