"""The [Service] settings of a systemd unit file, as systemd reads them (standard library
only: unit_sandbox.py imports it under the system Python)."""

from __future__ import annotations

from pathlib import Path


def service_settings(unit: Path) -> dict[str, list[str]]:
    """Each key of [Service] with its values in order (a key may be assigned repeatedly)."""
    values: dict[str, list[str]] = {}
    section = None
    for line in unit.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values
