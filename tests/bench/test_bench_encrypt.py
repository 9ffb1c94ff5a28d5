"""`status` and `stats` on an encrypted store of 10 years x 5 goals against the same store
unencrypted, in one run: the key in the desktop keyring (a real gnome-keyring on a private
D-Bus; the first command of a login looks it up, the next ones find it in the runtime folder)
and behind a passphrase (scrypt, paid by every command).

Run: .venv/bin/python -m pytest tests/bench/test_bench_encrypt.py -m bench -s
The commands are run in turn (plain, keyring, passphrase, plain, ...) so that the load of a
shared machine falls on all of them alike; prints medians (no timing assertions).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from tests.bench.test_bench_cli import GOALS, YEARS, fill
from tests.harness.keyring import private_keyring

RUNS = 15
PASSPHRASE = "bench passphrase"


def _env(tmp_path: Path, name: str, **extra: str) -> dict[str, str]:
    root = tmp_path / name
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("MICROALIGN_PASSPHRASE", None)
    for folder in ("config", "data", "run", "cache"):
        (root / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    return env | {
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_RUNTIME_DIR": str(root / "run"),
        "XDG_CACHE_HOME": str(root / "cache"),
        **extra,
    }


def _run(cmd: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - began


def test_bench_status_stats_encrypted_against_plain(tmp_path):
    exe = shutil.which("microalign", path=str(Path(sys.executable).parent)) or "microalign"
    plain = _env(tmp_path, "plain")
    count = fill(Path(plain["XDG_DATA_HOME"]) / "microalign", date.today())
    with private_keyring(tmp_path / "keyring") as address:
        stores = {
            "plain": plain,
            "keyring": _env(tmp_path, "keyring", DBUS_SESSION_BUS_ADDRESS=address),
            "passphrase": _env(tmp_path, "passphrase", MICROALIGN_PASSPHRASE=PASSPHRASE),
        }
        for name in ("keyring", "passphrase"):
            shutil.copytree(
                Path(plain["XDG_DATA_HOME"]) / "microalign",
                Path(stores[name]["XDG_DATA_HOME"]) / "microalign",
            )
            subprocess.run([exe, "encrypt", "--with", name], env=stores[name], check=True)
        # The first command of a login asks the keyring over D-Bus and keeps the key in the
        # runtime folder; "keyring, first" removes that copy before each of its runs.
        stores["keyring, first"] = stores["keyring"]
        cache = Path(stores["keyring"]["XDG_RUNTIME_DIR"]) / "microalign"
        times: dict[tuple[str, str], list[float]] = {}
        for command in ("status", "stats"):
            for env in stores.values():  # untimed: bytecode and page cache, as on day two
                _run([exe, command], env)
            for _ in range(RUNS):
                for name, env in stores.items():
                    if name == "keyring, first":
                        for copy in cache.glob("key-*"):
                            copy.unlink()
                    times.setdefault((command, name), []).append(_run([exe, command], env))
    print(f"\n{count} answers, {YEARS} years x {GOALS} goals; median of {RUNS} interleaved runs:")
    for command in ("status", "stats"):
        base = statistics.median(times[(command, "plain")])
        for name in stores:
            median = statistics.median(times[(command, name)])
            print(
                f"  microalign {command:<6} {name:<15} {median * 1000:7.1f} ms"
                f"   ({(median - base) * 1000:+6.1f} ms over plain)"
            )
