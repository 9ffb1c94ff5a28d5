"""Answer audio sealed with AES-GCM in authenticated chunks.

A sealed file is a header (magic, sample format, a random nonce prefix) and then one chunk
per write: its length and its ciphertext, whose nonce is the prefix plus the chunk's number
and whose associated data binds the header, the number and whether it is the last chunk. So
a recording is written as it is heard (a crash loses at most the chunk being written), no
chunk can be moved, swapped or changed unnoticed, and a reader tells a finished recording
from one that was cut off.

The audio key of the open store is set once per process (`use_key`): every writer of answer
audio seals with it, and `read_audio` opens sealed and plain files alike.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

MAGIC = b"MAUDIO1\x00"
_HEADER = struct.Struct(">8sIHH8s")  # magic, rate, channels, sample width, nonce prefix
_LENGTH = struct.Struct(">I")
TAG = 16
# A chunk longer than this is a damaged length field, not audio.
MAX_CHUNK = 1 << 24

_key: dict[str, bytes] = {}


def use_key(key: bytes | None) -> None:
    """The audio key of the store this process uses (None: a plain store)."""
    if key is None:
        _key.pop("audio", None)
    else:
        _key["audio"] = key


def current_key() -> bytes | None:
    return _key.get("audio")


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _cipher(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _aad(header: bytes, number: int, final: bool) -> bytes:
    return header + struct.pack(">IB", number, int(final))


def _nonce(prefix: bytes, number: int) -> bytes:
    return prefix + struct.pack(">I", number)


class SealedWriter:
    """Writes a sealed recording to an open binary file, chunk by chunk."""

    def __init__(
        self, handle: BinaryIO, key: bytes, rate: int, channels: int = 1, width: int = 2
    ) -> None:
        self._handle = handle
        self._aead = _cipher(key)
        self._prefix = os.urandom(8)
        self._header = _HEADER.pack(MAGIC, rate, channels, width, self._prefix)
        self._number = 0
        handle.write(self._header)

    def write(self, pcm: bytes, *, final: bool = False) -> None:
        sealed = self._aead.encrypt(
            _nonce(self._prefix, self._number), pcm, _aad(self._header, self._number, final)
        )
        self._handle.write(_LENGTH.pack(len(sealed)) + sealed)
        self._handle.flush()  # in the kernel at once: a crash of this process loses nothing
        self._number += 1

    def finish(self) -> None:
        self.write(b"", final=True)


@dataclass(frozen=True)
class Audio:
    pcm: bytes
    rate: int
    channels: int
    width: int
    complete: bool = True  # False: a sealed recording cut off (its last chunk lost)


class SealError(Exception):
    """A sealed file that cannot be opened: wrong key, changed, or not sealed at all.
    `reason` is a "sealed.<kind>" text, shown in the reader's language."""

    def __init__(self, kind: str, /, **fields: Any) -> None:
        from microalign.i18n import Keyed

        self.reason = Keyed(f"sealed.{kind}", **fields)
        super().__init__(str(self.reason))


def open_sealed(data: bytes, key: bytes | None) -> Audio:
    if len(data) < _HEADER.size:
        raise SealError("short")
    header = data[: _HEADER.size]
    magic, rate, channels, width, prefix = _HEADER.unpack(header)
    if magic != MAGIC:
        raise SealError("not_sealed")
    if key is None:
        raise SealError("no_key")
    from cryptography.exceptions import InvalidTag

    aead = _cipher(key)
    parts: list[bytes] = []
    at, number, complete = _HEADER.size, 0, False
    while at + _LENGTH.size <= len(data):
        (length,) = _LENGTH.unpack_from(data, at)
        body = data[at + _LENGTH.size : at + _LENGTH.size + length]
        if length < TAG or length > MAX_CHUNK or len(body) < length:
            break  # the chunk being written when the recording stopped
        nonce = _nonce(prefix, number)
        try:
            parts.append(aead.decrypt(nonce, body, _aad(header, number, False)))
        except InvalidTag:
            try:
                aead.decrypt(nonce, body, _aad(header, number, True))
            except InvalidTag:
                raise SealError("chunk", number=number) from None
            complete = True
            break
        at += _LENGTH.size + length
        number += 1
    return Audio(b"".join(parts), rate, channels, width, complete)


def seal_file(source: Path, target: Path, key: bytes) -> None:
    """Write the plain WAV `source` sealed to `target` (0600, synced)."""
    import wave

    with wave.open(str(source), "rb") as wav:
        params = (wav.getframerate(), wav.getnchannels(), wav.getsampwidth())
        pcm = wav.readframes(wav.getnframes())
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        writer = SealedWriter(handle, key, *params)
        step = 1 << 16
        for at in range(0, len(pcm), step):
            writer.write(pcm[at : at + step])
        writer.finish()
        os.fsync(handle.fileno())


def unseal_file(source: Path, target: Path, key: bytes) -> None:
    """Write the sealed `source` as a plain WAV to `target` (0600, synced)."""
    import wave

    audio = open_sealed(source.read_bytes(), key)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        with wave.open(handle, "wb") as wav:
            wav.setnchannels(audio.channels)
            wav.setsampwidth(audio.width)
            wav.setframerate(audio.rate)
            wav.writeframes(audio.pcm)
        handle.flush()
        os.fsync(handle.fileno())
