"""The check-in worker's error replies: a keyed error crosses the process boundary intact."""

from __future__ import annotations

import json

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
    assert shown.startswith("기본 입력 장치 을(를) 열 수 없어요: no such device"), shown
    assert "마이크" in shown and "microphone" not in shown and "default input" not in shown
