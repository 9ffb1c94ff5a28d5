"""The one place that picks the Notifier; the D-Bus backend is imported lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.notify.base import Notifier


def make_notifier(config: Config) -> Notifier:
    from microalign.notify.log import LogNotifier

    if not config.notifications.enabled:
        return LogNotifier()
    from microalign.notify.desktop import DesktopNotifier
    from microalign.notify.fallback import FallbackNotifier

    return FallbackNotifier(DesktopNotifier(), LogNotifier())
