"""Try the desktop first; without a notification server, the terminal — and carry on."""

from __future__ import annotations

import logging

from microalign.ports.notify import Note, Notifier

log = logging.getLogger(__name__)


class FallbackNotifier:
    def __init__(self, primary: Notifier, fallback: Notifier) -> None:
        self.primary = primary
        self.fallback = fallback
        self._warned = False

    async def notify(self, note: Note) -> bool:
        if await self.primary.notify(note):
            self._warned = False
            return True
        if not self._warned:
            log.warning(
                "No desktop notification server answered; notifications go to the journal. "
                "Start one (e.g. dunst) or run `microalign doctor`."
            )
            self._warned = True
        return await self.fallback.notify(note)

    async def close(self) -> None:
        await self.primary.close()
        await self.fallback.close()
