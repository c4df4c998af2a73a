"""Live inspection: 20 stdio servers that each take 1 s to answer, inspected concurrently.

Target (issue 4): under 3 s of wall time. Run `python benchmarks/bench_live.py`;
`benchmarks/run.py` imports `measure()` from here.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mcpaudit.inspect import InspectOptions, inspect_servers  # noqa: E402
from mcpaudit.model import Server, Transport, Value  # noqa: E402

SERVERS = 20
DELAY = 1.0


def _servers() -> list[Server]:
    return [
        Server(
            name=f"slow-{i}",
            client="bench",
            file="bench.json",
            pointer=f"/mcpServers/slow-{i}",
            line=None,
            transport=Transport.STDIO,
            command=Value(sys.executable, ""),
            args=(Value(str(HERE / "slow_server.py"), ""), Value(str(DELAY), "")),
        )
        for i in range(SERVERS)
    ]


def measure() -> float:
    """Wall seconds to inspect 20 slow servers (the SDK import excluded)."""
    import mcpaudit.inspect.session  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        options = InspectOptions(timeout=10, pins_path=Path(tmp) / "pins.json")
        started = time.perf_counter()
        results = inspect_servers(_servers(), options)
        wall = time.perf_counter() - started
    failed = [r for r in results.values() if not r.ok]
    if failed:
        raise SystemExit(f"{len(failed)} server(s) failed: {failed[0].error}")
    return wall


def main() -> int:
    wall = measure()
    verdict = "ok" if wall < 3.0 else "SLOW"
    label = f"live: {SERVERS} stdio servers x {DELAY:g} s each"
    print(f"| {label} | {wall * 1000:9.1f} ms | < 3000 ms | {verdict} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
