"""The `Listener` contract, run against every implementation: an answer is heard as said,
its audio (where recorded) is saved and reported before the answer returns, and with nothing
to hear listen() raises the documented error (NoSpeechError on silence, EndOfInput when the
input is gone) and leaves no audio behind."""

from __future__ import annotations

import os
import stat
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from microalign.adapters.speech import audio
from microalign.adapters.speech.endpoint import EndpointSettings
from microalign.adapters.speech.engines import WhisperListener
from microalign.adapters.speech.listener import VoskListener
from microalign.adapters.speech.terminal import TerminalListener
from microalign.core.dialogue.answers import parse_choice
from microalign.errors import EndOfInput, NoSpeechError
from microalign.i18n import EN, KO, LanguagePack
from microalign.ports.speech import AnswerKind, Heard, Listener, ListenRequest

SETTINGS = EndpointSettings(silence_seconds=0.8, max_answer_seconds=10, no_speech_timeout_seconds=4)


@dataclass
class ListenerCase:
    listener: Listener
    records: bool  # it writes the answer's audio where the request asks
    nothing_error: type[Exception]  # raised when there is nothing to hear
    feeders: list[threading.Thread] = field(default_factory=list)
    pack: LanguagePack = KO
    # The answers the tests give: yes, then no, in the case's language.
    yes: str = "네"
    no: str = "아니요"

    def will_say(self, text: str) -> None:
        """The user gives `text` as the next answer."""

    def falls_silent(self) -> None:
        """The user gives no answer."""


class TerminalCase(ListenerCase):
    """Answers typed into a pipe, as when stdin is piped."""

    def __init__(self) -> None:
        read, self.write = os.pipe()
        self.inp = os.fdopen(read, encoding="utf-8")
        self.out = open(os.devnull, "w")  # noqa: SIM115 - closed with the case
        super().__init__(TerminalListener(self.inp, self.out), False, EndOfInput)

    def will_say(self, text: str) -> None:
        os.write(self.write, f"{text}\n".encode())

    def falls_silent(self) -> None:
        os.close(self.write)
        self.write = -1

    def release(self) -> None:
        if self.write >= 0:
            os.close(self.write)
        self.inp.close()
        self.out.close()


class VoiceCase(ListenerCase):
    """Korean speech played into the private PulseAudio's virtual microphone, starting once
    the listener has started its (real) microphone: the user answers after the chime."""

    voice = "ko"

    def __init__(self, pulse, speech_wav, ko_model) -> None:
        self.pulse, self.speech_wav = pulse, speech_wav
        self.pending: list[Path] = []
        listener = VoskListener(
            KO, lambda: None, SETTINGS, open_source=self._microphone, model=ko_model
        )
        listener.warm_up()  # as the factory's warm-up leaves it: the microphone is open
        super().__init__(listener, True, NoSpeechError)

    def _microphone(self, device) -> audio.Microphone:
        microphone = audio.Microphone(device)
        start = microphone.start

        def started() -> None:
            start()
            if self.pending:
                wav = self.pending.pop(0)
                self.feeders.append(self.pulse.say_into_mic(wav, delay=0.3))

        microphone.start = started
        return microphone

    def will_say(self, text: str) -> None:
        self.pending.append(self.speech_wav(text, voice=self.voice))

    def release(self) -> None:
        for feeder in self.feeders:
            feeder.join()


class WhisperCase(VoiceCase):
    """English speech into the virtual microphone, heard whole by Whisper tiny.en."""

    voice = "en-us"

    def __init__(self, pulse, speech_wav, en_whisper) -> None:
        self.pulse, self.speech_wav = pulse, speech_wav
        self.pending = []
        listener = WhisperListener(EN, lambda: None, SETTINGS, open_source=self._microphone)
        listener._whisper = en_whisper  # loaded once per run, as ko_model is
        listener.warm_up()
        ListenerCase.__init__(self, listener, True, NoSpeechError, pack=EN, yes="yes", no="no")


def _terminal(request) -> ListenerCase:
    return TerminalCase()


def _voice(request) -> ListenerCase:
    fixtures = ("pulse", "speech_wav", "ko_model")
    return VoiceCase(*(request.getfixturevalue(name) for name in fixtures))


def _whisper(request) -> ListenerCase:
    fixtures = ("pulse", "speech_wav", "en_whisper")
    return WhisperCase(*(request.getfixturevalue(name) for name in fixtures))


CASES = [
    pytest.param(_terminal, id="terminal"),
    pytest.param(_voice, id="voice", marks=pytest.mark.audio),
    pytest.param(_whisper, id="whisper", marks=pytest.mark.audio),
]


@pytest.fixture(params=CASES)
def case(request):
    made = request.param(request)
    yield made
    made.listener.close()
    made.release()


def meaning(text: str, pack: LanguagePack = KO) -> str | None:
    """What the dialogue engine makes of an answer: a voice may hear a synonym ("예")."""
    parsed = parse_choice(text, pack)
    return parsed.value if parsed else None


def _choice(
    audio_path: Path | None = None, on_saved=None, pack: LanguagePack = KO
) -> ListenRequest:
    return ListenRequest(AnswerKind.CHOICE, pack.vocabulary(), audio_path, on_saved)


def test_listener_answer_heard_as_said(case):
    case.will_say(case.yes)
    heard = case.listener.listen(_choice(pack=case.pack))
    assert isinstance(heard, Heard)
    assert meaning(heard.text, case.pack) == meaning(case.yes, case.pack) == "yes", heard.text
    assert heard.confidence is None or 0 <= heard.confidence <= 1
    assert isinstance(heard.model, str) and heard.model


def test_listener_successive_answers_heard_in_order(case):
    texts = []
    for said in (case.yes, case.no):
        case.will_say(said)
        texts.append(case.listener.listen(_choice(pack=case.pack)).text)
    assert [meaning(text, case.pack) for text in texts] == ["yes", "no"], texts


def test_listener_audio_saved_and_reported_before_answer_returned(case, tmp_path):
    path = tmp_path / "answers" / "a.wav"
    saved: list[tuple[Path, bool]] = []
    case.will_say(case.yes)
    heard = case.listener.listen(
        _choice(path, lambda p: saved.append((p, p.is_file())), pack=case.pack)
    )
    if not case.records:  # typed: nothing recorded, nothing reported
        assert (heard.audio_path, saved, path.exists()) == (None, [], False)
        return
    assert heard.audio_path == path
    assert saved == [(path, True)]  # reported once, complete, before listen() returned
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
        assert wav.getnframes() > 0


def test_listener_nothing_to_hear_raises_documented_error_leaves_no_audio(case, tmp_path):
    assert issubclass(case.nothing_error, NoSpeechError | EndOfInput)
    path = tmp_path / "silence.wav"
    saved: list[Path] = []
    case.falls_silent()
    with pytest.raises(case.nothing_error):
        case.listener.listen(_choice(path, saved.append, pack=case.pack))
    assert (saved, path.exists()) == ([], False)
