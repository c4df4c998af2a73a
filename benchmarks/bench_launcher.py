"""What `mcpaudit-run` adds to a server's start: `mcpaudit-run --secret K=SOURCE -- python -c
pass` against `python -c pass` alone, in a temp home, median of N runs.

- file: the secret comes from the 0600 `secrets.env` (standard library only).
- keyring: the secret comes through `keyring` with the test backend
  (`tests/keyring_backend`, a JSON file): this is keyring's own cost (import, backend
  discovery through entry points, its config file), not a real keychain's. A Secret
  Service call over D-Bus or a macOS Keychain prompt comes on top.

Run: `python benchmarks/bench_launcher.py` (prints the figures; `run.py` shows them as rows).
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SECRET = "sk-bench-" + "x" * 40
RUNS = 11


def _launcher() -> list[str]:
    script = Path(sys.executable).with_name("mcpaudit-run")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mcpaudit.launcher"]


def _home(root: Path) -> dict[str, str]:
    from tests.keyring_backend.mcpaudit_test_keyring import configure

    home = root / "home"
    secrets = home / ".config" / "mcpaudit" / "secrets.env"
    secrets.parent.mkdir(parents=True)
    secrets.write_text(f"export K='{SECRET}'\n")
    secrets.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(REPO))
    configure(home)  # keyringrc.cfg in this home names the test backend
    store = home / ".local" / "share" / "mcpaudit-test-keyring.json"  # where it keeps entries
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(json.dumps({"mcpaudit/K": SECRET}))
    return env


def _wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


@functools.cache
def measure_all() -> dict[str, float]:
    """Median wall seconds: bare start, through the launcher with a file / keyring secret.
    The three are interleaved run by run, so a load change hits them alike."""
    with tempfile.TemporaryDirectory(prefix="mcpaudit-bench-run-") as tmp:
        env = _home(Path(tmp))
        bare = [sys.executable, "-c", "pass"]
        cases = {
            "bare": bare,
            "file": [*_launcher(), "--secret", "K=file:K", "--", *bare],
            "keyring": [*_launcher(), "--secret", "K=keyring:mcpaudit/K", "--", *bare],
        }
        walls: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(RUNS):
            for name, argv in cases.items():
                walls[name].append(_wall(argv, env))
        return {name: statistics.median(w) for name, w in walls.items()}


def measure_file() -> float:
    return measure_all()["file"]


def measure_keyring() -> float:
    return measure_all()["keyring"]


if __name__ == "__main__":
    figures = measure_all()
    bare = figures["bare"]
    for name in ("bare", "file", "keyring"):
        wall = figures[name]
        print(
            f"{name:<8} {wall * 1000:7.1f} ms  {wall / bare:4.1f}x  +{(wall - bare) * 1000:.1f} ms"
        )
