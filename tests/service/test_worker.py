"""The check-in worker's error replies: a keyed error crosses the process boundary intact;
a stop is never replied as a failure."""

from __future__ import annotations

import io
import json
import signal
import threading

import pytest

from microalign.adapters.speech.audio import _device_error
from microalign.errors import SpeechError
from microalign.i18n import KO
from microalign.service.worker import _error_reply, _rebuild


def test_worker_error_reply_keyed_fields_still_render_in_korean():
    sent = _device_error("input", None, OSError("no such device"))
    wire = json.loads(json.dumps(_error_reply(sent)))
    received = _rebuild(wire)
    assert isinstance(received, SpeechError) and str(received) == str(sent)
    shown = received.render(KO)
    assert shown.startswith("기본 입력 장치를 열 수 없어요: 그런 장치를 찾지 못했어요"), shown
    assert "no such device" not in shown  # the raw words go to the log only
    assert "마이크" in shown and "microphone" not in shown and "default input" not in shown


def test_worker_stop_turned_into_another_error_stops_instead_of_failing(home, monkeypatch):
    """SIGTERM while a lazily imported module defines a class: Python 3.11 reports the
    Terminated raised in __set_name__ as a RuntimeError; the worker still stops (it
    replied "failure" and logged a traceback)."""
    from microalign.service import runner, worker

    class Field:
        def __set_name__(self, owner, name):
            worker._terminate(signal.SIGTERM, None)  # the signal arrives here

    def run(self, name, day, requested=False, on_claimed=None):
        type("Clock", (), {"offset": Field()})

    def make(config, pack, paths):
        raise AssertionError("no speech is needed")

    monkeypatch.setattr(runner.CheckinRunner, "run", run)
    monkeypatch.setattr(worker, "_stopped", threading.Event())
    before = signal.getsignal(signal.SIGTERM)
    proto = io.StringIO()
    try:
        with pytest.raises(worker.Terminated):
            request = '{"op": "run", "name": "evening", "day": "2027-03-10"}\n'
            worker._serve(proto, [request], lambda paths: runner.CheckinRunner(paths, make))
    finally:
        signal.signal(signal.SIGTERM, before)
    assert proto.getvalue() == ""  # no "failure" reply
