from datetime import date

from microalign.adapters.store import SqliteStore
from microalign.app.retention import prune_audio


def make(tmp_path, day, name, status="final"):
    store = SqliteStore.open(tmp_path / "m.db")
    checkin = store.begin_checkin("evening", day, "voice")
    wav = tmp_path / name
    wav.write_bytes(b"RIFF")
    store.add_answer(checkin, "feeling", kind="free", audio_path=wav, status=status)
    store.finish_checkin(checkin, "done")
    return store, wav


def test_retention_old_final_audio_deleted_recent_and_pending_kept(tmp_path):
    store, old = make(tmp_path, date(2026, 1, 1), "old.wav")
    _, pending = make(tmp_path, date(2026, 1, 1), "pending.wav", status="pending")
    _, recent = make(tmp_path, date(2026, 1, 25), "recent.wav")
    assert prune_audio(store, 14, date(2026, 1, 30)) == 1
    assert not old.exists() and pending.exists() and recent.exists()
    paths = {r["audio_path"] for r in store.rows("SELECT audio_path FROM answers")}
    assert paths == {None, "pending.wav", "recent.wav"}  # relative to the data folder
    assert prune_audio(store, 14, date(2026, 1, 30)) == 0


def test_retention_zero_keeps_everything(tmp_path):
    store, old = make(tmp_path, date(2020, 1, 1), "old.wav")
    assert prune_audio(store, 0, date(2026, 1, 30)) == 0
    assert old.exists()
