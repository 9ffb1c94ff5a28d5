"""What a reload may replace while the daemon runs: the config and the adapters built from
it. Every part of the daemon holds the same `Live` and so sees a reload at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.i18n import LanguagePack
    from microalign.ports.notify import Notifier
    from microalign.ports.presence import Presence


@dataclass
class Live:
    config: Config
    notifier: Notifier
    presence: Presence
    # What each wake-up did ((key or goal id, event)), for logs and tests.
    fired: list[tuple[object, str]] = field(default_factory=list)

    @property
    def lang(self) -> LanguagePack:
        """The configured language (it follows a reloaded config)."""
        from microalign.i18n import get_pack

        return get_pack(self.config.general.language)
