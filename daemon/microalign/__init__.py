"""microalign: an offline, voice-first coach for daily micro-goals."""


def __getattr__(name: str) -> str:
    # Resolved on first use: importlib.metadata costs ~25 ms, too much for `status`.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("microalign")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'microalign' has no attribute {name!r}")
