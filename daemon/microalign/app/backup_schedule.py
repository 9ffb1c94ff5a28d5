"""Scheduled backups (`[backup]` in the config): one every `every_days` days, named by
the time it was written, the newest `keep` kept."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

from microalign.adapters.paths import private_dir
from microalign.app.backup import backup
from microalign.app.context import App

NAME = re.compile(r"^microalign-(\d{8}-\d{6})\.backup$")
STAMP = "%Y%m%d-%H%M%S"


def folder(app: App) -> Path:
    given = app.config.backup.folder
    if given:
        return Path(os.path.expanduser(given))
    return app.paths.data_dir.parent / "microalign-backups"


def _written(target: Path) -> list[tuple[datetime, Path]]:
    found = []
    for path in target.iterdir():
        match = NAME.match(path.name)
        if match:
            found.append((datetime.strptime(match.group(1), STAMP), path))
    return sorted(found)


def backup_if_due(app: App, now: datetime) -> Path | None:
    """Write a backup when the newest one is `every_days` old (or there is none), then
    delete the oldest beyond `keep`; the new file, or None when none was due."""
    settings = app.config.backup
    target = private_dir(folder(app))
    written = _written(target)
    if written and now - written[-1][0] < timedelta(days=settings.every_days):
        return None
    path = target / f"microalign-{now.strftime(STAMP)}.backup"
    backup(app, path)
    for _, old in _written(target)[: -settings.keep]:
        old.unlink(missing_ok=True)
    return path
