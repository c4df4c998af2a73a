"""Hostile servers: each becomes a finding within its time limit, and nothing is left running."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import psutil

from mcpaudit.inspect import InspectOptions, inspect_servers
from mcpaudit.scan import ScanOptions, scan
from tests.live_helpers import stdio_entry, write_cursor

TIMEOUT = 3.0


def _processes_with(marker: str) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        if marker in " ".join(proc.info["cmdline"] or ()):
            found.append(proc)
    return found


def test_hang_flood_and_malformed_fail_fast_and_leave_no_process(isolated_home: Path) -> None:
    import mcpaudit.inspect.session  # noqa: F401  (the SDK import is not part of the timing)

    marker = f"mcpaudit-hang-{uuid.uuid4().hex}"
    write_cursor(
        isolated_home,
        {
            "hang": stdio_entry("hang.py", marker),
            "flood": stdio_entry("flood.py"),
            "malformed": stdio_entry("malformed.py"),
            "missing": {"command": "/nonexistent/mcp-server-EXAMPLE"},
        },
    )
    options = ScanOptions(
        live=True, inspect=InspectOptions(timeout=TIMEOUT, pins_path=isolated_home / "pins.json")
    )
    started = time.perf_counter()
    result = scan(options)
    elapsed = time.perf_counter() - started

    failed = {f.server: f for f in result.findings if f.rule_id == "MCP509"}
    assert set(failed) == {"hang", "flood", "malformed", "missing"}
    assert "timeout" in failed["hang"].message
    assert "flood" in failed["flood"].message
    assert "protocol" in failed["malformed"].message and "JSON-RPC" in failed["malformed"].message
    assert "spawn" in failed["missing"].message
    assert all(
        f.severity.value == "low" and f.category == "malformed_config" for f in failed.values()
    )
    assert elapsed < TIMEOUT + 1.5, elapsed  # concurrent: the slowest server's limit, plus teardown
    assert _processes_with(marker) == []  # the hang server's grandchild was killed too
    scripts = ("hang.py", "flood.py", "malformed.py")
    leftovers = [
        p
        for p in psutil.Process().children(recursive=True)
        if any(s in _cmdline(p) for s in scripts)
    ]
    assert leftovers == []


def _cmdline(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return ""


def test_each_hostile_server_is_done_within_timeout_plus_a_second(isolated_home: Path) -> None:
    write_cursor(
        isolated_home, {"hang": stdio_entry("hang.py", "x"), "flood": stdio_entry("flood.py")}
    )
    servers = scan(ScanOptions()).servers
    results = inspect_servers(
        servers, InspectOptions(timeout=TIMEOUT, pins_path=isolated_home / "pins.json")
    )
    for result in results.values():
        assert result.error is not None
        assert result.duration_s < TIMEOUT + 1.0, (result.server_name, result.duration_s)


def test_five_thousand_tools_are_all_analysed_not_fatal(isolated_home: Path) -> None:
    write_cursor(isolated_home, {"many": stdio_entry("many_tools.py")})
    result = scan(
        ScanOptions(
            live=True, inspect=InspectOptions(timeout=30, pins_path=isolated_home / "pins.json")
        )
    )
    (server,) = result.servers
    assert len(result.tools[server.id]) == 5000  # no count cap: bytes and time bound it
    assert not [f for f in result.findings if f.rule_id == "MCP509"]
    (many,) = [f for f in result.findings if f.rule_id == "MCP507"]
    assert many.severity.value == "low" and "5000 tools" in many.message
