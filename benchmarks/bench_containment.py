"""Hostile servers against the real CLI: peak memory and processes left behind (issue 19).

Each case runs `python -m mcpaudit scan --live --format json` in a fresh temp home and
reads the whole process's peak RSS from wait4():
- a loopback HTTP server answering with a gzip bomb (1 MB on the wire, 1 GiB inflated);
  target: reported as `flood`, peak < 200 MB;
- a stdio server listing 100,000 tools in one ~7 MB message;
- a stdio server that double-forks a grandchild into its own session; target: 0 left.
Run: `python benchmarks/bench_containment.py` (one table row per case).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVERS = REPO / "tests" / "servers"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _scan(home: Path, servers: dict[str, dict]) -> tuple[float, float, dict]:
    """(wall s, peak RSS MB, JSON report) of one live scan of `servers` in `home`."""
    (home / ".cursor").mkdir(parents=True, exist_ok=True)
    (home / ".cursor" / "mcp.json").write_text(json.dumps({"mcpServers": servers}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(REPO), NO_COLOR="1")
    argv = [sys.executable, "-m", "mcpaudit", "scan", "--live", "--format", "json"]
    argv += ["--fail-on", "never", "--timeout", "20"]
    out = home / "report.json"
    with out.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=sink, stderr=subprocess.DEVNULL)
        _, _status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, json.loads(out.read_text())


def _outcome(report: dict) -> str:
    failed = [f["message"] for f in report["findings"] if f["rule_id"] == "MCP509"]
    return failed[0].split("(", 1)[-1][:60] if failed else "inspected"


def measure_bomb(home: Path, mib: int = 1024) -> tuple[float, float, str]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(SERVERS / "http_bomb.py"), str(port), str(mib)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        wall, rss, report = _scan(home, {"bomb": {"url": f"http://127.0.0.1:{port}/mcp"}})
    finally:
        server.terminate()
        server.wait(10)
    return wall, rss, _outcome(report)


def measure_listing(home: Path, count: int = 100_000) -> tuple[float, float, str]:
    entry = {"command": sys.executable, "args": [str(SERVERS / "huge_listing.py"), str(count)]}
    wall, rss, report = _scan(home, {"huge": entry})
    (server,) = report["servers"]
    return wall, rss, f"{len(server.get('tools') or [])} tools kept; {_outcome(report)}"


def measure_escape(home: Path) -> tuple[float, float, str]:
    marker = f"mcpaudit-bench-escape-{os.getpid()}"
    pidfile = home / "grandchild.pid"
    entry = {
        "command": sys.executable,
        "args": [str(SERVERS / "double_fork.py"), str(pidfile), marker],
    }
    wall, rss, _report = _scan(home, {"escape": entry})
    time.sleep(0.2)
    left = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    pids = [line.split()[0] for line in left.splitlines() if marker in line]
    for pid in pids:  # the benchmark cleans up after the code it measured
        subprocess.run(["kill", "-9", pid], check=False)
    return wall, rss, f"{len(pids)} process(es) left"


def main() -> int:
    print("| case | wall s | peak RSS MB | outcome |")
    print("|---|---|---|---|")
    for label, fn in (
        ("gzip bomb over HTTP (1 MB -> 1 GiB)", measure_bomb),
        ("100,000 tools in one message", measure_listing),
        ("double-forking stdio server", measure_escape),
    ):
        with tempfile.TemporaryDirectory(prefix="mcpaudit-bench-") as tmp:
            wall, rss, outcome = fn(Path(tmp))
        print(f"| {label} | {wall:.2f} | {rss:.0f} | {outcome} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
