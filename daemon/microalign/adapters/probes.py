"""Look at the machine for `doctor`: audio devices, the speech synthesiser, the
notification server. Each probe raises ProbeFailed with what it saw; deciding what that
means for the user is the doctor's job."""

from __future__ import annotations


class ProbeFailed(Exception):
    """The probe could not find or start what it looked for; `missing_library` when the
    library under it (PortAudio) is not installed at all."""

    def __init__(self, detail: str, missing_library: bool = False) -> None:
        super().__init__(detail)
        self.missing_library = missing_library


def audio_device(kind: str, wanted: str) -> tuple[str, float]:
    """The name and sample rate of the `kind` ("input" or "output") device `wanted`, or
    of the default one when `wanted` is empty."""
    try:
        import sounddevice
    except OSError as exc:
        raise ProbeFailed(str(exc), missing_library=True) from None
    try:
        device = sounddevice.query_devices(wanted or None, kind=kind)
    except (ValueError, sounddevice.PortAudioError) as exc:
        raise ProbeFailed(str(exc)) from None
    return str(device["name"]), float(device["default_samplerate"])


def tts_voices() -> int:
    """How many voices pyttsx3 offers (starting and stopping its engine once)."""
    try:
        import pyttsx3

        engine = pyttsx3.init()
        voices = engine.getProperty("voices")
        engine.stop()
    except Exception as exc:
        raise ProbeFailed(str(exc)) from None
    return len(voices)


async def notification_server() -> tuple[str, str, str]:
    """Name, vendor and version of the notification server on the session bus."""
    from dbus_fast import Message, MessageType
    from dbus_fast.aio import MessageBus

    bus = await MessageBus().connect()
    try:
        reply = await bus.call(
            Message(
                destination="org.freedesktop.Notifications",
                path="/org/freedesktop/Notifications",
                interface="org.freedesktop.Notifications",
                member="GetServerInformation",
            )
        )
    finally:
        bus.disconnect()
    if reply.message_type is MessageType.ERROR:
        raise ProbeFailed(str(reply.error_name))
    name, vendor, version, _spec = reply.body
    return name, vendor, version
