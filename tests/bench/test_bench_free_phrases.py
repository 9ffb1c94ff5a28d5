"""How reliably Whisper tiny.en hears the free English answers the voice tests speak, wherever
the answer starts in the capture (run on demand):

    pytest tests/bench/test_bench_free_phrases.py -m bench -s

A spoken answer reaches the recogniser after a leading silence that varies from run to run
(the chime, the sound server, a busy machine). A sentence whose transcript changes with
that silence makes a voice test fail now and then, so the tests speak only sentences heard
right at every start. Each sentence is spoken by espeak-ng as the harness makes it, after
0 to 975 ms of silence (25 ms steps) and before 0.4 or 0.9 s of it, and heard by the
program's WhisperModel (greedy, no prompt: a free answer) and by plain faster-whisper with
its default settings (beam search of 5), in the same run. Also by the program's model with the
speech's first 0 to 49 ms silenced ("cut"), as the virtual microphone lost them before its
WAVs were led by silence (tests/harness/audio.py MIC_LEAD_SECONDS).
"""

from __future__ import annotations

from collections import Counter

import pytest

from microalign.adapters.speech import audio
from microalign.adapters.speech.whisper import WhisperModel
from microalign.i18n import EN
from microalign.ports.speech import AnswerKind
from tests.harness.audio import RATE, SpeechFiles, whisper_model_dir

pytestmark = pytest.mark.bench

# (sentence, the word a test looks for); the first four are ones the tests speak.
SENTENCES = (
    ("I felt happy", "happy"),
    ("I went for a walk", "walk"),
    ("Nothing else", "nothing"),
    ("Drink more water", "water"),
    ("It felt good", "good"),
    ("Nothing really", "nothing"),
)
STARTS_MS = range(0, 1000, 25)
TAILS_S = (0.4, 0.9)


@pytest.mark.timeout(3600)
def test_bench_free_phrases_heard_at_every_start(tmp_path):
    import numpy as np

    ours = WhisperModel(whisper_model_dir(), "whisper-tiny.en", "en")
    print(f"\n{len(STARTS_MS) * len(TAILS_S)} starts per sentence; right = the key word heard")
    speech_wav = SpeechFiles(tmp_path)
    for text, key in SENTENCES:
        said = audio.read_speech_wav(speech_wav(text, voice=EN.voice))
        speech = audio.trim_silence(said, RATE)  # within 30 ms of the first sound
        right = {"microalign": 0, "faster-whisper": 0, "cut": 0}
        wrong: Counter[str] = Counter()
        for start in STARTS_MS:
            for tail in TAILS_S:
                lead, end = bytes(2 * RATE * start // 1000), bytes(2 * int(RATE * tail))
                pcm = lead + speech + end
                heard = ours.heard(pcm, AnswerKind.FREE, (), EN).text
                lost = 2 * (RATE * (start % 50) // 1000)
                cut = ours.heard(lead + bytes(lost) + speech[lost:] + end, AnswerKind.FREE, (), EN)
                samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
                segments, _ = ours.model.transcribe(samples, language="en")
                plain = " ".join(s.text for s in segments)
                for name, said in (
                    ("microalign", heard),
                    ("faster-whisper", plain),
                    ("cut", cut.text),
                ):
                    if key in said.lower():
                        right[name] += 1
                    else:
                        wrong[said.strip()] += 1
        total = len(STARTS_MS) * len(TAILS_S)
        figures = ", ".join(f"{name} {n}/{total}" for name, n in right.items())
        print(f"{text!r:22} {figures}; misheard as {wrong.most_common(3)}")
        assert sum(right.values()) + sum(wrong.values()) == 3 * total
