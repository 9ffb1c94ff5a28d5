"""`report --png`: the report as one picture of its full height, drawn by the Chromium on
PATH; without one, a clear error that says how to install it."""

from __future__ import annotations

from pathlib import Path

import pytest

from microalign.errors import ExternalProgramError
from microalign.i18n import KO
from tests.harness.report_data import TODAY, microalign_at, write_realistic_store
from tests.harness.report_view import chromium, ink, open_page, png_size


def _report_pair(cli, folder: Path, width: int) -> tuple[Path, Path, str]:
    """The realistic store's report made on TODAY: as a PNG `width` wide and as HTML."""
    assert cli("goals", "list").code == 0
    write_realistic_store(TODAY)
    png, html = folder / "report.png", folder / "report.html"
    made = microalign_at(TODAY, "report", "--png", "--width", str(width), "-o", str(png))
    assert made.code == 0, made.err
    assert microalign_at(TODAY, "report", "-o", str(html)).code == 0
    return png, html, made.err


def test_report_png_realistic_store_full_height_private_png(cli, tmp_path):
    png, html, said = _report_pair(cli, tmp_path, 800)
    width, height = png_size(png.read_bytes())
    with chromium() as browser:
        page = open_page(browser, html, 800)
        assert (width, height) == (800, page.evaluate("document.documentElement.scrollHeight"))
    assert f"to {png} (800×{height} px)" in said
    assert (png.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("width", [360, 1400])
def test_report_png_narrow_and_wide_whole_page_down_to_footer(cli, tmp_path, width):
    png, html, _ = _report_pair(cli, tmp_path, width)
    data = png.read_bytes()
    with chromium() as browser:
        page = open_page(browser, html, width)
        height = page.evaluate("document.documentElement.scrollHeight")
        footer = page.locator("footer").bounding_box()
        values = page.locator("svg.values-chart").last.bounding_box()
        page.close()
        assert png_size(data) == (width, height)
        # The last value chart and the footer's words are in the picture, where the page
        # has them.
        assert footer["y"] + footer["height"] <= height
        assert ink(browser, data, footer["y"], footer["y"] + footer["height"]) > 200
        assert ink(browser, data, values["y"], values["y"] + values["height"]) > 1000


def test_report_png_default_name_and_width(cli, home, monkeypatch):
    monkeypatch.chdir(home)
    assert cli("goals", "add", "Drink <b>water</b>").code == 0
    result = cli("report", "--png")
    assert result.code == 0, result.err
    width, height = png_size((home / "microalign-report.png").read_bytes())
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
