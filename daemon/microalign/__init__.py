"""microalign: an offline, voice-first coach for daily micro-goals."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("microalign")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"
