"""A small disk of a test's own: a tmpfs that the test fills up or remounts read-only
(mounting needs root, as on the CI machine; without it the test is skipped, saying why)."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest


class SmallDisk:
    """A 4 MB tmpfs at `root`, unmounted at the end of the test."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def mount(self) -> None:
        root = self.root
        root.mkdir()
        if os.geteuid() != 0:
            pytest.skip("mounting a small tmpfs needs root (the CI machine runs tests as root)")
        found = _mount("-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(root))
        if found.returncode != 0:
            why = found.stderr.strip()
            pytest.skip(f"cannot mount a tmpfs here (no CAP_SYS_ADMIN in a container?): {why}")

    def fill(self) -> None:
        """Write a file until the disk has no byte left."""
        fd = os.open(self.root / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        chunk = b"\0" * 65536
        try:
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC, exc
                    if len(chunk) == 1:
                        break
                    chunk = chunk[: len(chunk) // 2]
        finally:
            os.close(fd)
        assert os.statvfs(self.root).f_bavail == 0

    def read_only(self) -> None:
        found = _mount("-o", "remount,ro", str(self.root))
        assert found.returncode == 0, found.stderr

    def unmount(self) -> None:
        _mount("-o", "remount,rw", str(self.root))
        subprocess.run(["umount", "--lazy", str(self.root)], capture_output=True)


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)
