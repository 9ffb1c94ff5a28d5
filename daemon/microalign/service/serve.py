"""`microalign run`: put the real components together and run the daemon until stopped."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from microalign import config as configuration
from microalign.adapters.lock import daemon_lock
from microalign.adapters.paths import Paths

log = logging.getLogger(__name__)


def serve(paths: Paths, **parts: Any) -> int:
    """Validate the config first (a bad one exits non-zero before any data is touched),
    take the per-user daemon lock, open the store, then run the loop. `parts` go to
    compose.make_daemon (tests give their check-in process)."""
    from microalign.core.clock import check_tz

    config = configuration.load(paths.config_file, paths.config_required)
    check_tz()  # the check-in times would silently be UTC's
    with daemon_lock(paths):
        return asyncio.run(_serve(paths, config, parts))


async def _serve(paths: Paths, config: configuration.Config, parts: dict[str, Any]) -> int:
    from microalign.service.compose import make_daemon

    return await make_daemon(paths, config, **parts).run()
