"""The composition root picks adapters from the config, and builds the daemon with the
parts a caller brings."""

from __future__ import annotations

import asyncio

from microalign import config as configuration
from microalign.adapters.notify.fallback import FallbackNotifier
from microalign.adapters.notify.log import LogNotifier
from microalign.adapters.paths import resolve
from microalign.adapters.presence import AlwaysPresent, LogindPresence
from microalign.service import compose, wiring
from microalign.service.ledger import StoreLedger


def _config(**sections: dict) -> configuration.Config:
    return configuration.validate(sections, "test")


def test_compose_notifications_disabled_gives_log_notifier():
    notifier = wiring.make_notifier(_config(notifications={"enabled": False}))
    assert isinstance(notifier, LogNotifier)


def test_compose_notifications_enabled_gives_desktop_with_log_fallback():
    assert isinstance(wiring.make_notifier(_config()), FallbackNotifier)


def test_compose_presence_disabled_always_present():
    presence = wiring.make_presence(_config(presence={"enabled": False}))
    # Resume from suspend is still watched; lock and idle are not.
    assert isinstance(presence, LogindPresence) and not presence.track
    assert asyncio.run(presence.is_present()) is True


def test_compose_presence_enabled_tracks_logind():
    presence = wiring.make_presence(_config(presence={"enabled": True}))
    assert isinstance(presence, LogindPresence) and presence.track


def test_compose_daemon_uses_given_parts_and_builds_the_rest(home):
    paths = resolve()
    config = _config(notifications={"enabled": False})
    presence = AlwaysPresent()
    daemon = compose.make_daemon(paths, config, presence=presence)
    try:
        assert daemon.presence is presence
        assert isinstance(daemon.notifier, LogNotifier)
        assert isinstance(daemon.ledger, StoreLedger)
        assert daemon.wiring.load_config is not None  # SIGHUP reloads the config file
    finally:
        daemon.ledger.close()


class _Timers:
    """Timers that never fire: the test looks only at what reload asks for."""

    def set_next(self, due, prepare_at, name) -> None: ...

    def clear(self) -> None: ...

    def shutdown(self) -> None: ...


def test_compose_daemon_reload_swaps_adapters_through_wiring(home):
    """Reload asks the wiring for new timers, and for a new notifier when the
    notifications settings change."""
    paths = resolve()
    notifiers: list[configuration.Config] = []
    timers: list[configuration.Config] = []

    def notifier(config: configuration.Config) -> LogNotifier:
        notifiers.append(config)
        return LogNotifier()

    def make_timers(config: configuration.Config, wake, prepare) -> _Timers:
        timers.append(config)
        return _Timers()

    old = _config()
    new = _config(notifications={"enabled": False}, schedule={"grace_minutes": 30})
    wired = wiring.Wiring(load_config=lambda: new, notifier=notifier, timers=make_timers)
    daemon = compose.make_daemon(paths, old, wiring=wired, presence=AlwaysPresent())

    async def reload() -> None:
        daemon.reload()

    try:
        asyncio.run(reload())
    finally:
        daemon.ledger.close()
    assert (notifiers, timers) == ([old, new], [new])
    assert daemon.config is new
