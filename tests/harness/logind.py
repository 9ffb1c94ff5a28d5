# ruff: noqa: UP037, F821 - dbus-fast reads D-Bus signatures from string annotations
"""A stand-in for systemd-logind on a private *system* bus (DBUS_SYSTEM_BUS_ADDRESS).

logind cannot run inside a container or a test run; this serves the few members the
daemon uses — Manager.GetUser/GetSession and the PrepareForSleep signal, User.Display,
Session.LockedHint/IdleHint with PropertiesChanged — so lock, idle and resume can be
injected. The daemon's D-Bus client code runs unchanged against it.
"""

from __future__ import annotations

import os

from dbus_fast import BusType, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import PropertyAccess, ServiceInterface, dbus_property, method, signal

SESSION_PATH = "/org/freedesktop/login1/session/_32"
USER_PATH = f"/org/freedesktop/login1/user/_{os.getuid()}"


class Manager(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.login1.Manager")

    @method()
    def GetUser(self, uid: "u") -> "o":
        return USER_PATH

    @method()
    def GetSession(self, session_id: "s") -> "o":
        return SESSION_PATH

    @signal()
    def PrepareForSleep(self, start: bool) -> "b":
        return start


class User(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.login1.User")

    @dbus_property(access=PropertyAccess.READ)
    def Display(self) -> "(so)":
        return ["2", SESSION_PATH]


class Session(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.login1.Session")
        self.locked = False
        self.idle = False

    @dbus_property(access=PropertyAccess.READ)
    def LockedHint(self) -> "b":
        return self.locked

    @dbus_property(access=PropertyAccess.READ)
    def IdleHint(self) -> "b":
        return self.idle

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.emit_properties_changed({"LockedHint": locked})


class FakeLogind:
    def __init__(self) -> None:
        self.bus: MessageBus | None = None
        self.manager = Manager()
        self.session = Session()

    async def start(self) -> None:
        self.bus = await MessageBus(bus_type=BusType.SYSTEM).connect()
        self.bus.export("/org/freedesktop/login1", self.manager)
        self.bus.export(USER_PATH, User())
        self.bus.export(SESSION_PATH, self.session)
        await self.bus.request_name("org.freedesktop.login1")

    def suspend_resume(self) -> None:
        self.manager.PrepareForSleep(True)
        self.manager.PrepareForSleep(False)

    def stop(self) -> None:
        if self.bus is not None:
            self.bus.disconnect()


__all__ = ["FakeLogind", "Variant"]
