"""What every command needs: paths, the validated config, the open store, the language pack."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from microalign.adapters.paths import Paths

if TYPE_CHECKING:
    from microalign import config as configuration
    from microalign.adapters.crypto.keys import DataKey
    from microalign.app.goals import Goals
    from microalign.app.values import Values
    from microalign.i18n import LanguagePack
    from microalign.ports.store import Store
    from microalign.settings import Settings


@dataclass
class App:
    paths: Paths
    _store: Store | None = field(default=None, repr=False)
    tz_checked: bool = field(default=False, repr=False)
    # A command that only reads: a database on a full or read-only disk is still read.
    read_only_ok: bool = field(default=False, repr=False)
    _settings: Settings | None = field(default=None, repr=False)
    # --passphrase-fd: where the passphrase of an encrypted store is read from.
    passphrase_fd: int | None = field(default=None, repr=False)

    @cached_property
    def config(self) -> configuration.Config:
        from microalign import config as configuration

        return configuration.load(self.paths.config_file, self.paths.config_required)

    @property
    def settings(self) -> Settings:
        """What read commands need of the config, without validating an unchanged file again
        (adapters/settings.py); once the full config is loaded (or replaced), from it."""
        from microalign.adapters.settings import load_settings
        from microalign.settings import Settings

        if "config" in self.__dict__:
            return Settings.from_config(self.config)
        if self._settings is None:
            self._settings = load_settings(self.paths, lambda: self.config)
        return self._settings

    @property
    def store(self) -> Store:
        if self._store is None:
            from microalign.adapters.store import SqliteStore

            # Validate the config first: a broken config must not create or touch data.
            values = self.settings.general.values
            if self.paths.restore_journal.exists():
                from microalign.adapters.restore_swap import finish_interrupted

                finish_interrupted(self.paths)  # before the key: it may be the new one
            key = self.data_key
            self._refuse_while_converting()
            self._store = SqliteStore.open(
                self.paths.database,
                values,
                read_only_ok=self.read_only_ok,
                key=key.database if key else None,
                key_source=key.source if key else "",
            )
        return self._store

    def _refuse_while_converting(self) -> None:
        """While `encrypt` or `decrypt` runs (or after a kill stopped one), a change written
        to the old database could be lost with it: every other command waits for its end."""
        from microalign.adapters.crypto.keys import JOURNAL

        if not (self.paths.data_dir / JOURNAL).exists():
            return
        from microalign.adapters.crypto.convert import pending

        direction = pending(self.paths.data_dir)
        if direction is not None:
            from microalign.errors import BusyError

            command = "decrypt" if direction == "plain" else "encrypt"
            raise BusyError.keyed("crypt_pending", command=command, data=self.paths.data_dir)

    @cached_property
    def data_key(self) -> DataKey | None:
        """The key of an encrypted store (None: the store is plain). Unlocking it also puts
        the audio key in use, so every recording of this process is sealed."""
        from microalign.adapters.crypto.keys import PassphraseSource, unlock

        key = unlock(self.paths.data_dir, PassphraseSource(fd=self.passphrase_fd))
        if key is not None or "microalign.adapters.crypto.audiofile" in sys.modules:
            from microalign.adapters.crypto import audiofile

            audiofile.use_key(key.audio if key else None)
        return key

    @cached_property
    def goals(self) -> Goals:
        from microalign.app.goals import Goals

        return Goals(self.store, self.settings.general.soft_goal_limit, self.pack, self.values)

    @cached_property
    def values(self) -> Values:
        from microalign.app.values import Values

        return Values(self.store, self.pack)

    @cached_property
    def pack(self) -> LanguagePack:
        from microalign.i18n import get_pack

        return get_pack(self.settings.general.language)

    def forget_config(self) -> None:
        """The config file was just written: read it again (with its language) when next
        needed."""
        for cached in ("config", "pack", "goals", "values"):
            self.__dict__.pop(cached, None)
        self._settings = None

    def checkin_lock(self) -> AbstractContextManager[None]:
        """Held while a check-in runs: one at a time against this store."""
        from microalign.adapters.lock import checkin_lock

        return checkin_lock(self.paths)

    def audio_folder(self, day: date) -> Path:
        """The folder of the day's recordings, made (private) when a recording needs it."""
        from microalign.adapters.paths import private_dir

        return private_dir(self.paths.audio_dir / day.isoformat())

    def today(self) -> date:
        from microalign.core.clock import check_tz

        self.tz_checked = True
        check_tz()  # an unknown TZ would silently make it UTC's day
        return date.today()

    def forget_key(self) -> None:
        self.__dict__.pop("data_key", None)

    def use_key(self, key: DataKey | None) -> None:
        """The store was replaced (restore): `key`, already unlocked, is its key now."""
        self.close()
        self.__dict__["data_key"] = key
        if key is not None or "microalign.adapters.crypto.audiofile" in sys.modules:
            from microalign.adapters.crypto import audiofile

            audiofile.use_key(key.audio if key else None)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
