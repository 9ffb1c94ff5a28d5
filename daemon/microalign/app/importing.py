"""`import`: read another tool's file into a Plan (nothing is written while it is read),
then add it to the store in one transaction."""

from __future__ import annotations

from pathlib import Path

from microalign.app.context import App
from microalign.ports.imported import Plan, Summary


def read_plan(source: str, path: Path) -> Plan:
    """The whole file, checked; an error names the line or field."""
    if source == "loop":
        from microalign.app import import_loop

        return import_loop.read(path)
    from microalign.app import import_journal

    if source == "jrnl":
        return import_journal.read_jrnl(path)
    return import_journal.read_own(path)


def import_file(app: App, source: str, path: Path, dry_run: bool) -> Summary:
    if not path.exists():
        from microalign.errors import access_error

        raise access_error(FileNotFoundError(2, "No such file or directory"), path, "read")
    plan = read_plan(source, path)
    return app.store.apply_import(plan, dry_run, app.today())
