"""Downloads that survive a cut: a `.part` file resumed with an HTTP Range request, and
a model published as separate files (a Whisper directory), each checked by its SHA-256.

The files of a model directory are gathered in a hidden folder beside the target and
renamed into place together once every one has its published checksum, so the target is
either a whole model or absent; a rerun resumes the file that was cut.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from microalign.errors import ModelError
from microalign.i18n import Keyed

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]  # (bytes so far, total or None)


def fetch_files(
    base_url: str,
    files: dict[str, str],
    target: Path,
    progress: Progress | None = None,
    timeout: float = 30.0,
    total: int | None = None,
) -> Path:
    """Download each of `files` (name -> SHA-256) from `base_url`, verify it, and move the
    whole set to `target`. `total` is the published size of all files together."""
    parts = target.parent / f".{target.name}.parts"
    parts.mkdir(mode=0o700, exist_ok=True)
    done = 0
    for name, expected in files.items():
        path = parts / name
        if not path.exists():
            part = parts / f"{name}.part"
            url = base_url.rstrip("/") + "/" + name
            download(url, part, _offset(progress, done, total), timeout)
            _verify(part, expected, target.name)
            os.rename(part, path)
        done += path.stat().st_size
    os.rename(parts, target)
    return target


def _offset(progress: Progress | None, done: int, total: int | None) -> Progress | None:
    """Progress of one file as progress of the whole set."""
    if progress is None:
        return None
    return lambda have, _size: progress(done + have, total)


def _verify(part: Path, expected: str, name: str) -> None:
    digest = sha256_of(part)
    if digest != expected.lower():
        part.unlink(missing_ok=True)  # a clean retry, not a resume of bad bytes
        raise ModelError.keyed("model_corrupt", name=name, digest=digest, expected=expected)


def download(url: str, part: Path, progress: Progress | None, timeout: float) -> None:
    import urllib.error
    import urllib.request

    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            resumed = response.status == 206
            if not resumed:
                have = 0  # the server ignored the range: start again
            length = response.headers.get("Content-Length")
            total = have + int(length) if length and length.isdigit() else None
            _copy(response, part, "ab" if resumed else "wb", have, total, progress)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:
            return  # the part file is already complete
        kept = _kept(part)
        key = "model_http_kept" if kept else "model_http"
        log.info("%s: HTTP %s %s", url, exc.code, exc.reason)
        kind = Keyed(f"http.{http_kind(exc.code)}")
        raise ModelError.keyed(key, url=url, code=exc.code, reason=kind, kept=kept) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = exc  # its category: the network, the disk, ...
        # Only bytes on disk make "it resumes where it stopped" true; without any (no
        # network, no server), the user needs the other ways to get a model.
        kept = _kept(part)
        key = "model_interrupted" if kept else "model_unreachable"
        raise ModelError.keyed(key, url=url, reason=reason, kept=kept) from None


def http_kind(code: int) -> str:
    """What an HTTP error status says, as a kind every language names."""
    if code in (404, 410):
        return "not_found"
    if code in (401, 403):
        return "refused"
    if code in (429, 503):
        return "busy"
    return "server" if code >= 500 else "other"


def _kept(part: Path) -> int:
    """Bytes a failed download leaves to resume from; an empty part file is removed."""
    try:
        size = part.stat().st_size
    except FileNotFoundError:
        return 0
    if not size:
        part.unlink(missing_ok=True)
    return size


def _copy(
    response, part: Path, mode: str, have: int, total: int | None, progress: Progress | None
) -> None:
    with open(part, mode) as out:
        while True:
            block = response.read(1 << 16)
            if not block:
                break
            out.write(block)
            have += len(block)
            if progress:
                progress(have, total)
        out.flush()
        os.fsync(out.fileno())
    if total is not None and have < total:
        raise OSError(f"connection closed after {have} of {total} bytes")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
