"""Values: user data with a stable key (what goals store) and a name per language; the
built-in ones are named by the language packs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from microalign.core.safetext import clean as clean_text
from microalign.errors import NotFoundError, UsageError
from microalign.i18n import builtin_value

if TYPE_CHECKING:
    from microalign.i18n import LanguagePack
    from microalign.ports.store import ValueRecords

Names = list[str]


def value_name(name: str) -> str:
    """The stored form of a value or area name: one plain line, lower case."""
    return clean_text(name).lower()


class Values:
    def __init__(self, store: ValueRecords, pack: LanguagePack | None = None) -> None:
        self.store = store
        self.pack = pack  # the language values are named in
        self.language = pack.code if pack is not None else "en"

    def ordered(self) -> Names:
        """The values' keys (what goals store), in the order of their names."""
        rows = self._value_rows()
        return sorted(rows, key=lambda key: self.label(key))

    def label(self, key: str | None) -> str:
        """A value's name in the language of the moment: its own name there, a built-in
        value's name in that language, else its key."""
        if key is None:
            return "-"
        names = self._value_rows().get(key, {})
        own = names.get(self.language)
        if own is None and self.pack is not None:
            own = self.pack.value_name(key)
        return own or key

    def labels(self) -> Names:
        return [self.label(key) for key in self.ordered()]

    def add(self, name: str) -> str:
        """Adds the value; returns its name as shown."""
        clean = value_name(name)
        if not clean:
            raise UsageError.keyed("value_empty")
        added = self.store.add_value(clean)
        self.__dict__.pop("_rows", None)
        if not added:
            raise UsageError.keyed("value_exists", name=self.label(self.key_of(clean)))
        return self.label(self.key_of(clean))

    def remove(self, name: str) -> None:
        key = self.known(name)
        assert key is not None  # a name was given, so a known value came back
        used = self.store.goals_with_value(key)
        if used:
            raise UsageError.keyed("value_used", name=self.label(key), count=used)
        self.store.remove_value(key)
        self.__dict__.pop("_rows", None)

    def key_of(self, name: str) -> str | None:
        """The key of the value called `name` (its key, or its name in any language)."""
        clean = value_name(name)
        rows = self._value_rows()
        if clean in rows:
            return clean
        for key, names in rows.items():
            if clean in (value_name(n) for n in names.values()):
                return key
        builtin = builtin_value(clean)
        return builtin if builtin in rows else None

    def _value_rows(self) -> dict[str, dict[str, str]]:
        if "_rows" not in self.__dict__:
            self.__dict__["_rows"] = self.store.value_rows()
        rows: dict[str, dict[str, str]] = self.__dict__["_rows"]
        return rows

    def known(self, name: str | None) -> str | None:
        if name is None:
            return None
        key = self.key_of(name)
        if key is None:
            known = ", ".join(self.labels()) or "-"
            clean = value_name(name)
            raise NotFoundError.keyed("unknown_value", name=name, known=known, clean=clean)
        return key
