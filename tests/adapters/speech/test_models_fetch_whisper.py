"""A Whisper model fetched from its publisher as separate files: each file checked by its
SHA-256, the set moved into place whole, a cut file resumed, an altered one refused.

The publisher is stood in for by a local server (the network is closed here); the last
test serves it the real files of the packaged model, so the catalogue's checksums are
checked against real bytes through the same fetch a user runs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from microalign.adapters.paths import resolve
from microalign.adapters.speech import models
from microalign.errors import ModelError
from tests.harness.files_server import FilesServer

REVISION = "0d3d19a32d3338f10357c0889762bd8d64bbdeba"
FAKE = {
    "model.bin": bytes(range(256)) * 1200,
    "config.json": b'{"alignment_heads": []}',
    "tokenizer.json": b'{"model": {}}' * 50,
    "vocabulary.txt": b"a\nb\nc\n" * 100,
}


@pytest.fixture
def publisher():
    server = FilesServer({f"/whisper/{name}": data for name, data in FAKE.items()})
    yield server
    server.close()


def entry(server: FilesServer, files: dict[str, bytes] = FAKE) -> models.Entry:
    return models.Entry(
        "whisper-test",
        "en",
        engine=models.WHISPER,
        url=f"{server.base}/whisper/",
        size=sum(len(data) for data in files.values()),
        files={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    )


def test_fetch_whisper_files_verified_then_moved_into_place_whole(publisher, tmp_path):
    seen: list[tuple[int, int | None]] = []
    path = models.fetch(entry(publisher), tmp_path, lambda done, total: seen.append((done, total)))
    assert path == tmp_path / "whisper-test"
    assert models.engine_of_dir(path) == models.WHISPER
    assert {p.name: p.read_bytes() for p in path.iterdir()} == FAKE
    assert [p.name for p in tmp_path.iterdir()] == ["whisper-test"]  # no parts left
    total = sum(len(data) for data in FAKE.values())
    assert seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)  # never backwards


def test_fetch_whisper_cut_mid_file_resumes_only_that_file(publisher, tmp_path):
    first = entry(publisher)
    publisher.cut_after = 100_000  # model.bin (307,200 bytes) cut short
    with pytest.raises(ModelError) as info:
        models.fetch(first, tmp_path)
    assert info.value.key == "model_interrupted"
    assert not models.is_model_dir(tmp_path / "whisper-test")
    models.fetch(first, tmp_path)
    assert publisher.requests[:2] == [None, "bytes=100000-"]
    assert publisher.paths.count("/whisper/model.bin") == 2
    assert all(publisher.paths.count(f"/whisper/{n}") == 1 for n in FAKE if n != "model.bin")
    assert (tmp_path / "whisper-test" / "model.bin").read_bytes() == FAKE["model.bin"]


def test_fetch_whisper_altered_file_refused_and_nothing_installed(publisher, tmp_path):
    altered = entry(publisher, {**FAKE, "tokenizer.json": b"what the publisher published"})
    with pytest.raises(ModelError) as info:
        models.fetch(altered, tmp_path)
    assert info.value.key == "model_corrupt"
    assert altered.files is not None and altered.files["tokenizer.json"] in str(info.value)
    assert not (tmp_path / "whisper-test").exists()
    # The altered file is gone, the verified ones are kept: a retry fetches only it.
    parts = tmp_path / ".whisper-test.parts"
    assert sorted(p.name for p in parts.iterdir()) == ["config.json", "model.bin"]
    publisher.paths.clear()
    with pytest.raises(ModelError):
        models.fetch(altered, tmp_path)
    assert publisher.paths == ["/whisper/tokenizer.json"]


def test_fetch_whisper_entry_without_checksums_refused_unfetched(publisher, tmp_path):
    unverified = replace(entry(publisher), files=None)
    with pytest.raises(ModelError, match="--allow-unverified"):
        models.fetch(unverified, tmp_path)
    assert publisher.requests == []


def test_catalogue_whisper_tiny_en_pinned_to_publisher_revision():
    found = models.entry_or_error("whisper-tiny.en", models.load_catalogue())
    assert found.url == (
        f"https://huggingface.co/Systran/faster-whisper-tiny.en/resolve/{REVISION}/"
    )
    assert found.engine == models.WHISPER and found.verifiable
    assert found.files is not None and sorted(found.files) == sorted(models.WHISPER_FILES)


def test_cli_models_fetch_whisper_real_files_pass_catalogue_checksums(
    cli_process, home, monkeypatch
):
    """The packaged model's files, served as the publisher serves them, are what the
    catalogue's sizes and SHA-256s describe: `models fetch` installs them."""
    catalogue = json.loads(models.catalogue_path().read_text())
    packaged = models.installed_path(
        models.entry_or_error("whisper-tiny.en", models.load_catalogue()), home / "none"
    )
    assert packaged is not None, "the whisper extra is part of the test setup"
    files = {f"/tiny/{name}": (packaged / name).read_bytes() for name in models.WHISPER_FILES}
    server = FilesServer(files)
    try:
        for item in catalogue["models"]:
            if item["name"] == "whisper-tiny.en":
                item["url"] = f"{server.base}/tiny/"
                del item["package"]  # as on a machine without the PyPI copy
        path = home / "catalogue.json"
        path.write_text(json.dumps(catalogue))
        monkeypatch.setenv(models.CATALOGUE_ENV, str(path))
        result = cli_process("models", "fetch", "whisper-tiny.en")
    finally:
        server.close()
    fetched = resolve().models_dir / "whisper-tiny.en"
    assert result.code == 0, result.err
    assert str(fetched) in result.out and "not verified" not in result.out.lower()
    assert sorted(server.paths) == sorted(files)
    assert models.engine_of_dir(fetched) == models.WHISPER
    assert (fetched / "model.bin").stat().st_size == 75_537_502
