"""The data key kept by the desktop keyring, through the Secret Service D-Bus API
(gnome-keyring, KWallet, KeePassXC): found again by its attributes, so the daemon unlocks
the store unattended after login.

Spoken with jeepney directly, in a "plain" session: the secret crosses only the user's own
session bus, and every command of an encrypted store pays for this look-up, so it skips the
Diffie-Hellman session (and the import of a crypto library) that secretstorage would do.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from microalign.errors import ExternalProgramError, StoreError

ATTRIBUTE = "microalign-key-id"
APPLICATION = "microalign"
LABEL = "microalign data key"
_BUS = "org.freedesktop.secrets"
_PREFIX = "org.freedesktop.Secret."


class _Unavailable(Exception):
    pass


class _Service:
    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.session = str(
            self.call(
                "/org/freedesktop/secrets", "Service", "OpenSession", "sv", "plain", ("s", "")
            )[1]
        )

    def call(self, path: str, interface: str, method: str, signature: str, *body: Any) -> Any:
        from jeepney import DBusAddress, MessageType, new_method_call

        address = DBusAddress(path, bus_name=_BUS, interface=_PREFIX + interface)
        reply = self.conn.send_and_get_reply(new_method_call(address, method, signature, body))
        if reply.header.message_type == MessageType.error:
            raise _Unavailable(f"{reply.header.fields.get(4, 'error')}: {reply.body}")
        return reply.body

    def collection(self) -> str:
        (path,) = self.call("/org/freedesktop/secrets", "Service", "ReadAlias", "s", "default")
        if path == "/":
            raise _Unavailable("no default keyring")
        return str(path)

    def find(self, key_id: str) -> tuple[list[str], list[str]]:
        unlocked, locked = self.call(
            "/org/freedesktop/secrets", "Service", "SearchItems", "a{ss}", {ATTRIBUTE: key_id}
        )
        return list(unlocked), list(locked)


@contextlib.contextmanager
def _service(path: Path) -> Iterator[_Service]:
    try:
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        raise ExternalProgramError.keyed("crypto_missing", package="jeepney") from None
    try:
        conn = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError) as exc:  # no bus, or its socket gone
        raise StoreError.keyed("key_keyring_unavailable", error=exc, path=path) from None
    try:
        yield _Service(conn)
    except (_Unavailable, OSError) as exc:
        raise StoreError.keyed("key_keyring_unavailable", error=exc, path=path) from None
    finally:
        conn.close()


def store(key_id: str, secret: bytes, path: Path) -> None:
    with _service(path) as service:
        collection = service.collection()
        properties = {
            _PREFIX + "Item.Label": ("s", LABEL),
            _PREFIX + "Item.Attributes": ("a{ss}", {"application": APPLICATION, ATTRIBUTE: key_id}),
        }
        value = (service.session, b"", base64.b64encode(secret), "text/plain")
        item, _prompt = service.call(
            collection, "Collection", "CreateItem", "a{sv}(oayays)b", properties, value, True
        )
        if len(item) <= 1:  # the keyring asked to be unlocked first
            raise StoreError.keyed("key_keyring_locked", path=path)


def fetch(key_id: str, path: Path) -> bytes:
    with _service(path) as service:
        unlocked, locked = service.find(key_id)
        if not unlocked and locked:
            raise StoreError.keyed("key_keyring_locked", path=path)
        if not unlocked:
            raise StoreError.keyed("key_keyring_missing", path=path, key_id=key_id)
        (secrets,) = service.call(
            "/org/freedesktop/secrets",
            "Service",
            "GetSecrets",
            "aoo",
            unlocked[:1],
            service.session,
        )
        _session, _parameters, value, _type = secrets[unlocked[0]]
        return base64.b64decode(bytes(value))


def forget(key_id: str, path: Path) -> None:
    with _service(path) as service:
        unlocked, locked = service.find(key_id)
        for item in unlocked + locked:
            service.call(item, "Item", "Delete", "")
