"""Remote servers: streamable HTTP and SSE on 127.0.0.1, inspected with the config's headers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcpaudit.inspect import InspectOptions
from mcpaudit.scan import ScanOptions, scan
from tests.live_helpers import free_port, loopback_server, write_cursor


def _serve(kind: str, script: str = "http_server.py") -> Iterator[int]:
    with loopback_server(script, kind) as port:
        yield port


@pytest.fixture(scope="module")
def http_port() -> Iterator[int]:
    yield from _serve("http")


@pytest.fixture(scope="module")
def sse_port() -> Iterator[int]:
    yield from _serve("sse")


def _live_scan(home: Path) -> object:
    return scan(
        ScanOptions(live=True, inspect=InspectOptions(timeout=20, pins_path=home / "pins.json"))
    )


def test_streamable_http_server_is_inspected(isolated_home: Path, http_port: int) -> None:
    write_cursor(
        isolated_home,
        {
            "remote": {
                "url": f"http://127.0.0.1:{http_port}/mcp",
                "headers": {"Authorization": "Bearer EXAMPLE-not-a-real-token"},
            }
        },
    )
    result = _live_scan(isolated_home)
    (server,) = result.servers
    assert [t.name for t in result.tools[server.id]] == ["search_notes"]
    poison = [f for f in result.findings if f.rule_id == "MCP501"]
    assert poison and poison[0].server == "remote" and "<SYSTEM>" in poison[0].message


def test_sse_server_is_inspected(isolated_home: Path, sse_port: int) -> None:
    write_cursor(
        isolated_home, {"legacy": {"type": "sse", "url": f"http://127.0.0.1:{sse_port}/sse"}}
    )
    result = _live_scan(isolated_home)
    (server,) = result.servers
    assert [t.name for t in result.tools[server.id]] == ["search_notes"]


def test_unreachable_remote_is_a_finding(isolated_home: Path) -> None:
    write_cursor(isolated_home, {"gone": {"url": f"http://127.0.0.1:{free_port()}/mcp"}})
    result = _live_scan(isolated_home)
    (finding,) = [f for f in result.findings if f.rule_id == "MCP509"]
    assert finding.server == "gone" and finding.severity.value == "low"


def test_server_that_wants_a_login_says_so(isolated_home: Path) -> None:
    import http.server
    import threading

    class Unauthorized(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Bearer realm="mcp"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Unauthorized)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        write_cursor(
            isolated_home, {"locked": {"url": f"http://127.0.0.1:{server.server_port}/mcp"}}
        )
        result = _live_scan(isolated_home)
    finally:
        server.shutdown()
        server.server_close()
    (finding,) = [f for f in result.findings if f.rule_id == "MCP509"]
    assert "requires authorization (HTTP 401)" in finding.message


@pytest.mark.parametrize(("kind", "transport"), [("json", "http"), ("sse", "sse")])
def test_a_remote_server_that_never_stops_sending_is_cut_off(
    isolated_home: Path, kind: str, transport: str
) -> None:
    """A hostile server streaming an endless reply is stopped at the byte cap, long before
    the time limit, and reported as a flood; memory stays bounded by the cap."""
    port_iter = _serve(kind, "http_flood.py")
    port = next(port_iter)
    try:
        path = "/mcp" if kind == "json" else "/sse"
        write_cursor(
            isolated_home, {"flood": {"url": f"http://127.0.0.1:{port}{path}", "type": transport}}
        )
        options = InspectOptions(
            timeout=30, max_remote_bytes=2 * 1024 * 1024, pins_path=isolated_home / "pins.json"
        )
        started = time.perf_counter()
        result = scan(ScanOptions(live=True, inspect=options))
        elapsed = time.perf_counter() - started
    finally:
        next(port_iter, None)
    (failed,) = [f for f in result.findings if f.rule_id == "MCP509"]
    assert failed.server == "flood"
    assert "flood" in failed.message and "more than 2097152 bytes" in failed.message
    assert elapsed < 15, elapsed  # cut off by the cap, not by the 30 s time limit
