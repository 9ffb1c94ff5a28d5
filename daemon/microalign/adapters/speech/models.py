"""Speech models: the catalogue, finding an installed model, and fetching one.

A fetch downloads to `<name>.zip.part` (resumed with an HTTP Range request after an
interruption), checks the SHA-256, unpacks into a temporary directory beside the target and
renames it into place, so a model directory is either complete or absent.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from microalign.adapters.paths import private_dir
from microalign.adapters.speech.download import (
    Progress,
    download,
    fetch_files,
    sha256_of,
)
from microalign.errors import ModelError
from microalign.i18n import EN, Keyed

log = logging.getLogger(__name__)

CATALOGUE_ENV = "MICROALIGN_MODEL_CATALOGUE"
VOSK = "vosk"
WHISPER = "whisper"
AUTO = "auto"
# The files of a CTranslate2 Whisper model directory (faster-whisper).
WHISPER_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
# In a checkout, models/ beside daemon/ holds the catalogue and may hold models.
CHECKOUT_MODELS = Path(__file__).resolve().parents[4] / "models"


@dataclass(frozen=True)
class Entry:
    name: str
    language: str
    description: str = ""
    url: str | None = None
    size_mb: float | None = None
    # The published size in bytes: the archive's (checked after download), or all files'.
    size: int | None = None
    sha256: str | None = None
    package: str | None = None  # importable package holding the model in <pkg>/model
    pip: str | None = None
    engine: str = VOSK  # which recogniser reads it: VOSK or WHISPER
    # SHA-256 of each file of an unpacked model, checked before its first use (a model
    # installed from a package has no archive whose checksum a fetch could check).
    files: dict[str, str] | None = None

    def how_to_get(self) -> str:
        if self.pip:
            return f"pip install {self.pip}"
        return f"microalign models fetch {self.name}"

    @property
    def recommendable(self) -> bool:
        """Installable without trusting an unverified download: a package, or a fetch
        whose SHA-256 the catalogue knows."""
        return bool(self.pip or (self.url and self.verifiable))

    @property
    def verifiable(self) -> bool:
        """Whether a fetch can check what it downloaded: the archive's or each file's SHA-256."""
        return bool(self.sha256 or (self.files and self.engine == WHISPER))


def recommended(language: str, entries: list[Entry]) -> list[Entry]:
    """The models offered when none of `language` is installed."""
    return [e for e in entries if e.language == language and e.recommendable]


def language_name(code: str) -> str:
    """ "Korean" for "ko", in whichever language shows it; an unknown code as it is."""
    return Keyed(f"language.{code}") if EN.has(f"language.{code}") else code


def catalogue_path() -> Path:
    override = os.environ.get(CATALOGUE_ENV)
    if override:
        return Path(override)
    for candidate in (CHECKOUT_MODELS / "catalogue.json", _packaged_catalogue()):
        if candidate.is_file():
            return candidate
    return CHECKOUT_MODELS / "catalogue.json"


def _packaged_catalogue() -> Path:
    from importlib.resources import files

    return Path(str(files("microalign").joinpath("data/catalogue.json")))


def load_catalogue(path: Path | None = None) -> list[Entry]:
    path = path or catalogue_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Entry(**item) for item in data["models"]]
    except FileNotFoundError:
        raise ModelError.keyed("model_catalogue_missing", path=path) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError.keyed("model_catalogue_invalid", path=path, error=exc) from None


def find_entry(name: str, entries: list[Entry]) -> Entry | None:
    return next((e for e in entries if e.name == name), None)


def entry_or_error(name: str, entries: list[Entry]) -> Entry:
    entry = find_entry(name, entries)
    if entry is None:
        names = ", ".join(e.name for e in entries)
        raise ModelError.keyed("model_unknown", name=repr(name), names=names)
    return entry


# --- finding installed models ----------------------------------------------------------


def engine_of_dir(path: Path) -> str | None:
    """Which recogniser reads the model directory at `path`; None if it holds no model."""
    if not path.is_dir():
        return None
    if (path / "am").is_dir() and (path / "conf").is_dir():
        return VOSK
    if all((path / name).is_file() for name in WHISPER_FILES):
        return WHISPER
    return None


def is_model_dir(path: Path) -> bool:
    return engine_of_dir(path) is not None


def installed_path(entry: Entry, models_dir: Path) -> Path | None:
    """Where `entry` is installed: the data dir, the checkout, or a Python package."""
    for base in (models_dir, CHECKOUT_MODELS):
        if is_model_dir(base / entry.name):
            return base / entry.name
    if entry.package:
        spec = importlib.util.find_spec(entry.package)
        if spec is not None and spec.origin:
            path = Path(spec.origin).parent / "model"
            if is_model_dir(path):
                return path
    return None


# Where `.ci/setup --language` notes the language it installed for, in the environment it
# set up (beside pyvenv.cfg), so that `init` offers it.
SETUP_LANGUAGE_FILE = "microalign-language"


def setup_language() -> str | None:
    """The language `.ci/setup` installed this environment for, if it noted one."""
    try:
        noted = (Path(sys.prefix) / SETUP_LANGUAGE_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return noted or None


def installed_languages(models_dir: Path, entries: list[Entry]) -> set[str]:
    """The languages of the speech models installed (fetched, in the checkout, packaged)."""
    return {entry.language for entry in entries if installed_path(entry, models_dir)}


@dataclass(frozen=True)
class Located:
    path: Path
    name: str
    entry: Entry | None

    @property
    def engine(self) -> str:
        if self.entry is not None:
            return self.entry.engine
        return engine_of_dir(self.path) or VOSK


def is_path_setting(setting: str) -> bool:
    """Whether a speech.model value names a directory rather than a catalogue entry."""
    return "/" in setting or setting.startswith(("~", ".")) or Path(setting).is_dir()


def setting_problem(setting: str, language: str | None, entries: list[Entry]) -> str | None:
    """What is wrong with a speech.model value, without loading the model; None if nothing.
    A directory must hold a Vosk model; a name must be in the catalogue (of `language`,
    unless that is None)."""
    if not setting:
        return None
    if is_path_setting(setting):
        path = Path(setting).expanduser()
        if not path.is_dir():
            return Keyed("model_setting.no_dir", setting=repr(setting))
        if not is_model_dir(path):
            return Keyed("model_setting.not_model", setting=repr(setting))
        return None
    entry = find_entry(setting, entries)
    if entry is None:
        return Keyed("model_setting.unknown", setting=repr(setting))
    if language is not None and entry.language != language:
        have = language_name(entry.language)
        return Keyed(
            "model_setting.wrong_language", setting=setting, have=have, language=repr(language)
        )
    return None


def locate(
    setting: str, language: str, models_dir: Path, entries: list[Entry], engine: str = AUTO
) -> Located:
    """The model to use for `language`: config.speech.model (name or directory) or the
    default, of `engine` (config.speech.engine; AUTO: the catalogue's first installed
    model of the language, Vosk entries being listed before Whisper ones)."""
    if setting and is_path_setting(setting):
        return _locate_dir(Path(setting).expanduser())
    if setting:
        entry = entry_or_error(setting, entries)
        _check_language(entry, language)
        path = installed_path(entry, models_dir)
        if path is None:
            raise ModelError.keyed("model_not_installed", name=entry.name, get=entry.how_to_get())
        return Located(path, entry.name, entry)
    wanted = [e for e in entries if engine == AUTO or e.engine == engine]
    return _locate_default(language, models_dir, wanted)


def _locate_dir(path: Path) -> Located:
    if not is_model_dir(path):
        raise ModelError.keyed("model_not_a_dir", path=path)
    return Located(path, path.name, None)


def _locate_default(language: str, models_dir: Path, entries: list[Entry]) -> Located:
    candidates = [e for e in entries if e.language == language]
    for entry in candidates:
        path = installed_path(entry, models_dir)
        if path is not None:
            return Located(path, entry.name, entry)
    offered = recommended(language, entries)
    ways: str = "`microalign models list`"
    for entry in reversed(offered):
        way = f"`{entry.how_to_get()}`"
        ways = way if entry is offered[-1] else Keyed("list.or", first=way, rest=ways)
    raise ModelError.keyed("model_none_installed", language=language_name(language), ways=ways)


def _check_language(entry: Entry, language: str) -> None:
    if entry.language != language:
        raise ModelError.keyed(
            "model_wrong_language",
            name=entry.name,
            have=language_name(entry.language),
            want=language_name(language),
        )


# --- fetching --------------------------------------------------------------------------


def fetch(
    entry: Entry,
    models_dir: Path,
    progress: Progress | None = None,
    allow_unverified: bool = False,
    timeout: float = 30.0,
) -> Path:
    """Download, verify and unpack `entry` into `models_dir`; returns the model directory."""
    if not entry.url:
        raise ModelError.keyed("model_no_url", name=entry.name, get=entry.how_to_get())
    if not entry.verifiable and not allow_unverified:
        site = entry.url.rsplit("/", 1)[0]
        raise ModelError.keyed("model_unverified", name=entry.name, site=site)
    private_dir(models_dir)  # like all of the data directory
    target = models_dir / entry.name
    if is_model_dir(target):
        return target
    if entry.engine == WHISPER and entry.files:  # published as separate files, not a zip
        return fetch_files(entry.url, entry.files, target, progress, timeout, entry.size)
    part = models_dir / f"{entry.name}.zip.part"
    download(entry.url, part, progress, timeout)
    _check_size(entry, part)
    digest = sha256_of(part)
    if entry.sha256 and digest != entry.sha256.lower():
        part.unlink(missing_ok=True)  # a clean retry, not a resume of bad bytes
        raise ModelError.keyed(
            "model_corrupt", name=entry.name, digest=digest, expected=entry.sha256
        )
    if not entry.sha256:
        log.warning("%s was not verified; its SHA-256 is %s", entry.name, digest)
    unpack(part, target)
    part.unlink()
    return target


def _check_size(entry: Entry, part: Path) -> None:
    """A download of another size than the published one is not that archive."""
    size = part.stat().st_size
    if entry.size is not None and size != entry.size:
        part.unlink(missing_ok=True)  # a clean retry, not a resume of bad bytes
        raise ModelError.keyed("model_wrong_size", name=entry.name, size=size, expected=entry.size)


def unpack(archive: Path, target: Path) -> None:
    """Extract a model zip into a temporary directory, then rename it to `target`."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        with zipfile.ZipFile(archive) as zf:
            root = tmp.resolve()
            for member in zf.namelist():
                if not (tmp / member).resolve().is_relative_to(root):
                    raise ModelError.keyed("model_unsafe_zip", archive=archive, member=repr(member))
            zf.extractall(tmp)
        model = _model_root(tmp)
        if model is None:
            raise ModelError.keyed("model_zip_empty", archive=archive.name)
        os.rename(model, target)
    except zipfile.BadZipFile as exc:
        archive.unlink(missing_ok=True)
        raise ModelError.keyed("model_bad_zip", archive=archive, error=exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _model_root(tmp: Path) -> Path | None:
    if is_model_dir(tmp):
        return tmp
    return next((p for p in sorted(tmp.iterdir()) if is_model_dir(p)), None)
