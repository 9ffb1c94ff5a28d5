"""The data key of an encrypted store, and the small file that keeps track of it.

The data key is 32 random bytes. It never lies on disk as it is: either the desktop keyring
keeps it (the Secret Service encrypts what it keeps with the login password, and the daemon
starts unattended after login), and `key.json` in the data folder (0600) names it; or
`key.json` holds it encrypted (AES-GCM) with a key derived from a passphrase (scrypt).
`rewrap` changes where the key is kept only: the data, encrypted with it, stays as it is.

The database and the audio use keys derived from the data key (HKDF-Expand), one each.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microalign.errors import ExternalProgramError, StoreError
from microalign.i18n import Keyed

log = logging.getLogger(__name__)

KEY_FILE = "key.json"
# Written by encrypt/decrypt while they run (adapters/crypto/convert.py).
JOURNAL = "encryption.journal"
FORMAT = "microalign-key"
KEYRING = "keyring"
PASSPHRASE = "passphrase"
PASSPHRASE_ENV = "MICROALIGN_PASSPHRASE"
NEW_PASSPHRASE_ENV = "MICROALIGN_NEW_PASSPHRASE"
# scrypt at 32 MiB: slow enough to make guessing costly, fast enough (~0.1 s) to be paid by
# every command (the parameters are stored with the key, so they can grow later).
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
HEX = "0123456789abcdef"


@dataclass(frozen=True)
class DataKey:
    secret: bytes
    source: (
        str  # where the wrapping came from, for messages: "keyring", "MICROALIGN_PASSPHRASE", ...
    )

    def derive(self, purpose: str) -> bytes:
        """One key per purpose: HKDF-Expand (RFC 5869) of the random data key, one block."""
        import hashlib
        import hmac

        return hmac.new(self.secret, purpose.encode() + b"\x01", hashlib.sha256).digest()

    @property
    def database(self) -> bytes:
        return self.derive("microalign database")

    @property
    def audio(self) -> bytes:
        return self.derive("microalign audio")


@dataclass(frozen=True)
class PassphraseSource:
    """Where a passphrase may come from, in this order: the file descriptor given with
    --passphrase-fd, the environment variable, a prompt on the terminal."""

    fd: int | None = None
    env: str = PASSPHRASE_ENV
    prompt: str = "Passphrase: "
    confirm: str | None = None  # asked again when a new passphrase is chosen at a terminal

    def read(self) -> tuple[str, str]:
        """(passphrase, its source's name); StoreError when no source gives one."""
        if self.fd is not None:
            return _read_fd(self.fd), f"--passphrase-fd {self.fd}"
        value = os.environ.get(self.env)
        if value:
            return value, self.env
        return self._prompt(), "terminal"

    def _prompt(self) -> str:
        import getpass
        import sys

        if not sys.stdin.isatty():
            raise StoreError.keyed("key_no_passphrase", env=self.env)
        first = getpass.getpass(self.prompt)
        if self.confirm is not None and getpass.getpass(self.confirm) != first:
            raise StoreError.keyed("key_passphrase_mismatch")
        if not first:
            raise StoreError.keyed("key_no_passphrase", env=self.env)
        return first


def _read_fd(fd: int) -> str:
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(4096)
    except OSError as exc:
        raise StoreError.keyed("key_fd_unreadable", fd=fd, error=exc) from None
    text = data.decode("utf-8", errors="replace").rstrip("\r\n")
    if not text:
        raise StoreError.keyed("key_fd_unreadable", fd=fd, error=Keyed("key.fd_empty"))
    return text


def key_file(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def wrapping_of(data_dir: Path) -> str | None:
    """How the store's key is wrapped ("keyring", "passphrase"); None: it has no key."""
    record = read_record(data_dir)
    return None if record is None else str(record.get("wrapped_by", "?"))


# --- wrapping --------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode())


def _aead() -> Any:
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    except ImportError:
        raise ExternalProgramError.keyed("crypto_missing", package="cryptography") from None
    return AESGCM


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib

    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _aad(record: dict[str, Any]) -> bytes:
    return f"{FORMAT}:{record['key_id']}:{record['wrapped_by']}".encode()


def wrap_record(secret: bytes, wrapped_by: str, wrapping: bytes, **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "format": FORMAT,
        "version": 1,
        "key_id": extra.pop("key_id", None) or os.urandom(8).hex(),
        "wrapped_by": wrapped_by,
        **extra,
    }
    nonce = os.urandom(12)
    record["nonce"] = _b64(nonce)
    record["wrapped"] = _b64(_aead()(wrapping).encrypt(nonce, secret, _aad(record)))
    return record


def unwrap_record(record: dict[str, Any], wrapping: bytes) -> bytes | None:
    """The data key, or None when `wrapping` is not the key that wrapped it."""
    from cryptography.exceptions import InvalidTag

    try:
        return bytes(
            _aead()(wrapping).decrypt(
                _unb64(record["nonce"]), _unb64(record["wrapped"]), _aad(record)
            )
        )
    except InvalidTag:
        return None


def passphrase_record(secret: bytes, passphrase: str, key_id: str | None = None) -> dict[str, Any]:
    salt = os.urandom(16)
    wrapping = _scrypt(passphrase, salt, **SCRYPT)
    kdf = {"name": "scrypt", "salt": _b64(salt), **SCRYPT}
    return wrap_record(secret, PASSPHRASE, wrapping, kdf=kdf, key_id=key_id)


def keyring_record(secret: bytes, path: Path, key_id: str | None = None) -> dict[str, Any]:
    """The keyring keeps the data key itself (it encrypts what it keeps with the login
    password); the file names it and holds a check value, so a wrong secret is told apart
    from a damaged store. No crypto library is needed to open the store this way."""
    from microalign.adapters.crypto import secretservice as keyring

    key_id = key_id or os.urandom(8).hex()
    keyring.store(key_id, secret, path)
    return {
        "format": FORMAT,
        "version": 1,
        "key_id": key_id,
        "wrapped_by": KEYRING,
        "check": _check(secret),
    }


def _check(secret: bytes) -> str:
    import hashlib
    import hmac

    return hmac.new(secret, b"microalign key check", hashlib.sha256).hexdigest()


# --- the key file ----------------------------------------------------------------------


def read_record(data_dir: Path) -> dict[str, Any] | None:
    from microalign.errors import access_error

    path = key_file(data_dir)
    try:
        text = path.read_text()
    except (FileNotFoundError, NotADirectoryError):
        return None  # no key; a data folder that is no folder is the store's to report
    except OSError as exc:
        raise access_error(exc, path, "read") from None
    try:
        record = json.loads(text)
    except ValueError as exc:  # JSON's words are English: logged
        log.info("%s: %s", path, exc)
        raise _broken(path, "not_json") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise _broken(path, "not_key_file")
    return record


def _broken(path: Path, kind: str, /, **fields: Any) -> StoreError:
    """The key file at `path` cannot be used: `kind` names a "key.<kind>" text."""
    return StoreError.keyed("key_file_broken", path=path, error=Keyed(f"key.{kind}", **fields))


def write_record(data_dir: Path, record: dict[str, Any]) -> None:
    from microalign.adapters.files import write_private

    write_private(key_file(data_dir), json.dumps(record, indent=2) + "\n")


def unlock(data_dir: Path, passphrase: PassphraseSource | None = None) -> DataKey | None:
    """The data key of the store in `data_dir`, or None when it has no key file (plain).
    StoreError (exit 4) when the key cannot be had: it names the source tried and how to
    give one."""
    record = read_record(data_dir)
    if record is None:
        return None
    return unlock_record(record, key_file(data_dir), passphrase)


def unlock_record(
    record: dict[str, Any], path: Path, passphrase: PassphraseSource | None = None
) -> DataKey:
    """The data key a key file's `record` wraps (`path` names it in messages): the store's
    own, or the one a backup carries."""
    if record.get("format") != FORMAT:
        raise _broken(path, "not_key_file")
    key_id = record.get("key_id")
    # The id names a keyring item and a file of the session cache: only what we write.
    if not isinstance(key_id, str) or not 0 < len(key_id) <= 64 or key_id.strip(HEX):
        raise _broken(path, "bad_id")
    if record.get("wrapped_by") == KEYRING:
        return DataKey(_from_keyring(record, path), KEYRING)
    given, source = (passphrase or PassphraseSource()).read()
    try:
        kdf = record["kdf"]
        salt, n, r, p = _unb64(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        wrapping = _scrypt(given, salt, n, r, p)
        unwrapped = unwrap_record(record, wrapping)
    except KeyError as exc:
        raise _broken(path, "field_missing", field=repr(exc.args[0])) from None
    except (TypeError, ValueError, AttributeError) as exc:  # a field of the wrong type
        log.info("%s: %s: %s", path, type(exc).__name__, exc)
        raise _broken(path, "field_invalid") from None
    if unwrapped is None:
        raise StoreError.keyed("key_passphrase_wrong", path=path, source=source, env=PASSPHRASE_ENV)
    return DataKey(unwrapped, source)


def _from_keyring(record: dict[str, Any], path: Path) -> bytes:
    import hmac

    key_id, check = str(record["key_id"]), str(record.get("check", ""))
    cached = _session_cache(key_id)
    if cached is not None:
        with contextlib.suppress(OSError):
            secret = cached.read_bytes()
            if hmac.compare_digest(_check(secret), check):
                return secret
    from microalign.adapters.crypto import secretservice as keyring

    secret = keyring.fetch(key_id, path)
    if not hmac.compare_digest(_check(secret), check):
        raise StoreError.keyed("key_keyring_wrong", path=path)
    if cached is not None:
        with contextlib.suppress(OSError):
            _write_cache(cached, secret)
    return secret


def _session_cache(key_id: str) -> Path | None:
    """Where this login keeps a keyring key once looked up: $XDG_RUNTIME_DIR, a tmpfs of
    the user's own that logout clears (never a disk). Any process of the user may ask the
    unlocked keyring for the key anyway, so keeping it there for the session gives nobody
    more; it spares every command the D-Bus look-up. None without a runtime folder."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if not base or not os.path.isabs(base):
        return None
    return Path(base) / "microalign" / f"key-{key_id}"


def _write_cache(path: Path, secret: bytes) -> None:
    from microalign.adapters.paths import private_dir

    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, secret)
    finally:
        os.close(fd)


def forget_session_cache(record: dict[str, Any] | None) -> None:
    cached = _session_cache(str(record["key_id"])) if record else None
    if cached is not None:
        cached.unlink(missing_ok=True)


def create(data_dir: Path, wrapped_by: str, passphrase: PassphraseSource | None = None) -> DataKey:
    """A new data key, wrapped and written to the key file (which must not exist yet)."""
    secret = os.urandom(32)
    record, source = _wrapped(data_dir, secret, wrapped_by, passphrase)
    write_record(data_dir, record)
    return DataKey(secret, source)


def rewrap(data_dir: Path, key: DataKey, wrapped_by: str, passphrase: PassphraseSource) -> str:
    """Wrap the same data key anew (another passphrase, or the keyring instead); the data is
    not touched. Returns the new source's name."""
    old = read_record(data_dir)
    record, source = _wrapped(data_dir, key.secret, wrapped_by, passphrase)
    write_record(data_dir, record)
    forget_session_cache(old)
    if old is not None and old.get("wrapped_by") == KEYRING and old["key_id"] != record["key_id"]:
        from microalign.adapters.crypto import secretservice as keyring

        keyring.forget(str(old["key_id"]), key_file(data_dir))
    return source


def forget(data_dir: Path) -> None:
    """Remove the key file (and its keyring secret): the store is plain again."""
    record = read_record(data_dir)
    forget_session_cache(record)
    if record is not None and record.get("wrapped_by") == KEYRING:
        from microalign.adapters.crypto import secretservice as keyring

        keyring.forget(str(record["key_id"]), key_file(data_dir))
    key_file(data_dir).unlink(missing_ok=True)


def _wrapped(
    data_dir: Path, secret: bytes, wrapped_by: str, passphrase: PassphraseSource | None
) -> tuple[dict[str, Any], str]:
    if wrapped_by == KEYRING:
        return keyring_record(secret, key_file(data_dir)), KEYRING
    given, source = (passphrase or PassphraseSource()).read()
    return passphrase_record(secret, given), source
