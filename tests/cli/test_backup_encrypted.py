"""`backup` and `restore` of an encrypted store: the backup is encrypted with the store's key
and carries its key file, so it is restored with the same passphrase. Real processes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.harness.cli import run_microalign

PASSPHRASE = "a long and private passphrase"
WORD = "xylophone-quokka-answer"


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    state = home / "xdg_state_home"
    state.mkdir(mode=0o700, exist_ok=True)
    return dict(os.environ, XDG_STATE_HOME=str(state), MICROALIGN_PASSPHRASE=PASSPHRASE)


def run(env: dict[str, str], *args: str, stdin: str = ""):
    return run_microalign(*args, stdin=stdin, env=env)


def _encrypted_store(env: dict[str, str], tmp_path: Path) -> Path:
    assert run(env, "init", "--no-input", "--goal", "Drink water").code == 0
    assert run(env, "encrypt", "--with", "passphrase").code == 0
    typed = run(env, "checkin", "evening", "--text", "--date", "2026-11-10", stdin=f"yes\n{WORD}\n")
    assert typed.code == 0, typed.err
    backup = tmp_path / "store.backup"
    made = run(env, "backup", "-o", str(backup))
    assert made.code == 0, made.err
    return backup


def _export(env: dict[str, str], *flags: str) -> str:
    shown = run(env, *flags, "export", "--format", "json")
    assert shown.code == 0, shown.err
    return shown.out


def test_backup_encrypted_store_restores_with_same_passphrase_identical_export(env, tmp_path):
    backup = _encrypted_store(env, tmp_path)
    data = backup.read_bytes()
    assert WORD.encode() not in data and b"SQLite format 3" not in data
    fresh = tmp_path / "fresh"
    restored = run(env, "--data-dir", str(fresh), "restore", str(backup))
    assert restored.code == 0, restored.err
    assert (fresh / "key.json").is_file()
    assert WORD in _export(env, "--data-dir", str(fresh))
    assert _export(env, "--data-dir", str(fresh)) == _export(env)


def test_restore_encrypted_backup_wrong_passphrase_exits_4_target_untouched(env, tmp_path):
    backup = _encrypted_store(env, tmp_path)
    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    (target / "notes.txt").write_text("mine")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in target.iterdir()}
    wrong = dict(env, MICROALIGN_PASSPHRASE="not the passphrase")
    refused = run(wrong, "--data-dir", str(target), "restore", str(backup))
    assert refused.code == 4, refused.err
    assert "MICROALIGN_PASSPHRASE" in refused.err
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in target.iterdir()}
    assert after == before


def test_restore_force_over_encrypted_store_keeps_old_store_aside_openable(env, home, tmp_path):
    backup = _encrypted_store(env, tmp_path)
    assert run(env, "goals", "add", "After the backup").code == 0
    restored = run(env, "restore", str(backup), "--force")
    assert restored.code == 0, restored.err
    assert "After the backup" not in run(env, "goals", "list", "--json").out
    data = home / "xdg_data_home" / "microalign"
    aside = [p for p in data.iterdir() if p.name.startswith("replaced-")]
    assert len(aside) == 1 and (aside[0] / "key.json").is_file()
    old = run(env, "--data-dir", str(aside[0]), "goals", "list", "--json")
    assert old.code == 0, old.err
    assert "After the backup" in old.out
