"""The `Presence` role: is the user at the machine, and did it just resume from suspend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Presence(Protocol):
    async def start(self, on_change: Callable[[], None], on_resume: Callable[[], None]) -> None:
        """Begin watching; `on_change` when lock/idle changes, `on_resume` after a suspend."""

    async def is_present(self) -> bool: ...

    async def close(self) -> None: ...
