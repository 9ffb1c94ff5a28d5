"""One check-in, start to end: builds the flow, runs the engine, stores every answer as it
comes, then sums up the day and records milestones. Used by the CLI and by the daemon."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from microalign.app.context import App
from microalign.app.retention import prune_audio
from microalign.core.dialogue import flows
from microalign.core.dialogue.engine import Engine
from microalign.core.safetext import clean
from microalign.core.vocabulary import (
    ALREADY_DONE,
    DONE,
    INTERRUPTED,
    SNOOZE,
    SNOOZED,
    STOPPED,
)
from microalign.errors import BusyError, UsageError
from microalign.i18n import Ref
from microalign.ports.records import Goal
from microalign.ports.speech import AnswerKind, Heard, Listener, Speaker
from microalign.ports.store import AWAITING_REASON, CLAIM_BUSY, CLAIM_SETTLED

if TYPE_CHECKING:
    from microalign.core.milestones import Milestone

log = logging.getLogger(__name__)


@dataclass
class CheckinResult:
    status: str
    checkin_id: int | None
    day: date
    milestones: list[Milestone] = field(default_factory=list)
    snooze_until: datetime | None = None  # when a snoozed check-in is due again
    unanswered: list[str] = field(default_factory=list)  # goals left without an answer


class _Asked(TypedDict):
    """What an answer stores of the question it answers."""

    goal_id: int | None
    kind: str
    language: str
    prompt: str


class _Heard(TypedDict, total=False):
    """What an answer stores of what was heard; no audio_path keeps the stored one."""

    text: str
    outcome: str | None
    reason: str | None
    confidence: float | None
    model: str
    status: str
    awaiting: str | None
    audio_path: Path


class StoreRecorder:
    """The engine's Recorder on top of the store: one row per answered step."""

    def __init__(self, app: App, checkin_id: int) -> None:
        self.store = app.store
        self.checkin_id = checkin_id
        self.language = app.pack.code

    def _fields(self, step: flows.Step) -> _Asked:
        kind = AnswerKind.CHOICE if step.kind == flows.CHOICE else AnswerKind.FREE
        return _Asked(
            goal_id=step.goal_id, kind=kind.value, language=self.language, prompt=step.text
        )

    def audio_saved(self, step: flows.Step, path: Path) -> int:
        return self.store.add_answer(
            self.checkin_id, step.key, audio_path=path, status="pending", **self._fields(step)
        )

    def answer(
        self,
        step: flows.Step,
        heard: Heard,
        *,
        answer_id: int | None,
        outcome: str | None,
        reason: str | None,
        reason_pending: bool = False,
    ) -> int:
        values = _Heard(
            text=heard.text,
            outcome=outcome,
            reason=reason,
            confidence=heard.confidence,
            model=heard.model,
            status="final",
            # In the same write as the answer: a resumed check-in knows what is left.
            awaiting=AWAITING_REASON if reason_pending else None,
        )
        if heard.audio_path is not None:
            values["audio_path"] = heard.audio_path
        if answer_id is not None:
            self.store.update_answer(answer_id, **values)
            return answer_id
        return self.store.add_answer(self.checkin_id, step.key, **self._fields(step), **values)

    def add_reason(self, answer_id: int, reason: str | None) -> None:
        given = {"reason": reason} if reason else {}
        self.store.update_answer(answer_id, awaiting=None, **given)

    def set_aside(self, answer_id: int, heard: Heard) -> None:
        self.store.set_aside_answer(answer_id, heard.text, heard.confidence, heard.model)


def goals_for(app: App, day: date) -> list[Goal]:
    return [
        g for g in app.goals.active() if str(day.weekday()) in g.weekdays and g.created_on <= day
    ]


def morning_intention(app: App, day: date) -> str | None:
    """The day's latest intention, from whichever check-in with a morning flow asked it."""
    found = [a.text for a in app.store.day_answers(day) if a.step == "intention" and a.text]
    return found[-1] if found else None


def flow_of(app: App, name: str) -> str:
    """The flow the configured check-in `name` runs; an unknown name is a usage error."""
    flow = app.config.flow_of(name)
    if flow is None:
        raise UsageError.keyed("unknown_checkin", name=name, known=", ".join(app.config.checkins))
    return flow


def audio_namer(app: App, day: date, name: str, checkin_id: int) -> Callable[[str], Path]:
    def path_for(key: str) -> Path:
        # The folder is made when a recording needs it, so typed check-ins leave none.
        folder = app.audio_folder(day)
        stamp = datetime.now().strftime("%H%M%S%f")
        safe = re.sub(r"[^\w-]", "_", key)
        return folder / f"{name}-{checkin_id}-{safe}-{stamp}.wav"

    return path_for


def no_audio(key: str) -> None:
    return None


def run_checkin(
    app: App,
    name: str,
    speaker: Speaker,
    listener: Listener,
    *,
    day: date | None = None,
    source: str = "text",
    settled: Collection[str] = (DONE,),
    on_claimed: Callable[[], object] | None = None,
) -> CheckinResult:
    """Run (or resume) the check-in `name` for `day`; only one runs at a time.

    The check-in is claimed in the database before anything is said (then `on_claimed`
    is called); when it already has a status in `settled`, nothing is said and the
    status is ALREADY_DONE.
    """
    day = day or app.today()
    flow = flow_of(app, name)
    with app.checkin_lock():
        checkin_id = _claim(app, name, day, source, settled)
        if checkin_id is None:
            return CheckinResult(ALREADY_DONE, None, day)
        try:
            if on_claimed is not None:
                on_claimed()
            engine = _engine(app, name, day, source, checkin_id, speaker, listener)
            status = engine.run(
                FLOWS[flow].steps(app, day),
                app.store.answered_steps(checkin_id),
                app.store.reasons_pending(checkin_id),
            )
        except BaseException:
            # Not the user's doing (an error, a signal): resumable, and no longer ours.
            # What was answered counts meanwhile (the week's focus as well).
            with contextlib.suppress(Exception):
                app.store.release_checkin(checkin_id, INTERRUPTED)
            with contextlib.suppress(Exception):
                FLOWS[flow].keep(app, checkin_id, day)
            raise
        return _finish(app, name, flow, day, checkin_id, status, speaker, engine.snooze_until)


def _claim(app: App, name: str, day: date, source: str, settled: Collection[str]) -> int | None:
    """This process's claim on the check-in: its row id, or None when it is settled."""
    store = app.store
    store.check_integrity()
    claim = store.claim_checkin(name, day, source, settled)
    if claim.outcome == CLAIM_SETTLED:
        log.info("The %s check-in of %s is already settled; nothing to do", name, day)
        return None
    if claim.outcome == CLAIM_BUSY:
        # A built-in check-in's name is translated; one the config adds is its own name.
        shown = Ref(f"checkin.{name}") if app.pack.has(f"checkin.{name}") else name
        raise BusyError.keyed("checkin_busy", checkin=shown, day=day)
    assert claim.checkin_id is not None  # neither settled nor busy: a row is ours
    return claim.checkin_id


def _finish(
    app: App,
    name: str,
    flow: str,
    day: date,
    checkin_id: int,
    status: str,
    speaker: Speaker,
    snooze_until: datetime | None,
) -> CheckinResult:
    """Record how the check-in ended and what it leaves behind (focus, snooze, summary)."""
    store = app.store
    sums_up = FLOWS[flow].sums_up
    unanswered = unanswered_goals(app, day, checkin_id) if status == DONE else []
    if sums_up and unanswered:
        # Not done while a goal still waits for its answer: the same command resumes and
        # asks only that goal (and the daemon does not start it again by itself).
        status = STOPPED
    store.finish_checkin(checkin_id, status)
    FLOWS[flow].keep(app, checkin_id, day)
    if status == SNOOZED:
        # The time the check-in said it comes back at ("I'll ask again at 21:20").
        until = snooze_until or datetime.now(UTC) + timedelta(
            minutes=app.config.schedule.snooze_minutes
        )
        store.set_checkin_request(day, name, SNOOZE, until.astimezone(UTC))
    prune_audio(store, app.config.audio.keep_days, app.today())
    result = CheckinResult(status, checkin_id, day, snooze_until=snooze_until)
    if sums_up and (status == DONE or unanswered):
        result.unanswered = [g.text for g in unanswered]
        result.milestones = sum_up(app, speaker, goals_for(app, day), day, unanswered)
    return result


def unanswered_goals(app: App, day: date, checkin_id: int) -> list[Goal]:
    """The day's goals the check-in asked about but got no answer for (every re-ask was
    unclear): they are no answer, and the summary names them."""
    answered = app.store.answered_steps(checkin_id)
    return [g for g in goals_for(app, day) if f"goal:{g.id}" not in answered]


def _save_focus(app: App, checkin_id: int, day: date) -> None:
    from microalign.app.weekly import save_focus

    save_focus(app, checkin_id, day)


def _nothing_kept(app: App, checkin_id: int, day: date) -> None:
    return None


def _morning_steps(app: App, day: date) -> list[flows.Step]:
    from microalign.app.weekly import focus_for

    goals = goals_for(app, day)
    idle = None if goals else nothing_due(app, day)
    focus = focus_for(app, day)
    return flows.morning(app.pack, app.config.prompts, goals, day, focus, idle)


def _evening_steps(app: App, day: date) -> list[flows.Step]:
    goals = goals_for(app, day)
    idle = None if goals else nothing_due(app, day)
    intention = morning_intention(app, day)
    return flows.evening(app.pack, app.config.prompts, goals, intention, idle)


def _weekly_steps(app: App, day: date) -> list[flows.Step]:
    from microalign.app import weekly

    return flows.weekly(app.pack, weekly.week_figures(app, day), weekly.focus_options(app))


@dataclass(frozen=True)
class Flow:
    """What a check-in flow asks, and what its answers leave behind."""

    steps: Callable[[App, date], list[flows.Step]]
    # Kept from the answers at the end, and when the check-in is interrupted too.
    keep: Callable[[App, int, date], None] = _nothing_kept
    # A goal left without an answer keeps the check-in open; at its end the day is summed
    # up (streaks, goals still waiting, milestones).
    sums_up: bool = False


# Every flow a check-in can run ([checkins.NAME] flow = ...): its name -> what it does.
FLOWS: dict[str, Flow] = {
    "morning": Flow(_morning_steps),
    "evening": Flow(_evening_steps, sums_up=True),
    "weekly": Flow(_weekly_steps, keep=_save_focus),
}


def nothing_due(app: App, day: date) -> str:
    """Why no goal is asked on `day`: none at all, none started yet, or none due that day."""
    lang = app.pack
    active = app.goals.active()
    if not active:
        return lang.t("say.no_goals")
    if all(g.created_on > day for g in active):
        first = min(active, key=lambda g: (g.created_on, g.id))
        return lang.t("say.no_goals_yet", day=day, start=first.created_on, goal_id=first.id)
    return lang.t("say.no_goals_due", day=day, weekday=lang.weekdays[day.weekday()])


def _engine(app, name, day, source, checkin_id, speaker, listener) -> Engine:
    return Engine(
        speaker,
        listener,
        app.pack,
        StoreRecorder(app, checkin_id),
        audio_path=no_audio if source == "text" else audio_namer(app, day, name, checkin_id),
        confirm_below=app.config.speech.confirm_below_confidence,
        snooze_minutes=app.config.schedule.snooze_minutes,
    )


def sum_up(
    app: App,
    speaker: Speaker,
    goals: list[Goal],
    day: date,
    unanswered: Sequence[Goal] = (),
) -> list[Milestone]:
    """Say which streaks grew, which goals still wait for an answer and which milestones
    were reached; record the milestones."""
    from microalign.app.notes import milestone_text
    from microalign.app.progress import goal_progress, new_milestones

    lang = app.pack
    asked = {g.id for g in goals} - {g.id for g in unanswered}
    progress = goal_progress(app, day)
    lines = [
        lang.t("say.summary_streak", goal=clean(p.goal.text), count=p.summary.current)
        for p in progress
        if p.goal.id in asked and p.summary.current > 0
    ]
    reached = new_milestones(app, day, progress)
    names = {p.goal.id: p.goal.text for p in progress}
    for m in reached:
        goal = names.get(m.goal_id) if m.goal_id is not None else None
        title, _ = milestone_text(lang, m.kind, m.threshold, goal)
        if goal and m.kind != "other":  # "3 days in a row" alone does not say of what
            title = lang.t("milestone.goal_title", goal=clean(goal), title=title)
        lines.append(lang.t("say.milestone", title=title))
    lines += [lang.t("say.summary_unanswered", goal=clean(g.text)) for g in unanswered]
    for line in lines or [lang.t("say.summary_none")]:
        speaker.say(line)
    speaker.say(lang.t("say.goodbye"))
    return reached
