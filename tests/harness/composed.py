"""The program's processes composed with test speech, run instead of `python -m microalign`
(the composition root's public functions put them together; no environment variable names
code to load):

    composed.py daemon SPEECH            `microalign run`, its check-in processes as below
    composed.py checkin-process SPEECH   the check-in process the daemon starts
    composed.py cli SPEECH ARGS...       `microalign ARGS`, a spoken check-in with SPEECH

SPEECH is `scripted` (tests/harness/scripted.py) or `logged_voice` (the real voice,
logged: tests/harness/logged_voice.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

# Run as a script: the repository instead of this folder first on the path, so that
# `tests` is importable and no harness module passes for a library's.
sys.path[0] = str(Path(__file__).resolve().parents[2])

SPEECH = ("scripted", "logged_voice")


def speech_factory(name: str) -> Callable:
    if name == "scripted":
        from tests.harness import scripted

        return scripted.make
    if name == "logged_voice":
        from tests.harness import logged_voice

        return logged_voice.make
    raise SystemExit(f"unknown speech {name!r}: one of {', '.join(SPEECH)}")


def command(role: str, speech: str = "scripted", *args: str) -> list[str]:
    """The command line of `role` (daemon, checkin-process, cli) with `speech`."""
    return [sys.executable, str(Path(__file__).resolve()), role, speech, *args]


def _daemon(speech: str) -> int:
    """Like `microalign run`; the scripted speech needs no model, so speech always works."""
    from microalign.adapters.logsetup import configure
    from microalign.adapters.paths import resolve
    from microalign.errors import MicroalignError
    from microalign.service import compose
    from microalign.service.serve import serve

    configure(logging.INFO)
    for noisy in ("apscheduler", "desktop_notifier"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    paths = resolve()
    wiring = compose.default_wiring(paths)
    if speech == "scripted":
        wiring = replace(wiring, speech_problem=lambda config: None)
    try:
        return serve(paths, wiring=wiring, checkin_command=command("checkin-process", speech))
    except MicroalignError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code


def main(argv: list[str]) -> int:
    role, speech, *args = argv
    if role == "daemon":
        return _daemon(speech)
    if role == "checkin-process":
        from microalign.service.compose import run_checkin_process

        run_checkin_process(speech_factory(speech))
        return 0
    if role == "cli":
        from microalign.cli import main as cli_main

        return cli_main(args, speech=speech_factory(speech))
    raise SystemExit(f"unknown role {role!r}: daemon, checkin-process or cli")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
