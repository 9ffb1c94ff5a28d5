"""`encrypt`, `decrypt`, `key change` and `init --encrypt` as a user runs them: real
processes, SQLCipher, sealed audio, a passphrase or a real gnome-keyring on a private D-Bus."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import wave
from datetime import date
from pathlib import Path

import pytest

from microalign.adapters.paths import resolve
from tests.harness.cli import run_microalign
from tests.harness.keyring import private_keyring

PASSPHRASE = "a long and private passphrase"
SQLITE_HEADER = b"SQLite format 3"


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    state = home / "xdg_state_home"
    state.mkdir(mode=0o700, exist_ok=True)
    found = dict(os.environ, XDG_STATE_HOME=str(state))
    found.pop("MICROALIGN_PASSPHRASE", None)
    return found


def run(env: dict[str, str], *args: str, stdin: str = "", passphrase: str | None = PASSPHRASE):
    used = dict(env)
    if passphrase is not None:
        used["MICROALIGN_PASSPHRASE"] = passphrase
    return run_microalign(*args, stdin=stdin, env=used)


def folders(home: Path) -> list[Path]:
    names = ("xdg_data_home", "xdg_state_home", "xdg_cache_home")
    return [home / name for name in names]


def files_containing(home: Path, *needles: bytes) -> list[str]:
    found = []
    for folder in folders(home):
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                found += [f"{path}: {n!r}" for n in needles if n in data]
    return found


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def plain_recording(path: Path, word: bytes) -> None:
    """A WAV whose samples spell `word`: readable in the file unless it is sealed."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes((word + b" ") * 200)


def setup_store(env: dict[str, str], word: str) -> None:
    assert run(env, "init", "--no-input", "--goal", "Walk ten minutes").code == 0
    done = run(env, "checkin", "evening", "--text", "--date", "2026-11-10", stdin=f"yes\n{word}\n")
    assert done.code == 0, done.err


def test_encrypt_then_typed_checkin_no_file_holds_answer_or_sqlite_header(env, home):
    setup_store(env, "marmalade-before")
    data_dir = resolve().data_dir
    plain_recording(data_dir / "audio" / "2026-11-10" / "evening-1-feeling.wav", b"okapi-voice")
    assert files_containing(home, b"marmalade-before", b"okapi-voice")  # the test sees clear text

    encrypted = run(env, "encrypt", "--with", "passphrase")
    assert encrypted.code == 0, encrypted.err
    typed = run(env, "checkin", "evening", "--text", stdin="yes\nquetzalcoatl-answer\n")
    assert typed.code == 0, typed.err

    assert (
        files_containing(
            home, b"quetzalcoatl-answer", b"marmalade-before", b"okapi-voice", SQLITE_HEADER
        )
        == []
    )
    shown = run(env, "history", "--days", "5")
    assert "quetzalcoatl-answer" in shown.out and "marmalade-before" in shown.out
    listed = sorted(p.name for p in data_dir.iterdir())
    assert listed == ["audio", "key.json", "microalign.db"] or "microalign.db-wal" in listed
    assert oct((data_dir / "key.json").stat().st_mode & 0o777) == "0o600"


def test_encrypted_store_without_passphrase_exits_4_files_untouched(env, home):
    setup_store(env, "first")
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    data_dir = resolve().data_dir
    before = digest(data_dir)
    missing = run(env, "status", passphrase=None)
    assert missing.code == 4
    assert "MICROALIGN_PASSPHRASE" in missing.err and "--passphrase-fd" in missing.err
    wrong = run(env, "checkin", "evening", "--text", stdin="yes\n", passphrase="not it")
    assert wrong.code == 4
    assert "passphrase from MICROALIGN_PASSPHRASE does not unlock" in wrong.err
    assert digest(data_dir) == before


def test_encrypted_store_wrong_passphrase_message_in_korean(env):
    setup_store(env, "first")
    config = resolve().config_file
    config.write_text(config.read_text().replace('language = "en"', 'language = "ko"'))
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    wrong = run(env, "status", passphrase="not it")
    assert wrong.code == 4 and "MICROALIGN_PASSPHRASE의 암호로" in wrong.err


def _with_fd(
    env: dict[str, str], tmp_path: Path, *args: str
) -> tuple[int, subprocess.CompletedProcess]:
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n")
    with open(secret) as handle:
        fd = handle.fileno()
        done = subprocess.run(
            [sys.executable, "-m", "microalign", "--passphrase-fd", str(fd), *args],
            pass_fds=(fd,),
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    return fd, done


def test_passphrase_fd_opens_encrypted_store(env, tmp_path):
    setup_store(env, "first")
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    fd, done = _with_fd(env, tmp_path, "status", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)["encryption"]
    assert shown == {"encrypted": True, "key_source": f"--passphrase-fd {fd}"}


def test_doctor_passphrase_fd_checks_encrypted_database(env, tmp_path):
    setup_store(env, "first")
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    _, done = _with_fd(env, tmp_path, "doctor", "--json")
    checks = {c["name"]: c for c in json.loads(done.stdout)}
    assert checks["database"]["state"] == "ok", checks["database"]


def test_key_change_rewraps_database_and_audio_unchanged(env):
    setup_store(env, "first")
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    data_dir = resolve().data_dir
    before = hashlib.sha256((data_dir / "microalign.db").read_bytes()).hexdigest()
    changed = run(dict(env, MICROALIGN_NEW_PASSPHRASE="the new one"), "key", "change")
    assert changed.code == 0, changed.err
    assert hashlib.sha256((data_dir / "microalign.db").read_bytes()).hexdigest() == before
    assert run(env, "status", passphrase="the new one").code == 0
    assert run(env, "status").code == 4


def test_decrypt_gives_plain_store_and_audio_back(env, home):
    setup_store(env, "pelican-note")
    data_dir = resolve().data_dir
    recording = data_dir / "audio" / "2026-11-10" / "evening-1-feeling.wav"
    plain_recording(recording, b"okapi-voice")
    original = recording.read_bytes()
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    decrypted = run(env, "decrypt")
    assert decrypted.code == 0, decrypted.err
    assert recording.read_bytes() == original
    assert not (data_dir / "key.json").exists()
    assert (data_dir / "microalign.db").read_bytes().startswith(SQLITE_HEADER)
    shown = run(env, "history", "--days", "5", passphrase=None)
    assert "pelican-note" in shown.out
    again = run(env, "decrypt", passphrase=None)
    assert again.code == 0 and "not encrypted" in again.out


def test_doctor_and_status_json_name_encryption_and_key_source(env):
    setup_store(env, "first")
    status = json.loads(run(env, "status", "--json", passphrase=None).out)["encryption"]
    assert status == {"encrypted": False, "key_source": None}
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    status = json.loads(run(env, "status", "--json").out)["encryption"]
    assert status == {"encrypted": True, "key_source": "MICROALIGN_PASSPHRASE"}
    doctor = json.loads(run(env, "doctor", "--json").out)
    checks = {c["name"]: c for c in doctor}
    assert checks["encryption"]["state"] == "ok"
    assert "behind a passphrase" in checks["encryption"]["detail"]
    assert checks["database"]["state"] == "ok"
    no_key = {c["name"]: c for c in json.loads(run(env, "doctor", "--json", passphrase=None).out)}
    assert no_key["database"]["state"] == "fail"
    assert "MICROALIGN_PASSPHRASE" in no_key["database"]["detail"]


def test_keyring_encrypted_store_opens_unattended_and_fails_without_keyring(env, home, tmp_path):
    with private_keyring(tmp_path / "keyring") as address:
        desktop = dict(env, DBUS_SESSION_BUS_ADDRESS=address)
        setup_store(desktop, "first")
        created = run(desktop, "init", "--no-input", "--encrypt", passphrase=None)
        assert created.code == 0, created.err
        typed = run(
            desktop, "checkin", "evening", "--text", stdin="yes\nhoatzin-word\n", passphrase=None
        )
        assert typed.code == 0, typed.err
        status = json.loads(run(desktop, "status", "--json", passphrase=None).out)
        assert status["encryption"] == {"encrypted": True, "key_source": "keyring"}
        assert files_containing(home, b"hoatzin-word", b"first", SQLITE_HEADER) == []
        doctor = {c["name"]: c for c in json.loads(run(desktop, "doctor", "--json").out)}
        assert "desktop keyring" in doctor["encryption"]["detail"]
    # This login looked the key up once: it is kept in the runtime folder (a tmpfs that
    # logout clears), owner-only, and the next commands need no keyring.
    cached = list((home / "xdg_runtime_dir" / "microalign").glob("key-*"))
    assert len(cached) == 1 and oct(cached[0].stat().st_mode & 0o777) == "0o600"
    assert run(desktop, "status", passphrase=None).code == 0
    cached[0].unlink()  # as after logout: no keyring, an empty runtime folder
    gone = run(desktop, "status", passphrase=None)
    assert gone.code == 4 and "keyring" in gone.err


def test_init_encrypt_creates_new_store_encrypted(env):
    created = run(env, "init", "--no-input", "--encrypt=passphrase", "--goal", "Read a page")
    assert created.code == 0, created.err
    database = resolve().data_dir / "microalign.db"
    assert not database.read_bytes().startswith(SQLITE_HEADER)
    shown = run(env, "status")
    assert shown.code == 0 and "Read a page" in shown.out


def test_encrypt_refused_while_daemon_runs_is_busy(env):
    setup_store(env, "first")
    from microalign.adapters.lock import daemon_lock

    with daemon_lock(resolve()):
        refused = run(env, "encrypt", "--with", "passphrase")
    assert refused.code == 7 and "daemon" in refused.err
    assert not (resolve().data_dir / "key.json").exists()


def test_key_change_from_keyring_to_passphrase_needs_keyring_no_more(env, tmp_path):
    with private_keyring(tmp_path / "keyring") as address:
        desktop = dict(env, DBUS_SESSION_BUS_ADDRESS=address)
        setup_store(desktop, "first")
        assert run(desktop, "encrypt", passphrase=None).code == 0
        database = resolve().data_dir / "microalign.db"
        before = database.read_bytes()
        changed = run(
            dict(desktop, MICROALIGN_NEW_PASSPHRASE="after the keyring"),
            "key",
            "change",
            "--with",
            "passphrase",
            passphrase=None,
        )
        assert changed.code == 0, changed.err
        assert database.read_bytes() == before
    shown = run(env, "status", "--json", passphrase="after the keyring")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["encryption"]["key_source"] == "MICROALIGN_PASSPHRASE"


def test_interrupted_conversion_other_commands_wait_rerun_finishes(env):
    setup_store(env, "first")
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    data_dir = resolve().data_dir
    # As a kill leaves it after the database was converted, before the journal was removed.
    (data_dir / "encryption.journal").write_text('{"to": "encrypted"}\n')
    waiting = run(env, "checkin", "evening", "--text", stdin="yes\n")
    assert waiting.code == 7 and "microalign encrypt" in waiting.err
    doctor = {c["name"]: c for c in json.loads(run(env, "doctor", "--json").out)}
    assert doctor["encryption"]["state"] == "fail"
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    assert not (data_dir / "encryption.journal").exists()
    assert run(env, "checkin", "evening", "--text", stdin="yes\n\n\n\n").code == 0


def test_retranscribe_reads_sealed_recording_of_encrypted_store(env, app, speech_wav, ko_model_dir):
    from microalign import config as configuration
    from microalign.i18n import KO

    config = app.paths.config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(configuration.default_text().replace('language = "en"', 'language = "ko"'))
    recording = app.paths.audio_dir / "2026-11-10" / "evening-1-goal.wav"
    recording.parent.mkdir(parents=True, mode=0o700)
    shutil.copy(speech_wav("네"), recording)
    store = app.store
    checkin = store.begin_checkin("evening", date(2026, 11, 10), "voice")
    answer = store.add_answer(
        checkin, "step0", audio_path=recording, status="pending", kind="choice", language="ko"
    )
    app.close()
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    assert not recording.read_bytes().startswith(b"RIFF")
    done = run(env, "retranscribe", "--pending", "--json")
    assert done.code == 0, done.err
    assert [d["id"] for d in json.loads(done.out)["done"]] == [answer]
    shown = json.loads(run(env, "history", "--days", "3", "--json").out)
    texts = [r["text"] for r in shown if r.get("text")]
    assert any(text in KO.answers["yes"] for text in texts), shown
