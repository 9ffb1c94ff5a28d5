"""The wrapping key kept by the desktop keyring, through the Secret Service D-Bus API
(gnome-keyring, KWallet, KeePassXC): found again by its attributes, so the daemon unlocks
the store unattended after login."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from microalign.errors import ExternalProgramError, StoreError

ATTRIBUTE = "microalign-key-id"


@contextlib.contextmanager
def _collection(for_path: Path | None = None) -> Iterator[Any]:
    try:
        import secretstorage
        from secretstorage.exceptions import SecretStorageException
    except ImportError:
        raise ExternalProgramError.keyed("crypto_missing", package="secretstorage") from None
    # No session bus (its socket gone), no Secret Service on it, or it failed to answer.
    unavailable = (SecretStorageException, OSError)
    try:
        conn = secretstorage.dbus_init()
    except unavailable as exc:
        raise StoreError.keyed("key_keyring_unavailable", error=exc, path=for_path or "") from None
    try:
        try:
            collection = secretstorage.get_default_collection(conn)
            if collection.is_locked():
                collection.unlock()
        except unavailable as exc:
            raise StoreError.keyed(
                "key_keyring_unavailable", error=exc, path=for_path or ""
            ) from None
        if collection.is_locked():
            raise StoreError.keyed("key_keyring_locked", path=for_path or "")
        try:
            yield collection
        except unavailable as exc:
            raise StoreError.keyed(
                "key_keyring_unavailable", error=exc, path=for_path or ""
            ) from None
    finally:
        conn.close()


def store(key_id: str, wrapping: bytes, path: Path) -> None:
    from microalign.adapters.crypto.keys import SECRET_APP, SECRET_LABEL

    with _collection(path) as collection:
        collection.create_item(
            SECRET_LABEL,
            {"application": SECRET_APP, ATTRIBUTE: key_id},
            base64.b64encode(wrapping),
            replace=True,
        )


def fetch(key_id: str, path: Path) -> bytes:
    with _collection(path) as collection:
        for item in collection.search_items({ATTRIBUTE: key_id}):
            return base64.b64decode(item.get_secret())
    raise StoreError.keyed("key_keyring_missing", path=path, key_id=key_id)


def forget(key_id: str, path: Path) -> None:
    with _collection(path) as collection:
        for item in collection.search_items({ATTRIBUTE: key_id}):
            item.delete()
