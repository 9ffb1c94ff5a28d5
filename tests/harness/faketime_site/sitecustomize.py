"""Python children under the test clock (tests/harness/clock.py) load this at start: the
harness puts this folder first on their PYTHONPATH, next to libfaketime.

libfaketime (0.9.10) leaves their monotonic clock real (FAKETIME_DONT_FAKE_MONOTONIC=1),
so timed lock and condition waits wait as long as asked; faked, its deadlines lay weeks
off and every `Event.wait(t)` returned at once. Yet with the monotonic clock left real it
garbles `clock_nanosleep` with an absolute deadline, which `time.sleep` uses (it hangs, or
fails with EINVAL): `time.sleep` waits in `select` here instead, a relative timeout that
libfaketime leaves alone. Outside such a child this file does nothing.
"""

import os

if (
    "faketime" in os.environ.get("LD_PRELOAD", "")
    and os.environ.get("FAKETIME_DONT_FAKE_MONOTONIC") == "1"
):
    import select
    import time

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            select.select([], [], [], left)

    time.sleep = _sleep
