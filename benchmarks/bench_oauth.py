"""OAuth probe throughput: 20 remote servers whose every answer takes 0.3 s.

Each server's discovery chain is three requests (initialize, protected-resource and
authorization-server metadata), so one server takes ~0.9 s and 20 in a row ~18 s;
the probe walks 8 at a time. Also times one server whose metadata is a 3 MB flood.
Run: `python benchmarks/bench_oauth.py` (prints wall times; no assertions).
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mcpaudit.inspect.oauth import probe_servers  # noqa: E402
from mcpaudit.model import Server, Transport, Value  # noqa: E402
from tests.servers.oauth_http import OAuthHTTPServer, Route, well_behaved_routes  # noqa: E402


def remote(name: str, url: str) -> Server:
    return Server(
        name, "bench", "/bench.json", f"/mcpServers/{name}", 1, Transport.HTTP,
        url=Value(url, f"/mcpServers/{name}/url", 1),
    )  # fmt: skip


def slow_routes(delay: float) -> dict[str, Route]:
    routes = well_behaved_routes()
    for route in routes.values():
        route.delay = delay
    return routes


def main() -> None:
    with ExitStack() as stack:
        servers = [stack.enter_context(OAuthHTTPServer(slow_routes(0.3))) for _ in range(20)]
        targets = [remote(f"s{i}", f"{s.base}/mcp") for i, s in enumerate(servers)]
        probe_servers(targets[:1])  # warm up: imports, TLS context
        start = time.perf_counter()
        results = probe_servers(targets)
        wall = time.perf_counter() - start
        complete = sum(1 for r in results.values() if r.authorization_servers)
        print(f"20 servers x 3 requests x 0.3 s: {wall:.2f} s wall, {complete}/20 chains complete")

        flood = well_behaved_routes()
        flood["/.well-known/oauth-authorization-server"] = Route(flood=3_000_000)
        big = stack.enter_context(OAuthHTTPServer(flood))
        start = time.perf_counter()
        probe_servers([remote("flood", f"{big.base}/mcp")])
        print(f"3 MB metadata flood cut at 1 MB: {time.perf_counter() - start:.2f} s wall")


if __name__ == "__main__":
    main()
