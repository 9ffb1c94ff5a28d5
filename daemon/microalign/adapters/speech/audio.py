"""Sound in and out through sounddevice (PortAudio), where failures are seen, and WAV files.

Playback and capture use the same library so "no audio" is detected the same way on both
sides; WAV answer files are written as they are recorded and synced before anyone reads them.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import queue
import sys
import threading
import time
import wave
from array import array
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microalign.errors import AudioFileError, SpeechError
from microalign.i18n import Keyed

log = logging.getLogger(__name__)

RATE = 16000  # Vosk models are trained on 16 kHz mono
CHUNK_SECONDS = 0.05
CHUNK_FRAMES = int(RATE * CHUNK_SECONDS)
# Silence written after the samples so that PortAudio plays them all before the stream stops.
PAD_SECONDS = 0.15
# Silence after a prompt on a stream held open for what follows: enough for the prompt to
# have been heard when say() returns, short enough for a chime to follow at once.
HOLD_SECONDS = 0.05
# Synthesised speech: a 10 ms window whose peak stays below this is silence (espeak-ng pads
# its WAVs with 0.4 s of it); this much of it is kept at each end so no soft edge is cut.
TRIM_PEAK = 300
TRIM_KEEP_SECONDS = 0.03
# How much microphone audio is kept while no answer is being recorded: enough to reach back
# to the start of the chime.
RING_SECONDS = 1.5


def device_arg(name: str) -> int | str | None:
    """Config value -> sounddevice device: empty is the default, digits an index."""
    name = name.strip()
    if not name:
        return None
    return int(name) if name.isdigit() else name


def _device_error(kind: str, device: int | str | None, exc: Exception) -> SpeechError:
    if device is None:
        which = Keyed(f"device.{kind}_default")
    else:
        which = Keyed(f"device.{kind}_named", device=repr(device))
    thing = Keyed("device.microphone" if kind == "input" else "device.speaker")
    return SpeechError.keyed(
        "device", which=which, error=exc, thing=thing, setting=f"{kind}_device"
    )


# --- playback --------------------------------------------------------------------------


def trim_silence(pcm: bytes, rate: int, channels: int = 1) -> bytes:
    """`pcm` (16-bit) without the silence before its first and after its last sound,
    keeping TRIM_KEEP_SECONDS of each; all silence gives b"" back."""
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % (2 * channels)])
    if sys.byteorder != "little":
        samples.byteswap()
    step = max(1, rate // 100) * channels
    loud = [
        i
        for i in range(0, len(samples), step)
        if max(samples[i : i + step]) >= TRIM_PEAK or -min(samples[i : i + step]) >= TRIM_PEAK
    ]
    if not loud:
        return b""
    keep = int(rate * TRIM_KEEP_SECONDS) * channels
    start = max(0, loud[0] - keep)
    end = min(len(samples), loud[-1] + step + keep)
    return pcm[2 * start : 2 * end]


# The chime's notes (Hz, seconds): the listener knows them to tell the chime heard in the
# room from the answer.
CHIME_NOTES = ((660.0, 0.09), (990.0, 0.14))


def chime_pcm(rate: int = RATE) -> bytes:
    """A short rising two-note chime, generated so no binary asset is shipped."""
    samples = array("h")
    for freq, seconds in CHIME_NOTES:
        count = int(rate * seconds)
        for i in range(count):
            # A raised-cosine envelope avoids clicks at note edges.
            envelope = 0.5 - 0.5 * math.cos(2 * math.pi * i / count)
            samples.append(int(9000 * envelope * math.sin(2 * math.pi * freq * i / rate)))
    return samples.tobytes()


@dataclass
class Cue:
    """When this process's last chime sounded (time.monotonic()): the microphone keeps the
    answer's audio from its start, so a quick answer is not cut off."""

    started: float = 0.0
    ended: float = 0.0


CUE = Cue()


class Player:
    """An output stream held open from one sound to the next that follows at once (the
    prompt, then the chime). Through a sound server a stream that starts, or runs dry and
    starts again, can take seconds before it sounds; one that is kept fed does not."""

    def __init__(self, device: int | str | None = None) -> None:
        self.device = device
        self._stream: Any = None  # a sounddevice.RawOutputStream while open
        self._format: tuple[int, int] = (0, 0)

    def play(self, pcm: bytes, rate: int, channels: int = 1, hold: float = 0.0) -> None:
        """Play `pcm`, then `hold` seconds of silence, and keep the stream open: return
        once the sound has been played."""
        import sounddevice as sd

        try:
            if self._stream is not None and self._format != (rate, channels):
                self.close()
            if self._stream is None:
                self._stream = sd.RawOutputStream(
                    samplerate=rate, channels=channels, dtype="int16", device=self.device
                )
                self._format = (rate, channels)
                self._stream.start()
            self._stream.write(pcm + bytes(2 * channels * int(rate * hold)))
        except (sd.PortAudioError, ValueError, OSError) as exc:
            self._abort()
            raise _device_error("output", self.device, exc) from exc

    def chime(self) -> None:
        """Play the chime after what was just played, and close the stream."""
        rate = self._format[0] if self._stream is not None else RATE
        # From before the chime is written: a late return from close() (a busy machine)
        # must not move the start of the answer past the user's first word.
        CUE.started, CUE.ended = time.monotonic(), 0.0
        self.play(chime_pcm(rate), rate, 1)
        self.close()
        CUE.ended = time.monotonic()

    def close(self) -> None:
        """Let the stream play out and close it."""
        import sounddevice as sd

        stream, self._stream = self._stream, None
        if stream is None:
            return
        rate, channels = self._format
        try:
            # Pad with silence so PortAudio drains the real samples before the stream
            # stops: without it the end of a prompt can be cut off.
            stream.write(bytes(2 * channels * int(rate * PAD_SECONDS)))
            stream.stop()
        except (sd.PortAudioError, ValueError, OSError) as exc:
            raise _device_error("output", self.device, exc) from exc
        finally:
            stream.close()

    def _abort(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.abort()
            with contextlib.suppress(Exception):
                stream.close()


# --- WAV files -------------------------------------------------------------------------


@contextmanager
def open_wav(path: Path) -> Iterator[wave.Wave_read]:
    """Open a WAV file for reading; any defect becomes an AudioFileError that names the file."""
    try:
        wav = wave.open(str(path), "rb")  # noqa: SIM115 - closed below, after the checks
    except FileNotFoundError:
        raise AudioFileError.keyed("audio_missing", path=path) from None
    except (wave.Error, EOFError, OSError) as exc:
        reason = exc if str(exc) else Keyed("audio.empty")
        raise AudioFileError.keyed("audio_unreadable", path=path, reason=reason) from None
    try:
        if wav.getsampwidth() != 2:
            bits = 8 * wav.getsampwidth()
            raise AudioFileError.keyed("audio_sample_width", path=path, bits=bits)
        yield wav
    finally:
        wav.close()


def _read_sealed(path: Path) -> Any:
    """The audio of a sealed (encrypted) recording, or None when `path` is a plain file."""
    from microalign.adapters.crypto import audiofile

    try:
        if not audiofile.is_sealed(path):
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        raise AudioFileError.keyed("audio_missing", path=path) from None
    except OSError as exc:
        raise AudioFileError.keyed("audio_unreadable", path=path, reason=exc) from None
    try:
        audio = audiofile.open_sealed(data, audiofile.current_key())
    except audiofile.SealError as exc:
        raise AudioFileError.keyed("audio_sealed", path=path, reason=exc.reason) from None
    if not audio.complete:
        log.warning("%s was cut off while it was recorded; its last moment is lost", path)
    return audio


def read_speech_wav(path: Path) -> bytes:
    """The PCM of a 16 kHz mono 16-bit answer: a WAV file or a sealed recording. The one
    reader of kept answer audio (retranscription, playback)."""
    sealed = _read_sealed(path)
    if sealed is not None:
        if sealed.rate != RATE or sealed.channels != 1 or sealed.width != 2:
            raise AudioFileError.keyed(
                "audio_format", path=path, rate=sealed.rate, channels=sealed.channels, needed=RATE
            )
        return bytes(sealed.pcm)
    with open_wav(path) as wav:
        if wav.getframerate() != RATE or wav.getnchannels() != 1:
            raise AudioFileError.keyed(
                "audio_format",
                path=path,
                rate=wav.getframerate(),
                channels=wav.getnchannels(),
                needed=RATE,
            )
        try:
            pcm = wav.readframes(wav.getnframes())
        except (wave.Error, EOFError, OSError) as exc:
            reason = exc if str(exc) else Keyed("audio.ends_early")
            raise AudioFileError.keyed("audio_cut", path=path, reason=reason) from None
    if len(pcm) < 2 * wav.getnframes():
        raise AudioFileError.keyed(
            "audio_truncated", path=path, have=len(pcm) // 2, frames=wav.getnframes()
        )
    return pcm


class WavWriter:
    """A 16 kHz mono WAV written while recording; owner-only, synced on close. With the
    store encrypted (an audio key in use), the recording is sealed chunk by chunk instead:
    not a moment of it reaches the disk in clear."""

    def __init__(self, path: Path) -> None:
        from microalign.adapters.crypto import audiofile

        self.path = path
        key = audiofile.current_key()
        self._sealed: audiofile.SealedWriter | None = None
        self._wav: Any = None
        with self._disk_errors():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(fd, 0o600)
            self._file = os.fdopen(fd, "wb")
            if key is not None:
                self._sealed = audiofile.SealedWriter(self._file, key, RATE)
                return
            self._wav = wave.open(self._file, "wb")  # noqa: SIM115 - closed in close()/discard()
            self._wav.setnchannels(1)
            self._wav.setsampwidth(2)
            self._wav.setframerate(RATE)

    @contextmanager
    def _disk_errors(self) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            raise AudioFileError.keyed("audio_write", path=self.path, reason=exc) from None

    def write(self, pcm: bytes) -> None:
        with self._disk_errors():
            if self._sealed is not None:
                self._sealed.write(pcm)
            else:
                self._wav.writeframesraw(pcm)

    def close(self) -> Path:
        with self._disk_errors():
            if self._sealed is not None:
                self._sealed.finish()
            else:
                self._wav.close()  # patches the header with the real length
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        return self.path

    def discard(self) -> None:
        with contextlib.suppress(OSError, wave.Error):
            if self._wav is not None:
                self._wav.close()
        with contextlib.suppress(OSError):
            self._file.close()
        self.path.unlink(missing_ok=True)


# --- capture ---------------------------------------------------------------------------


class Microphone:
    """A 16 kHz mono int16 input stream, delivered in CHUNK_SECONDS pieces.

    The stream runs from open to close, once per check-in. Its last RING_SECONDS are kept
    in a ring, and from start() to stop() everything goes to the answer. Starting a stream
    through PulseAudio takes from 0.1 s to over a second, enough to clip a quick answer
    said right after the chime; and a stream that is merely not read queues the prompt's
    seconds in the sound server instead.
    """

    def __init__(self, device: int | str | None = None, first_audio_timeout: float = 5.0) -> None:
        import sounddevice as sd

        self.device = device
        self._queue: queue.Queue[bytes] = queue.Queue()
        self._ring: deque[tuple[float, bytes]] = deque(maxlen=int(RING_SECONDS / CHUNK_SECONDS))
        self._lock = threading.Lock()
        self._keeping = False
        self._overflows = 0
        self._flowing = threading.Event()
        # Set by start(): when the answer's first chunk began (time.monotonic()), and how
        # many of its first seconds were heard while the chime played.
        self.kept_from = 0.0
        self.cue_seconds = 0.0
        try:
            self._stream = sd.RawInputStream(
                samplerate=RATE,
                channels=1,
                dtype="int16",
                blocksize=CHUNK_FRAMES,
                device=device,
                callback=self._callback,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError, OSError) as exc:
            raise _device_error("input", device, exc) from exc
        if not self._flowing.wait(first_audio_timeout):
            self.close()
            raise _device_error("input", device, TimeoutError("it delivers no audio"))

    def _callback(self, indata, frames, time_info, status) -> None:
        # PortAudio's thread: no logging or blocking here (the lock is held only briefly).
        self._flowing.set()
        chunk = bytes(indata)
        with self._lock:
            if self._keeping:
                if status.input_overflow:
                    self._overflows += 1
                self._queue.put_nowait(chunk)
            else:
                self._ring.append((time.monotonic(), chunk))

    def start(self) -> None:
        """Keep the audio from now on, and from the start of a chime that just ended (what
        came before is not the answer)."""
        now = time.monotonic()
        recent = CUE.ended and now - CUE.ended < RING_SECONDS - 2 * CHUNK_SECONDS
        since = CUE.started if recent else now
        with self._lock:
            self._queue = queue.Queue()
            self._overflows = 0
            kept = [(t, c) for t, c in self._ring if t > since]
            self._ring.clear()
            for _, chunk in kept:
                self._queue.put_nowait(chunk)
            self._keeping = True
        first = kept[0][0] if kept else now
        self.kept_from = first - CHUNK_SECONDS
        during_cue = sum(1 for t, _ in kept if recent and t <= CUE.ended)
        self.cue_seconds = during_cue * CHUNK_SECONDS

    def stop(self) -> None:
        with self._lock:
            self._keeping = False
        if self._overflows:
            log.warning(
                "microphone input overflowed %d times; some audio was lost", self._overflows
            )

    def read(self, timeout: float = 2.0) -> bytes:
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            raise _device_error(
                "input", self.device, TimeoutError(f"no audio for {timeout:g} s")
            ) from None

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.abort()
        finally:
            stream.close()

    def __del__(self) -> None:
        # A running stream collected without close() leaves PortAudio calling a freed
        # callback: a crash. Close it here as a last resort.
        if getattr(self, "_stream", None) is not None:
            with contextlib.suppress(Exception):
                self.close()
