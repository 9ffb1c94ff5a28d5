"""What a person sees of the report: the page in headless Chromium (Debian's chromium driven
by Playwright, on the real clock: see tests/harness/clock.py), and the pixels of a PNG as
Chromium reads them."""

from __future__ import annotations

import base64
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.harness.clock import CHROMIUM

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Any, path: Path, width: int, scheme: str = "light") -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(path.as_uri())
    return page


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def ink(browser: Any, png: bytes, top: float, bottom: float) -> int:
    """How many pixels of the PNG's rows `top` to `bottom` differ clearly from the colour of
    the band's first pixel (the page's background): text, lines and marks. Read by
    Chromium from the picture itself."""
    height = png_size(png)[1]
    page = browser.new_page()
    try:
        source = "data:image/png;base64," + base64.b64encode(png).decode()
        page.set_content(f'<img id="shot" src="{source}">')
        return page.evaluate(_COUNT_INK, [int(top), min(int(bottom) + 1, height)])
    finally:
        page.close()


_COUNT_INK = """async ([top, bottom]) => {
  const img = document.getElementById('shot');
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  if (bottom <= top) return 0;
  const data = context.getImageData(0, top, canvas.width, bottom - top).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const diff = Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1])
      + Math.abs(data[i + 2] - data[2]);
    if (diff > 60) count++;
  }
  return count;
}"""
