"""Headless Chromium: an HTML page to a PNG of its full height.

Two runs of the browser's own command line, each with a fresh profile in a temporary
folder: the first lays the page out at the wanted width and reports its height (a script
added to a copy of the page only), the second takes the screenshot at that size.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

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
)
TIMEOUT_SECONDS = 120
MAX_HEIGHT = 32_000  # a longer page is cut here: a picture that tall is no longer shared
_MEASURE = (
    "<script>document.documentElement.setAttribute('data-height',"
    "String(document.documentElement.scrollHeight))</script>"
)
_HEIGHT = re.compile(r'data-height="(\d+)"')


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
    with tempfile.TemporaryDirectory(prefix="microalign-png-") as tmp:
        folder = Path(tmp)
        measure = folder / "measure.html"
        measure.write_text(_with_measure(html), encoding="utf-8")
        out = _run(binary, folder / "profile-1", ["--dump-dom", measure.as_uri()], width, 800)
        found = _HEIGHT.search(out)
        if found is None:
            raise ExternalProgramError.keyed("chromium_failed", binary=binary, detail="no layout")
        height = min(max(int(found.group(1)), 1), MAX_HEIGHT)
        page, shot = folder / "report.html", folder / "report.png"
        page.write_text(html, encoding="utf-8")
        _run(binary, folder / "profile-2", [f"--screenshot={shot}", page.as_uri()], width, height)
        if not shot.is_file():
            raise ExternalProgramError.keyed("chromium_failed", binary=binary, detail="no image")
        return shot.read_bytes(), (width, height)


def _with_measure(html: str) -> str:
    end = html.rfind("</body>")
    return html + _MEASURE if end < 0 else html[:end] + _MEASURE + html[end:]


def _run(binary: str, profile: Path, args: list[str], width: int, height: int) -> str:
    command = [binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
    # No session bus: a headless page needs none, and the user's desktop stays untouched.
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "disabled:"}
    log.debug("running %s", command + args)
    try:
        done = subprocess.run(
            command + args,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ExternalProgramError.keyed(
            "chromium_failed", binary=binary, detail=type(exc).__name__
        ) from None
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise ExternalProgramError.keyed("chromium_failed", binary=binary, detail=detail[:200])
    return done.stdout
