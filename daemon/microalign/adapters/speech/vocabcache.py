"""Which words a speech model knows, remembered per model so its word list is read once.

Reading a large model's word list (the symbol table of a 48 MB FST) takes about 0.2 s, and
every check-in runs in a new process: the answers (word -> known) are kept in this process
and, given a directory, in a small JSON file there. Both are keyed by the model's directory
and the word list's modification time and size, so a changed model is read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from microalign.errors import MicroalignError

log = logging.getLogger(__name__)

WORD_LISTS = ("graph/words.txt", "graph/Gr.fst", "graph/HCLG.fst")

Key = tuple[str, str, int, int]  # model directory, word list, mtime (ns), size

# This process's answers, for every model it has asked about.
_TABLES: dict[Key, dict[str, bool]] = {}


def word_list_key(model: Path) -> Key | None:
    """The key of the model's word list (the first of WORD_LISTS it has); None if none."""
    for name in WORD_LISTS:
        try:
            stat = (model / name).stat()
        except OSError:
            continue
        return (str(model.resolve()), name, stat.st_mtime_ns, stat.st_size)
    return None


class VocabularyCache:
    """word -> known, per model; on disk in `directory` too when it is given."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory

    def table(self, key: Key) -> dict[str, bool]:
        """What is known about the words of `key`'s model (a live dict: see `add`)."""
        table = _TABLES.get(key)
        if table is None:
            table = _TABLES[key] = self._read(key)
        return table

    def add(self, key: Key, answers: dict[str, bool]) -> None:
        self.table(key).update(answers)
        self._write(key)

    def _file(self, key: Key) -> Path | None:
        if self.directory is None:
            return None
        name = hashlib.sha256(key[0].encode()).hexdigest()[:24]
        return self.directory / "vocabulary" / f"{name}.json"

    def _read(self, key: Key) -> dict[str, bool]:
        path = self._file(key)
        if path is None:
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("key") != list(key):
            return {}  # another model, or this one changed since
        known = data.get("known", {})
        return {str(w): bool(ok) for w, ok in known.items()} if isinstance(known, dict) else {}

    def _write(self, key: Key) -> None:
        path, folder = self._file(key), self.directory
        if path is None or folder is None:
            return
        from microalign.adapters.paths import private_dir

        text = json.dumps({"key": list(key), "known": _TABLES[key]}, ensure_ascii=False)
        try:
            private_dir(folder)  # the cache's own folder: 0700 like the data folder around it
            private_dir(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vocabulary-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except (OSError, MicroalignError) as exc:  # the next check-in reads the list again
            log.info("cannot remember the model's vocabulary in %s: %s", path, exc)
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
