"""`microalign models fetch` without a network says that nothing was downloaded and what
works instead; a download that really started and was cut short says it resumes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.adapters.speech.test_models_fetch import model_zip
from tests.harness.files_server import Server

NAME = "vosk-model-test-0.1"


def catalogue(folder: Path, url: str, payload: bytes, size_mb: float | None = 0.3) -> Path:
    path = folder / "catalogue.json"
    entry = {
        "name": NAME,
        "language": "en",
        "url": url,
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    if size_mb is not None:
        entry["size_mb"] = size_mb
    path.write_text(json.dumps({"version": 1, "models": [entry]}))
    return path


@pytest.fixture
def offline(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue whose model lies behind a port nothing listens on: no network."""
    path = catalogue(home, f"http://127.0.0.1:1/{NAME}.zip", b"never served")
    monkeypatch.setenv("MICROALIGN_MODEL_CATALOGUE", str(path))
    return home / "xdg_data_home" / "microalign" / "models"


def _says_nothing_downloaded(err: str) -> None:
    assert "Nothing was downloaded" in err, err
    assert "interrupted" not in err and "resumes where it stopped" not in err, err
    assert "microalign models use PATH" in err, err
    assert "microalign checkin evening --text" in err, err


def test_models_fetch_offline_says_nothing_downloaded_and_other_ways(cli, offline):
    result = cli("models", "fetch", NAME)
    assert result.code == 9, result
    _says_nothing_downloaded(result.err)
    assert not offline.exists() or list(offline.iterdir()) == []


def test_models_fetch_offline_real_process_same_message(cli_process, offline):
    result = cli_process("models", "fetch", NAME)
    assert result.code == 9, result
    _says_nothing_downloaded(result.err)


def test_models_fetch_offline_model_of_unknown_size_same_message(cli, home, monkeypatch):
    path = catalogue(home, f"http://127.0.0.1:1/{NAME}.zip", b"never served", size_mb=None)
    monkeypatch.setenv("MICROALIGN_MODEL_CATALOGUE", str(path))
    result = cli("models", "fetch", NAME)
    assert result.code == 9, result
    _says_nothing_downloaded(result.err)


def test_models_fetch_cut_short_keeps_part_and_says_it_resumes(cli, home, monkeypatch):
    server = Server(model_zip())
    try:
        path = catalogue(home, server.url, server.payload)
        monkeypatch.setenv("MICROALIGN_MODEL_CATALOGUE", str(path))
        server.cut_after = 100_000
        cut = cli("models", "fetch", NAME)
        assert cut.code == 9, cut
        assert "interrupted" in cut.err and "resumes where it stopped" in cut.err, cut.err
        assert "Nothing was downloaded" not in cut.err
        part = home / "xdg_data_home" / "microalign" / "models" / f"{NAME}.zip.part"
        assert part.stat().st_size == 100_000
        again = cli("models", "fetch", NAME)
        assert again.code == 0, again
        assert server.requests == [None, "bytes=100000-"]
    finally:
        server.close()
