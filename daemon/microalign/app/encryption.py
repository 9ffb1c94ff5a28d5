"""Encrypting a store, decrypting it, changing how its key is wrapped, and saying which it
is (for `status --json` and `doctor`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from microalign.adapters.crypto import convert, keys
from microalign.adapters.lock import checkin_lock, daemon_holder
from microalign.adapters.paths import private_dir
from microalign.adapters.store.connect import is_plain
from microalign.errors import BusyError

if TYPE_CHECKING:
    from collections.abc import Callable

    from microalign.adapters.paths import Paths
    from microalign.app.context import App


@dataclass(frozen=True)
class Encryption:
    encrypted: bool  # the store has a key (its files are, or are being made, encrypted)
    key_source: str | None  # "keyring", "passphrase", or None for a plain store
    pending: str | None  # a conversion a kill interrupted: "encrypted" / "plain"
    database_encrypted: bool | None  # from the file itself (None: no database yet)

    def as_json(self) -> dict[str, Any]:
        return {
            "encrypted": self.encrypted,
            "key_source": self.key_source,
            "database_encrypted": self.database_encrypted,
            "conversion_pending": self.pending,
        }


def describe(paths: Paths) -> Encryption:
    data_dir = paths.data_dir
    wrapping = keys.wrapping_of(data_dir)
    plain = is_plain(paths.database)
    return Encryption(
        encrypted=wrapping is not None,
        key_source=wrapping,
        pending=convert.pending(data_dir),
        database_encrypted=None if plain is None else not plain,
    )


def _exclusive(app: App) -> Any:
    """No daemon may run while the store changes form; a check-in is held off by its lock."""
    holder = daemon_holder(app.paths)
    if holder is not None:
        raise BusyError.keyed("crypt_daemon_running", holder=holder)
    app.close()
    return checkin_lock(app.paths)


def encrypt(
    app: App,
    wrapped_by: str,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> convert.Outcome | None:
    """Encrypt the store (creating its key first); None when it was encrypted already."""
    private_dir(app.paths.data_dir)
    with _exclusive(app):
        state = describe(app.paths)
        done = state.encrypted and not state.pending and state.database_encrypted is not False
        if done and not _plain_recordings(app):
            return None
        key = app.data_key if state.encrypted else None
        if key is None:
            source = keys.PassphraseSource(
                fd=app.passphrase_fd, prompt=_text(app, "crypt.passphrase"), confirm=_again(app)
            )
            key = keys.create(app.paths.data_dir, wrapped_by, source)
            app.forget_key()
        return convert.convert(
            app.paths.data_dir,
            app.paths.database,
            app.paths.audio_dir,
            key.database,
            key.audio,
            convert.ENCRYPTED,
            progress,
        )


def decrypt(
    app: App, progress: Callable[[int, int], None] = lambda done, total: None
) -> convert.Outcome | None:
    """Make the store plain again and remove its key; None when it was plain already."""
    with _exclusive(app):
        key = app.data_key
        if key is None:
            return None
        outcome = convert.convert(
            app.paths.data_dir,
            app.paths.database,
            app.paths.audio_dir,
            key.database,
            key.audio,
            convert.PLAIN,
            progress,
        )
        keys.forget(app.paths.data_dir)
        app.forget_key()
        return outcome


def change_key(app: App, wrapped_by: str, new_fd: int | None) -> str | None:
    """Wrap the data key anew; the data stays as it is. The new source's name, or None when
    the store is not encrypted."""
    key = app.data_key
    if key is None:
        return None
    new = keys.PassphraseSource(
        fd=new_fd,
        env=keys.NEW_PASSPHRASE_ENV,
        prompt=_text(app, "crypt.new_passphrase"),
        confirm=_text(app, "crypt.again"),
    )
    return keys.rewrap(app.paths.data_dir, key, wrapped_by, new)


def _plain_recordings(app: App) -> bool:
    from microalign.adapters.crypto import audiofile

    for path in convert.recordings(app.paths.audio_dir):
        try:
            if not audiofile.is_sealed(path):
                return True
        except OSError:
            continue
    return False


def _again(app: App) -> str:
    return _text(app, "crypt.again")


def _text(app: App, key: str) -> str:
    try:
        return app.pack.t(key)
    except Exception:  # no valid config: English
        from microalign.i18n import EN

        return EN.t(key)
