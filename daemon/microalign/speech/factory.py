"""The one place that picks Speaker/Listener implementations; heavy backends load lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microalign.config import Config
    from microalign.i18n import LanguagePack
    from microalign.paths import Paths
    from microalign.speech.base import Listener, Speaker


def make_speaker(mode: str, config: Config, pack: LanguagePack) -> Speaker:
    if mode == "text":
        from microalign.speech.terminal import TerminalSpeaker

        return TerminalSpeaker()
    from microalign.safetext import for_terminal
    from microalign.speech.tts import FallbackSpeaker, make_voice_speaker

    # A prompt that cannot be spoken is still shown (escaped: it may quote a goal text).
    return FallbackSpeaker(make_voice_speaker(config, pack), echo=lambda t: print(for_terminal(t)))


def make_listener(mode: str, config: Config, pack: LanguagePack, paths: Paths) -> Listener:
    if mode == "text":
        from microalign.speech.terminal import TerminalListener

        return TerminalListener()
    from microalign.speech.listener import make_voice_listener

    return make_voice_listener(config, pack, paths)
