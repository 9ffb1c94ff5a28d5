"""An answer once stored only moves forward, in one process: a spoken answer (its audio
saved before its text is known) is stored, and then whatever the check-in says next is cut
short — by SIGTERM (the daemon's check-in process turns it into a BaseException), by
Ctrl-C, or by a failing speech engine. The stored answer must stay final and counted, never
be set aside as audio that answered nothing.

The windows: the skip's reason question, the read-back of the morning intention, the
read-back of the weekly focus. The same boundary through real processes is in
tests/stress/test_answer_boundary.py."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

from microalign.app.checkin import run_checkin
from microalign.errors import SpeechError
from microalign.i18n import EN
from tests.harness.scripted import ScriptedListener

DAY = date(2026, 11, 18)  # a Wednesday
GOAL = "Drink a glass of water"


class Stopped(BaseException):
    """What a SIGTERM handler raises in a check-in process (not an Exception)."""


def _raise(kind: str) -> None:
    if kind == "sigterm":
        raise Stopped
    if kind == "sigint":
        raise KeyboardInterrupt
    raise SpeechError("the speech engine failed", "injected by the test")


class CutShort:
    """A speaker that is interrupted while it says the first prompt containing `fragment`."""

    def __init__(self, fragment: str, kind: str) -> None:
        self.fragment, self.kind, self.said = fragment, kind, []

    def say(self, text: str) -> None:
        self.said.append(text)
        if self.fragment and self.fragment in text:
            self.fragment = ""
            _raise(self.kind)

    def chime(self) -> None:
        pass

    def close(self) -> None:
        pass


WINDOWS = {
    # check-in, answers, the prompt cut short, the stored step, its stored text
    "reason-question": ("evening", ["skip"], EN.t("say.skip_reason"), "goal:1", "skip"),
    "intention-read-back": (
        "morning",
        ["call mum"],
        EN.t("say.noted", text="call mum"),
        "intention",
        "call mum",
    ),
    "focus-read-back": (
        "weekly",
        ["courage"],
        EN.t("say.noted", text="courage"),
        "focus",
        "courage",
    ),
}


@pytest.mark.parametrize("kind", ("sigterm", "sigint", "speech-error"))
@pytest.mark.parametrize("window", tuple(WINDOWS))
def test_checkin_stored_voice_answer_then_interrupted_stays_final(app, window, kind):
    name, answers, fragment, step, text = WINDOWS[window]
    app.goals.add(GOAL, "commitment", None, None, DAY)
    speaker = CutShort(fragment, kind)
    listener = ScriptedListener(list(answers))
    # Ctrl-C may end the check-in as stopped by the user; the others propagate.
    with contextlib.suppress(Stopped, KeyboardInterrupt, SpeechError):
        run_checkin(app, name, speaker, listener, day=DAY, source="voice")
    assert fragment in speaker.said[-1]  # cut short exactly there
    rows = app.store.rows("SELECT step, text, status FROM answers")
    assert rows == [{"step": step, "text": text, "status": "final"}], rows
    if window == "reason-question":
        assert app.store.goal_outcomes()[1] == {DAY: "rest"}
