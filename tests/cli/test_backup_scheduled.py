"""Scheduled backups: `backup --scheduled` (what the daemon runs) writes one when due,
named by its time, and keeps the newest [backup] keep; the daemon asks for it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from microalign import config as configuration
from microalign.adapters.paths import resolve
from microalign.service import compose

BERLIN = "Europe/Berlin"


def _config(home: Path, folder: Path) -> None:
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[backup]\nenabled = true\nfolder = "{folder}"\nevery_days = 7\nkeep = 2\n',
        encoding="utf-8",
    )


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _days(folder: Path) -> list[str]:
    """The day each backup was written (the test clock ticks on from 15:00)."""
    return [name.split("-")[1] for name in _names(folder)]


def test_backup_scheduled_writes_when_due_and_keeps_newest(cli_process, home, tmp_path, test_clock):
    folder = tmp_path / "backups"
    _config(home, folder)
    assert cli_process("goals", "add", "Walk 10 minutes").code == 0
    first = cli_process("backup", "--scheduled")
    assert first.code == 0, first.err
    assert _days(folder) == ["20261111"]
    again = cli_process("backup", "--scheduled")
    assert again.code == 0 and "No backup is due" in again.out
    assert len(_names(folder)) == 1
    for days in (7, 14):
        test_clock.set(datetime(2026, 11, 11, 15, 5) + timedelta(days=days), BERLIN)
        assert cli_process("backup", "--scheduled").code == 0
    assert _days(folder) == ["20261118", "20261125"]
    restored = cli_process(
        "--data-dir", str(tmp_path / "fresh"), "restore", str(folder / _names(folder)[-1])
    )
    assert restored.code == 0, restored.err


def test_backup_without_output_or_scheduled_exits_2(cli_process):
    result = cli_process("backup")
    assert result.code == 2 and "-o FILE or --scheduled" in result.err


def test_backup_config_keep_zero_is_invalid(cli_process, home, tmp_path):
    path = home / "xdg_config_home" / "microalign" / "microalign.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[backup]\nkeep = 0\n", encoding="utf-8")
    result = cli_process("config", "check")
    assert result.code == 3 and "backup.keep" in result.err


def test_daemon_asks_for_scheduled_backup_at_most_hourly(home, tmp_path):
    folder = tmp_path / "backups"
    _config(home, folder)
    paths = resolve()
    config = configuration.load(paths.config_file)
    daemon = compose.make_daemon(paths, config)

    async def go() -> tuple[bool, bool]:
        now = datetime.now(UTC)
        daemon.backups.maybe(now, daemon.config.backup.enabled)
        first = daemon.backups.task
        assert first is not None
        await first
        daemon.backups.maybe(now + timedelta(minutes=30), daemon.config.backup.enabled)
        return daemon.backups.task is first, first.exception() is None

    try:
        same, ok = asyncio.run(go())
    finally:
        daemon.ledger.close()
    assert same and ok
    assert len(_names(folder)) == 1
