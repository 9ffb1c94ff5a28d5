"""Stress runs: kill typed check-ins, the daemon and its check-in process at random
moments, and stop the daemon with SIGTERM. Small counts run with the suite; set
MICROALIGN_STRESS=large (or a number multiplier) for the figures: `pytest tests/stress -s`
(the suite's per-test timeout is lifted for those runs: they take many minutes)."""

from __future__ import annotations

import os

import pytest

SMALL = {"typed": 6, "daemon": 2, "worker": 2, "sigterm": 3, "backup": 3, "restore": 3, "import": 3}
LARGE = {
    "typed": 300,
    "daemon": 50,
    "worker": 50,
    "sigterm": 60,
    "backup": 100,
    "restore": 100,
    "import": 100,
}


@pytest.fixture
def kills() -> dict[str, int]:
    setting = os.environ.get("MICROALIGN_STRESS", "")
    if setting == "large":
        return dict(LARGE)
    if setting.isdigit():
        return {k: v * int(setting) for k, v in SMALL.items()}
    return dict(SMALL)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not os.environ.get("MICROALIGN_STRESS"):
        return
    for item in items:
        if "stress" in item.path.parts:
            item.add_marker(pytest.mark.timeout(0))
