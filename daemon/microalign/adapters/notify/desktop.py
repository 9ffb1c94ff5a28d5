"""Notifications over D-Bus (org.freedesktop.Notifications) with desktop-notifier."""

from __future__ import annotations

import asyncio
import logging

from microalign.core.safetext import clean, for_notification
from microalign.ports.notify import Note

log = logging.getLogger(__name__)

APP_NAME = "microalign"
# Servers with either capability parse the body as XML-like markup: `<a href>` becomes a
# link (dunst does so even when it only advertises body-hyperlinks), so text is escaped.
MARKUP_CAPABILITIES = frozenset({"body-markup", "body-hyperlinks"})


class DesktopNotifier:
    """desktop-notifier logs and swallows send errors; delivery is confirmed by its
    on_dispatched callback, which only runs once the server returned an id."""

    def __init__(self, app_name: str = APP_NAME) -> None:
        from desktop_notifier import DesktopNotifier as Backend

        self._backend = Backend(app_name=app_name, app_icon=None)
        # It logs every failed send with a traceback; delivery is checked (and a missing
        # server reported once) by FallbackNotifier instead.
        logging.getLogger("desktop_notifier").setLevel(logging.ERROR)
        self._with_actions: list[str] = []
        self._markup: bool | None = None  # the server parses body markup; None: not asked yet

    async def notify(self, note: Note) -> bool:
        from desktop_notifier import Button

        dispatched = asyncio.Event()
        buttons = [
            Button(title=clean(action.label), on_pressed=_press(note, action.key))
            for action in note.actions
        ]
        try:
            identifier = await self._backend.send(
                title=clean(note.title),  # the summary is plain text for every server
                message=await self._body(note.body),
                buttons=buttons,
                on_dispatched=dispatched.set,
            )
        except Exception as exc:  # the backend should swallow these; be sure
            log.warning("Sending the notification failed: %s", exc)
            return False
        if buttons and dispatched.is_set():
            self._with_actions.append(identifier)
        return dispatched.is_set()

    async def _body(self, body: str) -> str:
        if not any(c in body for c in "&<>"):
            return for_notification(body, markup=False)  # nothing to escape: no need to ask
        if self._markup is None:
            self._markup = await self._server_parses_markup()
        # Unknown (no answer): escape; a visible `&lt;` at worst, never a live tag.
        return for_notification(body, markup=self._markup is not False)

    async def _server_parses_markup(self) -> bool | None:
        """From the server's capabilities; None when it cannot be asked (asked again later)."""
        try:
            await self._backend.get_capabilities()  # connects the backend if needed
            # desktop-notifier hides the raw list
            interface = self._backend._backend.interface  # type: ignore[attr-defined]
            capabilities = await interface.call_get_capabilities()
        except Exception as exc:
            log.debug("Asking the notification server's capabilities failed: %s", exc)
            return None
        return bool(MARKUP_CAPABILITIES.intersection(capabilities))

    async def close(self) -> None:
        # Buttons only work while this process listens; don't leave dead ones on screen.
        for identifier in self._with_actions:
            try:
                await self._backend.clear(identifier)
            except Exception as exc:
                log.debug("Closing notification %s failed: %s", identifier, exc)
        self._with_actions.clear()
        bus = getattr(self._backend._backend, "bus", None)
        if bus is not None:
            bus.disconnect()


def _press(note: Note, key: str):
    def pressed() -> None:
        log.info("Notification action %r chosen for %r", key, note.title)
        if note.on_action is not None:
            note.on_action(key)

    return pressed
