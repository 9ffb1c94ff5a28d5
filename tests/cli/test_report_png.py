"""`report --png`: the report as one picture of its full height, drawn by the Chromium on
PATH; without one, a clear error that says how to install it."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

from microalign.errors import ExternalProgramError
from microalign.i18n import KO
from tests.harness.report_data import write_realistic_store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _page_height(html: Path, width: int) -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(html.as_uri())
        height = page.evaluate("document.documentElement.scrollHeight")
        browser.close()
    return height


def test_report_png_realistic_store_full_height_private_png(cli, tmp_path):
    assert cli("goals", "list").code == 0
    write_realistic_store(date.today())
    out = tmp_path / "report.png"
    result = cli("report", "--png", "--width", "800", "-o", str(out))
    assert result.code == 0, result.err
    width, height = _png_size(out.read_bytes())
    html = tmp_path / "report.html"
    assert cli("report", "-o", str(html)).code == 0
    assert (width, height) == (800, _page_height(html, 800))
    assert f"to {out} (800×{height} px)" in result.err
    assert (out.stat().st_mode & 0o777) == 0o600


def test_report_png_default_name_and_width(cli, home, monkeypatch):
    monkeypatch.chdir(home)
    assert cli("goals", "add", "Drink <b>water</b>").code == 0
    result = cli("report", "--png")
    assert result.code == 0, result.err
    width, height = _png_size((home / "microalign-report.png").read_bytes())
    assert width == 900 and height > 200
    assert not (home / "microalign-report.html").exists()


def test_report_png_no_chromium_on_path_exit_14_with_install_hint(cli, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "report.png"
    result = cli("report", "--png", "-o", str(out))
    assert result.code == 14, result.err
    assert "No Chromium browser found" in result.err
    assert "sudo apt install chromium" in result.err
    assert not out.exists()


def test_report_png_no_chromium_message_in_korean():
    error = ExternalProgramError.keyed("chromium_missing", names="chromium")
    text = error.render(KO)
    assert "Chromium 브라우저를 찾지 못했어요" in text and "sudo apt install chromium" in text


def test_report_png_chromium_fails_exit_14_names_it(cli, tmp_path, monkeypatch):
    # Fault injection: a "chromium" on PATH that cannot draw anything.
    fake = tmp_path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    out = tmp_path / "report.png"
    result = cli("report", "--png", "-o", str(out))
    assert result.code == 14, result.err
    assert f"{fake} could not draw the report: cannot open display." in result.err
    assert not out.exists()
