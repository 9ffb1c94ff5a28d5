"""The check-in runner (microalign.app.checkin) with the speech it is given: the Runner that
the check-in process (service.worker) drives. It lives on one thread and opens its own App
for each call (a sqlite3 connection belongs to one thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from microalign.core.safetext import clean
from microalign.core.vocabulary import settled_statuses
from microalign.errors import SpeechError

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.config import Config
    from microalign.ports.speech import Listener, Speaker

log = logging.getLogger(__name__)


def _app(paths: Paths):
    from microalign.app.context import App

    return App(paths)


class CheckinRunner:
    def __init__(
        self, paths: Paths, speech: Callable[[Config, Any, Paths], tuple[Speaker, Listener]]
    ) -> None:
        self.paths = paths
        self._make_speech = speech  # (config, pack, paths) -> (speaker, listener)
        # (speaker, listener) between prepare() and release()
        self._speech: tuple[Speaker, Listener] | None = None

    def recover(self) -> None:
        """Transcribe answers whose audio was saved before a crash
        (microalign.app.transcripts); what fails stays pending for the next start."""
        from microalign.adapters.speech.engines import transcribers
        from microalign.app.transcripts import retranscribe

        app = _app(self.paths)
        try:
            rows = app.store.answers_for_retranscribe(pending_only=True)
            if not rows:
                return
            config = app.config

            def model_for(language: str) -> str:
                return config.speech.model if language == config.general.language else ""

            load = transcribers(self.paths.models_dir, model_for)
            summary = retranscribe(app.store, rows, load)
            log.info(
                "Pending answers from an interrupted check-in: %d transcribed, %d failed",
                len(summary.done),
                len(summary.failed),
            )
        except Exception as exc:  # nothing is lost: the audio stays, the next start retries
            log.error("Finishing pending transcriptions failed: %s", exc)
        finally:
            app.close()

    def prepare(self, name: str) -> None:
        """Start loading speech ahead of the check-in and return: a check-in that comes
        before the model is loaded greets meanwhile, and a model that cannot be loaded is
        reported by its first answer."""
        _, listener = self._engines()
        if not callable(getattr(listener, "start_warm_up", None)):
            preload = getattr(listener, "preload", None)
            if callable(preload):
                preload()
        log.info("Loading speech for the %s check-in", name)

    def _engines(self) -> tuple[Speaker, Listener]:
        """The speech engines; a new listener starts loading its model in the background,
        so the check-in can greet meanwhile (its first answer waits for the model)."""
        if self._speech is not None:
            return self._speech
        app = _app(self.paths)
        try:
            speaker, listener = self._make_speech(app.config, app.pack, self.paths)
        finally:
            app.close()
        self._speech = (speaker, listener)
        start_warm_up = getattr(listener, "start_warm_up", None)
        if callable(start_warm_up):
            start_warm_up()
        return speaker, listener

    def run(
        self,
        name: str,
        day: date,
        requested: bool = False,
        on_claimed: Callable[[], None] | None = None,
    ) -> str:
        from microalign.app.checkin import run_checkin

        speaker, listener = self._engines()  # not waiting for the model: greet first
        app = _app(self.paths)
        try:
            return run_checkin(
                app,
                name,
                speaker,
                listener,
                day=day,
                source="daemon",
                settled=settled_statuses(requested),
                on_claimed=on_claimed,
            ).status
        finally:
            app.close()

    def release(self) -> None:
        speech, self._speech = self._speech, None
        if speech is None:
            return
        speaker, listener = speech
        # The listener drops its Vosk model here, so the idle daemon stays small.
        for part in (listener, speaker):
            try:
                part.close()
            except Exception as exc:
                log.warning("Closing %s failed: %s", type(part).__name__, exc)
        del speech, speaker, listener
        give_back_memory()

    def level_up(self, goal_id: int) -> str | None:
        """Ask for the harder goal by voice and create it; None if no answer was given."""
        from microalign.ports.speech import AnswerKind, ListenRequest

        speaker, listener = self._engines()
        app = _app(self.paths)
        try:
            goal = app.goals.get(goal_id)
            speaker.say(app.pack.t("say.level_up_question", goal=clean(goal.text)))
            speaker.chime()
            heard = listener.listen(ListenRequest(AnswerKind.FREE))
            if not heard.text.strip():
                return None
            app.goals.level_up(goal_id, heard.text.strip(), app.today())
            speaker.say(app.pack.t("say.level_up_done", goal=clean(heard.text)))
            return heard.text.strip()
        except SpeechError as exc:
            log.info("Level up by voice did not work: %s", exc)
            return None
        finally:
            app.close()
            self.release()


def give_back_memory() -> None:
    """Return freed memory to the system: a released Vosk model leaves hundreds of MB of
    free heap in the worker thread's malloc arena that glibc keeps unless trimmed."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError) as exc:  # not glibc: nothing to trim
        log.debug("malloc_trim is not available: %s", exc)
