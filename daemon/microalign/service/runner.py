"""The daemon's adapters to the rest of microalign: the store as its Ledger and the check-in
runner (microalign.app.checkin) with voice speech as its Runner.

The Ledger lives on the loop's thread, the Runner on the daemon's single worker thread;
each opens its own App (a sqlite3 connection belongs to one thread).
"""

from __future__ import annotations

import importlib
import logging
import os
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from microalign.app import notes
from microalign.app.notes import milestone_text
from microalign.core.safetext import clean
from microalign.errors import SpeechError, UsageError
from microalign.i18n import get_pack
from microalign.service.roles import Key, Pending, settled_statuses

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.config import Config

log = logging.getLogger(__name__)

# Fault injection for tests only: "module:function" returning (speaker, listener) for
# (config, pack, paths), used instead of the voice speaker and listener.
SPEECH_FACTORY_ENV = "MICROALIGN_SPEECH_FACTORY"
LEVEL_UP_SUGGESTION = "level_up_suggestion"


def _app(paths: Paths):
    from microalign.app.context import App

    return App(paths)


class StoreLedger:
    def __init__(self, paths: Paths) -> None:
        self.app = _app(paths)
        self.app.store  # noqa: B018 - open (and migrate) now: readiness means the store is up

    def slot_status(self, day: date, slot: str) -> str | None:
        return self.app.store.slot_status(day, slot)

    def record_slot(self, day: date, slot: str, status: str) -> None:
        self.app.store.record_slot(day, slot, status)

    def reap(self) -> list[Key]:
        reaped = self.app.store.reap_dead_claims()
        return [(date.fromisoformat(r["day"]), r["slot"]) for r in reaped]

    def intentions(self) -> list[tuple[date, str, str, datetime | None]]:
        return [
            (
                date.fromisoformat(r["day"]),
                r["slot"],
                r["kind"],
                datetime.fromisoformat(r["until"]) if r["until"] else None,
            )
            for r in self.app.store.intentions()
        ]

    def set_intention(self, key: Key, kind: str, until: datetime | None) -> None:
        self.app.store.set_intention(key[0], key[1], kind, until)

    def clear_intention(self, key: Key) -> None:
        self.app.store.clear_intention(*key)

    def forget_intentions_before(self, day: date) -> None:
        self.app.store.forget_intentions_before(day)

    def first_day(self) -> date | None:
        found = self.app.store.row("SELECT MIN(day) AS first FROM checkins")
        first = found and found["first"]
        return date.fromisoformat(first) if first else None

    def pending_notes(self, config: Config, suggest: bool) -> list[Pending]:
        lang = get_pack(config.general.language)
        if suggest:
            self._suggest_level_ups(config)
        found = []
        for row in self.app.store.unnotified_milestones():
            goal = row.get("goal_text")
            if row["kind"] == LEVEL_UP_SUGGESTION:
                note = notes.level_up_suggestion(lang, goal or "", int(row["threshold"]))
            else:
                title, body = milestone_text(lang, row["kind"], row["threshold"], goal)
                note = notes.milestone(lang, title, body, self._can_level_up(row, config))
            found.append(Pending(row["id"], note, row.get("goal_id")))
        return found

    def _can_level_up(self, row: dict[str, Any], config: Config) -> bool:
        if row["kind"] != "streak" or row["goal_id"] is None:
            return False
        if row["threshold"] < config.streaks.level_up_after_days:
            return False
        goal = self.app.store.row("SELECT state FROM goals WHERE id = ?", (row["goal_id"],))
        return bool(goal) and goal["state"] == "active"

    def _suggest_level_ups(self, config: Config) -> None:
        """Record a level-up suggestion (once per goal) for goals whose streak reached the
        configured length. When that length is also a streak milestone, the milestone's
        notification carries the Level up action instead."""
        days = config.streaks.level_up_after_days
        if days in config.milestones.streak_days:
            return
        from microalign.app.progress import goal_progress

        self.app.__dict__["config"] = config  # the daemon's current (reloaded) config
        today = self.app.today()
        for progress in goal_progress(self.app, today, ("active",)):
            if progress.summary.current >= days:
                goal_id = progress.goal["id"]
                self.app.store.record_milestone(
                    f"level-up-suggestion:{goal_id}", LEVEL_UP_SUGGESTION, goal_id, days, today
                )

    def mark_notified(self, note_id: Any) -> None:
        self.app.store.mark_milestone_notified(note_id)

    def close(self) -> None:
        self.app.close()


class CheckinRunner:
    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self._speech = None  # (speaker, listener) between prepare() and release()

    def recover(self) -> None:
        """Transcribe answers whose audio was saved before a crash
        (microalign.app.transcripts); what fails stays pending for the next start."""
        try:
            module = importlib.import_module("microalign.app.transcripts")
        except ImportError:
            log.info("microalign.app.transcripts is not available: nothing to recover")
            return
        app = _app(self.paths)
        try:
            rows = app.store.answers_for_retranscribe(pending_only=True)
            if not rows:
                return
            config = app.config

            def model_for(language: str) -> str:
                return config.speech.model if language == config.general.language else ""

            summary = module.retranscribe(app.store, rows, self.paths.models_dir, model_for)
            log.info(
                "Pending answers from an interrupted check-in: %d transcribed, %d failed",
                len(summary.done),
                len(summary.failed),
            )
        except Exception as exc:  # nothing is lost: the audio stays, the next start retries
            log.error("Finishing pending transcriptions failed: %s", exc)
        finally:
            app.close()

    def prepare(self, slot: str) -> None:
        if self._speech is not None:
            return
        app = _app(self.paths)
        try:
            speaker, listener = make_speech(app.config, app.pack, self.paths)
        finally:
            app.close()
        self._speech = (speaker, listener)
        preload = getattr(listener, "preload", None)
        if callable(preload):
            preload()
        elif isinstance(getattr(type(listener), "model", None), property):
            # VoskListener loads its model lazily on first use of `.model`: use it now, so
            # the first answer does not wait for the model.
            listener.model  # noqa: B018
        log.info("Speech ready for the %s check-in", slot)

    def run(self, slot: str, day: date, intended: bool = False) -> str:
        from microalign.app.checkin import run_checkin

        self.prepare(slot)
        speaker, listener = self._speech
        app = _app(self.paths)
        try:
            return run_checkin(
                app,
                slot,
                speaker,
                listener,
                day=day,
                source="daemon",
                settled=settled_statuses(intended),
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

        self.prepare("level-up")
        speaker, listener = self._speech
        app = _app(self.paths)
        try:
            goal = app.goals.get(goal_id)
            speaker.say(app.pack.t("say.level_up_question", goal=clean(goal["text"])))
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


def make_speech(config: Config, pack: Any, paths: Paths) -> tuple[Any, Any]:
    """Voice speaker and listener, or the test-only factory named in the environment."""
    injected = os.environ.get(SPEECH_FACTORY_ENV)
    if injected:
        module, _, name = injected.partition(":")
        if not name:
            raise UsageError(f"{SPEECH_FACTORY_ENV}={injected!r}", "Use module:function.")
        return getattr(importlib.import_module(module), name)(config, pack, paths)
    from microalign.service.compose import make_listener, make_speaker

    if not config.speech.enabled:
        raise SpeechError.keyed("speech_off")
    return make_speaker("voice", config, pack), make_listener("voice", config, pack, paths)
