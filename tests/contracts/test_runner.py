"""The `Runner` contract (what the daemon needs from whoever runs check-ins), run against
both implementations: `CheckinRunner` in the daemon's own process and `ProcessRunner`,
which drives a check-in child process. Speech is the scripted test speech, so the
contract is about the check-in, not about recognition."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.store import SqliteStore
from microalign.core.vocabulary import ALREADY_DONE, DONE, SKIPPED
from microalign.ports.daemon import Runner
from microalign.service.runner import CheckinRunner
from microalign.service.worker import ProcessRunner
from tests.harness import composed, scripted
from tests.harness.daemon import checkins_toml, scripted_speech, write_config
from tests.harness.scripted import events

DAY = date(2026, 5, 4)
IMPLEMENTATIONS = {
    "in-process": lambda paths: CheckinRunner(paths, scripted.make),
    "check-in process": lambda paths: ProcessRunner(
        paths, composed.command("checkin-process", "scripted")
    ),
}


@pytest.fixture(params=sorted(IMPLEMENTATIONS))
def runner(request, home, tmp_path, monkeypatch) -> Iterator[Runner]:
    request.node.speech_log = scripted_speech(monkeypatch, tmp_path, ["a calm start"])
    write_config(resolve(), checkins_toml("07:30"))
    made = IMPLEMENTATIONS[request.param](resolve())
    yield made
    made.release()


def _status(name: str) -> str | None:
    with SqliteStore.open(resolve().database) as store:
        return store.checkin_status(DAY, name)


def _said(request) -> list[str]:
    return [e["text"] for e in events(request.node.speech_log) if e["event"] == "say"]


def test_runner_run_prepared_checkin_done_and_stored(runner: Runner, request):
    runner.prepare("morning")
    assert runner.run("morning", DAY) == DONE
    assert _status("morning") == DONE
    assert "Good morning. Let's take a minute for today." in _said(request)


def test_runner_run_claims_before_saying_anything_tells_once(runner: Runner, request):
    told: list[tuple[str | None, int]] = []

    def claimed() -> None:  # what the check-in's row and speech were at that moment
        # A daemon busy elsewhere takes its time: nothing may be said meanwhile.
        time.sleep(0.5)
        told.append((_status("morning"), len(_said(request))))

    assert runner.run("morning", DAY, False, claimed) == DONE
    assert told == [("running", 0)]


def test_runner_run_settled_checkin_already_done_says_nothing(runner: Runner, request):
    with SqliteStore.open(resolve().database) as store:
        store.record_checkin(DAY, "morning", SKIPPED)
    told: list[bool] = []
    assert runner.run("morning", DAY, False, lambda: told.append(True)) == ALREADY_DONE
    assert _status("morning") == SKIPPED
    assert _said(request) == [] and told == []


def test_runner_release_recover_without_work_return(runner: Runner):
    runner.release()  # nothing prepared
    runner.recover()  # nothing pending
    runner.prepare("morning")
    runner.release()
    runner.release()  # twice is fine
    assert _status("morning") is None  # preparing starts no check-in
