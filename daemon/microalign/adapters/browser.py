"""Headless Chromium: an HTML page to a PNG of its full height.

One run of the browser, driven through its DevTools pipe (`--remote-debugging-pipe`: JSON
messages ending in a NUL byte, read from file descriptor 3 and written to 4). The page is laid
out at exactly the wanted width, its full height is measured once its fonts are ready, and
the screenshot is taken at that height. The browser's own `--screenshot` cannot do this: a
headless window is never narrower than 500 px, so a narrower page was measured at 500 px and
drawn at its own width, taller than measured, and the picture stopped before its end.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import select
import shutil
import signal
import struct
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from microalign.errors import ExternalProgramError

log = logging.getLogger(__name__)

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--remote-debugging-pipe",
)
TIMEOUT_SECONDS = 120
MAX_HEIGHT = 32_000  # a longer page is cut here: a picture that tall is no longer shared
# The browser reads the pipe on descriptor 3 and writes on 4; the shell moves the child's
# standard input and output there, so no descriptor of ours needs a fixed number.
_ON_PIPE = 'exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null'
_HEIGHT = "document.fonts.ready.then(() => document.documentElement.scrollHeight)"


def find_chromium() -> str | None:
    """The first Chromium-like browser on PATH."""
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html: str, width: int) -> tuple[bytes, tuple[int, int]]:
    """The PNG of `html` laid out `width` pixels wide, and its (width, height)."""
    binary = find_chromium()
    if binary is None:
        raise ExternalProgramError.keyed("chromium_missing", names=", ".join(CANDIDATES))
    with tempfile.TemporaryDirectory(prefix="microalign-png-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        page = folder / "report.html"
        page.write_text(html, encoding="utf-8")
        with (folder / "stderr.txt").open("w+b") as errors:
            browser = _DevTools(binary, folder / "profile", errors)
            try:
                png = _shoot(browser, page.as_uri(), width)
            finally:
                browser.close()
    size = struct.unpack(">II", png[16:24]) if png[12:16] == b"IHDR" else (0, 0)
    return png, (int(size[0]), int(size[1]))


def save_png(html: str, output: Path, width: int) -> tuple[int, int]:
    """The page as a PNG of its full height, `width` pixels wide, written privately to
    `output`; returns its size."""
    from microalign.adapters.files import write_private

    png, size = screenshot(html, width)
    write_private(output, png)
    return size


def _shoot(browser: _DevTools, url: str, width: int) -> bytes:
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})
    tab = session["sessionId"]
    # A low first viewport: a short page is measured by its content, not by the window.
    browser.call("Emulation.setDeviceMetricsOverride", _metrics(width, 100), tab)
    browser.call("Page.enable", {}, tab)
    browser.call("Page.navigate", {"url": url}, tab)
    browser.wait_for("Page.loadEventFired", tab)
    height = 0
    for _ in range(3):  # until the page is as tall as the viewport it is laid out in
        measured = min(max(int(browser.evaluate(_HEIGHT, tab)), 1), MAX_HEIGHT)
        if measured == height:
            break
        height = measured
        browser.call("Emulation.setDeviceMetricsOverride", _metrics(width, height), tab)
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, tab)
    return base64.b64decode(shot["data"])


def _metrics(width: int, height: int) -> dict[str, Any]:
    return {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}


class _DevTools:
    """One headless browser and its DevTools pipe; every call shares one deadline."""

    def __init__(self, binary: str, profile: Path, errors: IO[bytes]) -> None:
        self.binary, self._errors = binary, errors
        self._deadline = time.monotonic() + TIMEOUT_SECONDS
        self._buffer, self._last_id = b"", 0
        self._events: list[dict[str, Any]] = []
        command = ["/bin/sh", "-c", _ON_PIPE, binary, *FLAGS, f"--user-data-dir={profile}"]
        # No session bus: a headless page needs none, and the user's desktop stays untouched.
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "disabled:"}
        log.debug("running %s", command)
        try:
            self._process = subprocess.Popen(
                [*command, "about:blank"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                bufsize=0,  # each message goes out whole at once, nothing is left to flush
                env=env,
                start_new_session=True,  # its helper processes end with it
            )
        except OSError as exc:
            raise self._failed(type(exc).__name__) from None

    def call(self, method: str, params: dict[str, Any], session: str | None = None) -> Any:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        pipe = self._process.stdin
        try:
            assert pipe is not None
            pipe.write(json.dumps(message).encode() + b"\0")
        except OSError:
            raise self._failed(None) from None
        while True:
            reply = self._receive()
            if reply.get("id") == self._last_id:
                if "error" in reply:
                    detail = str(reply["error"].get("message", reply["error"]))
                    raise self._failed(f"{method}: {detail}"[:200])
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def evaluate(self, expression: str, session: str) -> Any:
        params = {"expression": expression, "awaitPromise": True, "returnByValue": True}
        found = self.call("Runtime.evaluate", params, session)
        if "exceptionDetails" in found:
            raise self._failed("the page could not be measured")
        return found["result"]["value"]

    def wait_for(self, event: str, session: str) -> None:
        while True:
            for seen in self._events:
                if seen.get("method") == event and seen.get("sessionId") == session:
                    self._events.remove(seen)
                    return
            reply = self._receive()
            if "method" in reply:
                self._events.append(reply)

    def _receive(self) -> dict[str, Any]:
        pipe = self._process.stdout
        assert pipe is not None
        while b"\0" not in self._buffer:
            left = self._deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                raise self._failed("TimeoutExpired")
            chunk = os.read(pipe.fileno(), 1 << 16)
            if not chunk:
                raise self._failed(None)  # the browser ended: its last words say why
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _failed(self, detail: str | None) -> ExternalProgramError:
        if detail is None:
            try:
                code: int | None = self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                code = None
            self._errors.flush()
            self._errors.seek(0)
            lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
            detail = (lines or [f"exit {code}"])[-1][:200]
        log.info("%s could not draw the page: %s", self.binary, detail)
        return ExternalProgramError.keyed("chromium_failed", binary=self.binary, detail=detail)

    def close(self) -> None:
        process = self._process
        if process.poll() is None:
            with contextlib.suppress(ExternalProgramError):
                self.call("Browser.close", {})
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        # Its helper processes can outlive it for a moment and still write to the profile,
        # which is about to be removed: they end with it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
