"""The composition root: the one place that picks adapters; heavy backends load lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microalign.adapters.paths import Paths
    from microalign.config import Config
    from microalign.i18n import LanguagePack
    from microalign.ports.notify import Notifier
    from microalign.ports.speech import Listener, Speaker


def make_speaker(mode: str, config: Config, pack: LanguagePack) -> Speaker:
    if mode == "text":
        from microalign.adapters.speech.terminal import TerminalSpeaker

        return TerminalSpeaker()
    from microalign.adapters.speech.tts import FallbackSpeaker, make_voice_speaker
    from microalign.core.safetext import for_terminal

    # A prompt that cannot be spoken is still shown (escaped: it may quote a goal text).
    return FallbackSpeaker(make_voice_speaker(config, pack), echo=lambda t: print(for_terminal(t)))


def make_listener(mode: str, config: Config, pack: LanguagePack, paths: Paths) -> Listener:
    if mode == "text":
        from microalign.adapters.speech.terminal import TerminalListener

        return TerminalListener()
    from microalign.adapters.speech.listener import make_voice_listener

    return make_voice_listener(config, pack, paths)


def make_notifier(config: Config) -> Notifier:
    from microalign.adapters.notify.log import LogNotifier

    if not config.notifications.enabled:
        return LogNotifier()
    from microalign.adapters.notify.desktop import DesktopNotifier
    from microalign.adapters.notify.fallback import FallbackNotifier

    return FallbackNotifier(DesktopNotifier(), LogNotifier())
