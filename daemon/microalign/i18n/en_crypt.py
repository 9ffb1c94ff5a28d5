"""English texts of encryption at rest: encrypt, decrypt, the key and its sources. Part of
en.TEXTS."""

from __future__ import annotations

_GIVE_PASSPHRASE = (
    "Give the passphrase in MICROALIGN_PASSPHRASE, with --passphrase-fd N (a file descriptor "
    "to read it from), or run the command in a terminal to be asked. Nothing was changed."
)

TEXTS: dict[str, str | dict[str, str]] = {
    "crypt.passphrase": "Passphrase for the microalign store: ",
    "crypt.new_passphrase": "New passphrase: ",
    "crypt.again": "The same passphrase again: ",
    "crypt.progress": "Recordings: {done} of {total}",
    "crypt.encrypted": (
        "The store in {data} is encrypted ({count} recordings converted); its key is {source}."
    ),
    "crypt.already_encrypted": "The store in {data} is encrypted already.",
    "crypt.decrypted": (
        "The store in {data} is plain again ({count} recordings converted); its key is removed."
    ),
    "crypt.already_plain": "The store in {data} is not encrypted.",
    "crypt.key_changed": "The key is now {source}; the data was not re-encrypted.",
    "crypt.source.keyring": "kept in the desktop keyring",
    "crypt.source.passphrase": "behind a passphrase",
    "crypt.source.none": "removed",
    "doctor.check.encryption": "encryption",
    "doctor.encryption.plain": "the store is not encrypted",
    "doctor.encryption.keyring": (
        "the store in {path} is encrypted; its key is in the desktop keyring"
    ),
    "doctor.encryption.passphrase": (
        "the store in {path} is encrypted; its key is behind a passphrase"
    ),
    "doctor.encryption.pending": "an encryption or decryption was interrupted",
    "doctor.fix.encrypt": "To encrypt it: microalign encrypt",
    "doctor.fix.crypt_pending_encrypted": "Run `microalign encrypt` again to finish it.",
    "doctor.fix.crypt_pending_plain": "Run `microalign decrypt` again to finish it.",
    "error.store_key_wrong": "The key from {source} does not open the database {path}.",
    "hint.store_key_wrong": (
        "The key file and the database do not belong together: put back the key.json that "
        "came with this database. Nothing was changed."
    ),
    "error.key_no_passphrase": (
        "The store is encrypted with a passphrase, and none was given: {env} is not set, "
        "no --passphrase-fd, and no terminal to ask on."
    ),
    "hint.key_no_passphrase": _GIVE_PASSPHRASE,
    "error.key_passphrase_mismatch": "The two passphrases differ.",
    "hint.key_passphrase_mismatch": "Run the command again and type the same one twice.",
    "error.key_fd_unreadable": "No passphrase could be read from file descriptor {fd} ({error}).",
    "hint.key_fd_unreadable": (
        "Open the descriptor with the passphrase on it, e.g. `--passphrase-fd 3 3<file`. "
        "Nothing was changed."
    ),
    "error.key_file_broken": "The key file {path} cannot be read: {error}.",
    # What is wrong with a passphrase's descriptor or the key file ({error} above).
    "key.fd_empty": "empty",
    "key.not_json": "it is not valid JSON",
    "key.not_key_file": "not a microalign key file",
    "key.bad_id": "its key id is not valid",
    "key.field_missing": "its field {field} is missing",
    "key.field_invalid": "a field of it has a value that is not valid",
    "hint.key_file_broken": "Put back a copy of key.json from a backup. Nothing was changed.",
    "error.key_passphrase_wrong": (
        "The passphrase from {source} does not unlock the key in {path}."
    ),
    "hint.key_passphrase_wrong": _GIVE_PASSPHRASE.replace("Give the", "Give the right"),
    "error.key_keyring_unavailable": (
        "The key of {path} is in the desktop keyring, and the keyring cannot be reached "
        "(Secret Service over D-Bus: {error})."
    ),
    "hint.key_keyring_unavailable": (
        "Log in to a desktop session with a keyring (gnome-keyring, KWallet, KeePassXC), or "
        "check DBUS_SESSION_BUS_ADDRESS. Nothing was changed."
    ),
    "error.key_keyring_locked": "The desktop keyring holding the key of {path} stays locked.",
    "hint.key_keyring_locked": (
        "Unlock it (log in again, or open Passwords and Keys). Nothing was changed."
    ),
    "error.key_keyring_missing": ("The desktop keyring has no microalign key {key_id} for {path}."),
    "hint.key_keyring_missing": (
        "Use the keyring of the session that encrypted the store, or restore its keyring. "
        "Nothing was changed."
    ),
    "error.key_keyring_wrong": (
        "The secret in the desktop keyring does not unlock the key in {path}."
    ),
    "hint.key_keyring_wrong": "Put back the key.json that belongs to it. Nothing was changed.",
    "error.crypto_missing": (
        "Encryption needs the Python package {package}, which is not installed."
    ),
    "hint.crypto_missing": "Install it: pip install 'microalign[encrypt]'.",
    "error.audio_sealed": "The encrypted recording {path} cannot be opened ({reason}).",
    "sealed.short": "shorter than its header",
    "sealed.not_sealed": "not a sealed recording",
    "sealed.no_key": "no key",
    "sealed.chunk": "chunk {number} does not open with this key",
    "hint.audio_sealed": "It was written with another key, or changed since; it cannot be played.",
    "error.crypt_daemon_running": (
        "The daemon (pid {holder}) is running: the store cannot change form under it."
    ),
    "hint.crypt_daemon_running": (
        "Stop it (systemctl --user stop microalign), run the command, then start it again."
    ),
    "error.crypt_pending": (
        "The store in {data} is being converted by `microalign {command}`, or a conversion "
        "was interrupted."
    ),
    "hint.crypt_pending": (
        "Wait for it to end, or run `microalign {command}` again to finish it; the store is "
        "whole meanwhile."
    ),
    "error.crypt_not_encrypted": "The store in {data} is not encrypted: it has no key to change.",
    "hint.crypt_not_encrypted": "Encrypt it first: microalign encrypt.",
}
