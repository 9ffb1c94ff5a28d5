"""Is anybody there? logind's LockedHint/IdleHint of the user's session, and its
PrepareForSleep signal (to re-check the schedule right after resume), over the system bus.

Without a reachable logind (containers, tests) the user counts as present, logged once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

LOGIND = "org.freedesktop.login1"
MANAGER_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
USER = "org.freedesktop.login1.User"
PROPERTIES = "org.freedesktop.DBus.Properties"


class AlwaysPresent:
    """presence.enabled = false or idle_source = "none"."""

    async def start(self, on_change: Callable[[], None], on_resume: Callable[[], None]) -> None:
        return None

    async def is_present(self) -> bool:
        return True

    async def close(self) -> None:
        return None


class LogindPresence:
    """Watches PrepareForSleep always; lock/idle only when `track` (presence.enabled)."""

    def __init__(self, track: bool = True) -> None:
        self.track = track
        self._bus: Any = None  # a dbus_fast MessageBus once started
        self._session_path: str | None = None
        self._warned = False

    async def start(self, on_change: Callable[[], None], on_resume: Callable[[], None]) -> None:
        from dbus_fast import BusType, Message, MessageType
        from dbus_fast.aio import MessageBus

        try:
            self._bus = await MessageBus(bus_type=BusType.SYSTEM).connect()
            self._session_path = await self._find_session() if self.track else None
        except Exception as exc:
            self._unreachable(exc)
            await self.close()
            return

        def handler(msg: Message) -> None:
            if msg.message_type is not MessageType.SIGNAL:
                return
            if msg.member == "PrepareForSleep" and msg.body and msg.body[0] is False:
                log.info("Resumed from suspend: checking the schedule")
                on_resume()
            elif msg.member == "PropertiesChanged" and msg.path == self._session_path:
                on_change()

        self._bus.add_message_handler(handler)
        rules = [
            f"type='signal',interface='{MANAGER}',member='PrepareForSleep'",
        ]
        if self._session_path:
            rules.append(
                f"type='signal',interface='{PROPERTIES}',member='PropertiesChanged',"
                f"path='{self._session_path}'"
            )
        for rule in rules:
            await self._bus.call(
                Message(
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus",
                    member="AddMatch",
                    signature="s",
                    body=[rule],
                )
            )

    async def _find_session(self) -> str | None:
        """The user's graphical session: XDG_SESSION_ID when we run inside it, else the
        "display" session logind picked for the user (a systemd user service has none)."""
        session_id = os.environ.get("XDG_SESSION_ID")
        if session_id:
            reply = await self._call(MANAGER_PATH, MANAGER, "GetSession", "s", [session_id])
            return reply[0]
        user_path = (await self._call(MANAGER_PATH, MANAGER, "GetUser", "u", [os.getuid()]))[0]
        display = await self._get(user_path, USER, "Display")
        if not display or display[1] in ("", "/"):
            log.info("No graphical session for this user: treating the user as present")
            return None
        return display[1]

    async def _call(self, path: str, interface: str, member: str, signature: str, body: list):
        from dbus_fast import Message, MessageType

        reply = await self._bus.call(
            Message(
                destination=LOGIND,
                path=path,
                interface=interface,
                member=member,
                signature=signature,
                body=body,
            )
        )
        if reply.message_type is MessageType.ERROR:
            raise RuntimeError(f"{member}: {reply.error_name}: {reply.body}")
        return reply.body

    async def _get(self, path: str, interface: str, name: str):
        variant = (await self._call(path, PROPERTIES, "Get", "ss", [interface, name]))[0]
        return variant.value

    async def is_present(self) -> bool:
        if self._bus is None or self._session_path is None:
            return True
        try:
            locked = await self._get(self._session_path, SESSION, "LockedHint")
            idle = await self._get(self._session_path, SESSION, "IdleHint")
        except Exception as exc:
            self._unreachable(exc)
            return True
        return not (locked or idle)

    def _unreachable(self, exc: Exception) -> None:
        if not self._warned:
            log.warning("logind is not reachable (%s): treating the user as present", exc)
            self._warned = True

    async def close(self) -> None:
        if self._bus is not None:
            self._bus.disconnect()
            self._bus = None
