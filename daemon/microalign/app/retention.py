"""Audio retention: recorded answers older than `audio.keep_days` are deleted (0 keeps all).

Only transcribed answers lose their audio; a pending one still needs it for Vosk.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from microalign.ports.store import AudioRecords

log = logging.getLogger(__name__)


def prune_audio(store: AudioRecords, keep_days: int, today: date) -> int:
    """Delete expired answer audio and forget its path; returns how many files went."""
    if keep_days <= 0:
        return 0
    cutoff = today - timedelta(days=keep_days)
    rows = store.expired_audio(cutoff)
    for row in rows:
        assert row.audio_path is not None  # expired_audio gives only answers with audio
        try:
            store.audio_file(row.audio_path).unlink(missing_ok=True)
        except OSError as exc:  # keep the path: the next run tries again
            log.warning("cannot delete expired audio %s: %s", row.audio_path, exc)
            continue
        store.forget_audio(row.id)
    if rows:
        log.info("deleted %d recorded answers older than %d days", len(rows), keep_days)
    return len(rows)
