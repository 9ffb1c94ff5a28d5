"""The one semaphore every libfaketime child of a test run shares.

libfaketime (0.9.10) makes each process it starts in create a POSIX semaphore and shared
memory, and passes them to its children (FAKETIME_SHARED): a daemon's check-in process
shares the daemon's. It holds that semaphore at start and around every stat() call, so a
process killed (SIGKILL) or ending while it holds it blocks every process sharing it, for
ever, at its next stat() or at its start; and the files of a killed process stay in
/dev/shm. The tests kill processes on purpose, so their children all share one semaphore
of this run with many units instead: a kill takes one unit at most, the rest stay usable,
and nothing is left in /dev/shm after the run.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

SHM = Path("/dev/shm")
UNITS = 10_000  # far more than the processes a run kills while they hold one


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.sem_open.restype = ctypes.c_void_p
    return libc


@dataclass(frozen=True)
class SharedLock:
    """A semaphore with `units` units and the shared memory libfaketime keeps with it."""

    sem: str  # "/name", as sem_open takes it
    shm: str  # "/name", as shm_open takes it

    @property
    def shared(self) -> str:
        return f"{self.sem} {self.shm}"

    @classmethod
    def create(cls, units: int = UNITS) -> SharedLock:
        name = f"microalign-tests-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        lock = cls(f"/{name}-sem", f"/{name}-shm")
        handle = _libc().sem_open(lock.sem.encode(), os.O_CREAT | os.O_EXCL, 0o600, units)
        if not handle:
            raise OSError(ctypes.get_errno(), f"sem_open {lock.sem}")
        _libc().sem_close(ctypes.c_void_p(handle))
        fd = os.open(SHM / lock.shm[1:], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as memory:
            memory.write(bytes(4096))  # libfaketime maps its counters here without sizing it
        return lock

    def take(self, count: int) -> None:
        """Take `count` units and never give them back, as a process killed while it
        holds one does."""
        libc = _libc()
        handle = libc.sem_open(self.sem.encode(), 0)
        if not handle:
            raise OSError(ctypes.get_errno(), f"sem_open {self.sem}")
        for _ in range(count):
            libc.sem_wait(ctypes.c_void_p(handle))
        libc.sem_close(ctypes.c_void_p(handle))

    def remove(self) -> None:
        _libc().sem_unlink(self.sem.encode())
        (SHM / self.shm[1:]).unlink(missing_ok=True)


@functools.cache
def run_lock() -> SharedLock:
    """The lock every faked child of this test run shares; removed when the run ends."""
    lock = SharedLock.create()
    atexit.register(lock.remove)
    return lock
