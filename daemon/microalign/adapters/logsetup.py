"""Log format for every process (CLI, daemon, check-in worker): timestamps unless stderr
is the systemd journal, which stamps every line itself."""

from __future__ import annotations

import logging
import os

PLAIN = "%(levelname)s %(name)s: %(message)s"


def configure(level: int) -> None:
    logging.basicConfig(level=level, format=log_format())


def log_format() -> str:
    return PLAIN if stderr_is_journal() else "%(asctime)s " + PLAIN


def stderr_is_journal() -> bool:
    # systemd sets JOURNAL_STREAM to "device:inode" of the stream it connects; children
    # inherit the variable even when their stderr goes elsewhere, so compare with fd 2.
    try:
        stat = os.fstat(2)
    except OSError:
        return False
    return os.environ.get("JOURNAL_STREAM") == f"{stat.st_dev}:{stat.st_ino}"
