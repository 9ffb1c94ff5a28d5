"""Typed mode: prompts printed to the terminal, answers read from standard input."""

from __future__ import annotations

import sys
from typing import TextIO

from microalign.core.safetext import clean, for_terminal
from microalign.errors import EndOfInput
from microalign.ports.speech import Heard, ListenRequest


class TerminalSpeaker:
    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout

    def say(self, text: str) -> None:
        # Prompts quote goal texts, which an older version may have stored unclean.
        print(for_terminal(text), file=self.out, flush=True)

    def chime(self) -> None:
        """Typed mode needs no signal: the input prompt is one."""

    def close(self) -> None:
        pass


class TerminalListener:
    def __init__(self, inp: TextIO | None = None, out: TextIO | None = None) -> None:
        self.inp = inp or sys.stdin
        self.out = out or sys.stdout

    def listen(self, request: ListenRequest) -> Heard:
        if request.hint:
            print(f"  [{for_terminal(request.hint)}]", file=self.out)
        print("> ", end="", file=self.out, flush=True)
        try:
            line = self.inp.readline()
        except KeyboardInterrupt:
            print(file=self.out)
            raise EndOfInput("Interrupted.") from None
        if not line:  # end of input: Ctrl-D or a closed pipe
            print(file=self.out)
            raise EndOfInput("Input closed.")
        # Bytes that are not UTF-8 arrive as lone surrogates (nothing can store them): they
        # become U+FFFD, an answer that is not understood and asked again.
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        text = clean(line)
        if not self.inp.isatty():
            print(text, file=self.out)  # show piped answers (as stored) next to their prompts
        return Heard(text=text)

    def close(self) -> None:
        pass
