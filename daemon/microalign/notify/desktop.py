"""Notifications over D-Bus (org.freedesktop.Notifications) with desktop-notifier."""

from __future__ import annotations

import asyncio
import logging

from microalign.notify.base import Note

log = logging.getLogger(__name__)

APP_NAME = "microalign"


class DesktopNotifier:
    """desktop-notifier logs and swallows send errors; delivery is confirmed by its
    on_dispatched callback, which only runs once the server returned an id."""

    def __init__(self, app_name: str = APP_NAME) -> None:
        from desktop_notifier import DesktopNotifier as Backend

        self._backend = Backend(app_name=app_name, app_icon=None)

    async def notify(self, note: Note) -> bool:
        from desktop_notifier import Button

        dispatched = asyncio.Event()
        buttons = [
            Button(title=action.label, on_pressed=_press(note, action.key))
            for action in note.actions
        ]
        try:
            await self._backend.send(
                title=note.title,
                message=note.body,
                buttons=buttons,
                on_dispatched=dispatched.set,
            )
        except Exception as exc:  # the backend should swallow these; be sure
            log.warning("Sending the notification failed: %s", exc)
            return False
        return dispatched.is_set()

    async def close(self) -> None:
        bus = getattr(self._backend._backend, "bus", None)
        if bus is not None:
            bus.disconnect()


def _press(note: Note, key: str):
    def pressed() -> None:
        log.info("Notification action %r chosen for %r", key, note.title)
        if note.on_action is not None:
            note.on_action(key)

    return pressed
