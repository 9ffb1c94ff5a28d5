"""What the import readers say of a file they refuse: the place in it and what is wrong
there, each a keyed text ("import.<kind>"), so every language tells them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from microalign.errors import UsageError
from microalign.i18n import Keyed


def bad(path: Path, where: str, reason: str | UsageError, /, **fields: Any) -> UsageError:
    """`reason` names an "import.<kind>" text with `fields` (or is our own error)."""
    if isinstance(reason, str):
        reason = Keyed(f"import.{reason}", **fields)
    return UsageError.keyed("import_bad", path=path, where=where, reason=reason)


def at_field(where: str, field: str) -> Keyed:
    return Keyed("import.at_field", where=where, field=field)
