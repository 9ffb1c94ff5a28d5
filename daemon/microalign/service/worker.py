"""Check-ins in a child process, so the speech model's memory (hundreds of MB, not all of
which malloc gives back) leaves with the child and the idle daemon stays small.

Parent side: `ProcessRunner` (the daemon's Runner). Child side: `main`, started as
`python -m microalign.service.checkin_process` (the composition root gives it the runner),
which answers one JSON line per JSON-line request on a private copy of stdout (anything
else printed goes to stderr, i.e. the journal).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from microalign import errors
from microalign.adapters.paths import CONFIG_ENV, DATA_ENV
from microalign.errors import MicroalignError, WorkerFailed

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.ports.daemon import Runner

log = logging.getLogger(__name__)

PARENT_ENV = "MICROALIGN_WORKER_PARENT"
CLAIMED = "claimed"  # the event a "run" sends once its check-in is claimed
CHECKIN_PROCESS = (sys.executable, "-m", "microalign.service.checkin_process")


class ProcessRunner:
    """Runner whose methods (called on the daemon's worker thread) drive one child per
    check-in: started by prepare() shortly before, gone after release()."""

    def __init__(self, paths: Paths, command: Sequence[str] | None = None) -> None:
        self.paths = paths
        self.command = list(command or CHECKIN_PROCESS)  # starts the check-in process
        self._child: subprocess.Popen | None = None

    def _spawn(self) -> subprocess.Popen:
        if self._child is None or self._child.poll() is not None:
            env = dict(os.environ)
            env[CONFIG_ENV] = str(self.paths.config_file)
            env[DATA_ENV] = str(self.paths.data_dir)
            env[PARENT_ENV] = str(os.getpid())
            self._child = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                text=True,
            )
        return self._child

    def _call(self, op: str, on_event: Callable[[str], None] | None = None, **args: Any) -> Any:
        """Send one request and wait for its reply; lines the child sends on the way
        ({"event": NAME}: the check-in was claimed) go to `on_event`, each answered with
        {"ack": NAME} once handled."""
        child = self._spawn()
        assert child.stdin is not None and child.stdout is not None  # both are pipes
        try:
            child.stdin.write(json.dumps({"op": op, **args}) + "\n")
            child.stdin.flush()
            line = child.stdout.readline()
            while line and "event" in (reply := json.loads(line)):
                if on_event is not None:
                    on_event(reply["event"])
                # The child waits for this: what the event starts here (the check-in's
                # notification) comes before its first word.
                child.stdin.write(json.dumps({"ack": reply["event"]}) + "\n")
                child.stdin.flush()
                line = child.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            code = child.wait()
            self._child = None
            raise WorkerFailed(
                f"The check-in process ended unexpectedly (exit code {code}).",
                "Answers given so far are saved; see the journal for its error.",
            )
        reply = json.loads(line)
        if "error" in reply:
            raise _rebuild(reply)
        if "failure" in reply:
            raise WorkerFailed(f"The check-in process failed: {reply['failure']}")
        return reply.get("result")

    def recover(self) -> None:
        try:
            self._call("recover")
        finally:
            self.release()

    def prepare(self, name: str) -> None:
        self._call("prepare", name=name)

    def run(
        self,
        name: str,
        day: date,
        requested: bool = False,
        on_claimed: Callable[[], None] | None = None,
    ) -> str:
        def event(kind: str) -> None:
            if kind == CLAIMED and on_claimed is not None:
                on_claimed()

        return self._call("run", event, name=name, day=day.isoformat(), requested=requested)

    def level_up(self, goal_id: int) -> str | None:
        try:
            return self._call("level_up", goal_id=goal_id)
        finally:
            self.release()

    def release(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        try:
            if child.stdin is not None:
                child.stdin.close()  # EOF: the child releases its speech engines and exits
            child.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait()

    def interrupt(self) -> None:
        """SIGTERM for the running check-in: it ends where it is; answers are stored."""
        child = self._child
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)


def _rebuild(reply: dict[str, Any]) -> MicroalignError:
    """The child's error as the same class here (BusyError, SpeechError, ...)."""
    kind = getattr(errors, reply["error"], MicroalignError)
    if not (isinstance(kind, type) and issubclass(kind, MicroalignError)):
        kind = MicroalignError
    error = kind.__new__(kind)
    fields = {k: _from_wire(v) for k, v in (reply.get("fields") or {}).items()}
    key = reply.get("key")
    MicroalignError.__init__(error, reply["message"], reply.get("hint"), key=key, fields=fields)
    return error


def _to_wire(value: Any) -> Any:
    """A keyed error's field as JSON: texts by key stay texts by key, the rest as shown."""
    from microalign.i18n import Keyed, Ref

    if isinstance(value, Ref | Keyed):  # before str: a Keyed text is one
        return {"ref": value.key, "fields": {k: _to_wire(v) for k, v in value.fields.items()}}
    return value if isinstance(value, int | float | str | None) else str(value)


def _from_wire(value: Any) -> Any:
    from microalign.i18n import Ref

    if isinstance(value, dict):
        return Ref(value["ref"], {k: _from_wire(v) for k, v in value["fields"].items()})
    return value


def _error_reply(exc: MicroalignError) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "error": type(exc).__name__,
        "message": exc.message,
        "hint": exc.hint,
    }
    if exc.key is not None:
        reply["key"] = exc.key
        reply["fields"] = {k: _to_wire(v) for k, v in exc.fields.items()}
    return reply


def _serve(proto, requests, make_runner: Callable[[Paths], Runner]) -> None:
    from microalign.adapters.paths import resolve

    runner = make_runner(resolve())

    def claimed() -> None:
        proto.write(json.dumps({"event": CLAIMED}) + "\n")
        proto.flush()
        next(requests, None)  # the daemon's ack: it has taken note (None: it is gone)

    operations = {
        "recover": lambda r: runner.recover(),
        "prepare": lambda r: runner.prepare(r["name"]),
        "run": lambda r: runner.run(
            r["name"], date.fromisoformat(r["day"]), r.get("requested", False), claimed
        ),
        "level_up": lambda r: runner.level_up(r["goal_id"]),
    }
    try:
        for line in requests:
            request = json.loads(line)
            try:
                reply = {"result": operations[request["op"]](request)}
            except MicroalignError as exc:
                reply = _error_reply(exc)
            except Exception as exc:
                if _stopped.is_set():  # the stop, turned into another error on its way
                    raise Terminated from exc
                log.exception("The %s request failed", request.get("op"))  # a bug: retried once
                reply = {"failure": repr(exc)}
            proto.write(json.dumps(reply) + "\n")
            proto.flush()
    finally:
        runner.release()


def _die_with_parent(parent: int) -> None:
    """A daemon killed with SIGKILL must not leave its check-in talking (or holding the
    check-in lock): ask the kernel for SIGTERM when the parent goes."""
    import ctypes
    import ctypes.util

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux/glibc: systemd's KillMode still applies
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        sys.exit(0)


class Terminated(BaseException):
    """SIGTERM (the daemon stops, or died): end the check-in where it is. A BaseException,
    so that nothing on the way mistakes it for a failed answer."""


# Set by SIGTERM: Python turns an exception raised in some places into another one (in a
# class body's __set_name__, e.g. while a module is imported lazily, it becomes a
# RuntimeError), and the stop must not pass for a failed request.
_stopped = threading.Event()


def _terminate(signum: int, frame: object) -> None:
    # Once: systemd's stop signals every process of the unit and the daemon signals its
    # check-in once more; a second Terminated must not cut short the first one's cleanup
    # (releasing the claim).
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _stopped.set()
    raise Terminated


def main(make_runner: Callable[[Paths], Runner]) -> None:
    """The check-in process: serve the daemon's requests with the runner `make_runner`
    makes for the paths the daemon handed down."""
    signal.signal(signal.SIGTERM, _terminate)
    _die_with_parent(int(os.environ.get(PARENT_ENV, "0")) or os.getppid())
    # The protocol gets its own copy of stdout; fd 1 then points at stderr so that a stray
    # print() from a library cannot corrupt it.
    proto = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    from microalign.adapters.logsetup import configure

    configure(logging.INFO)
    try:
        _serve(proto, sys.stdin, make_runner)
    except Terminated:
        # The claim was released as "interrupted" on the way out: it resumes later.
        log.info("Check-in process stopped; the answers given so far are saved")
