"""Realistic descriptions of popular servers must not be reported at medium or above."""

from __future__ import annotations

from pathlib import Path

from mcpaudit.inspect import InspectOptions
from mcpaudit.model import Severity
from mcpaudit.scan import ScanOptions, scan
from tests.live_helpers import stdio_entry, write_cursor


def test_benign_popular_descriptions_produce_nothing_at_medium_or_above(
    isolated_home: Path,
) -> None:
    write_cursor(isolated_home, {"everyday": stdio_entry("benign_popular.py")})
    result = scan(
        ScanOptions(
            live=True, inspect=InspectOptions(timeout=30, pins_path=isolated_home / "pins.json")
        )
    )
    (server,) = result.servers
    assert len(result.tools[server.id]) == 15  # 14 tools and a prompt: it was really inspected
    live = [f for f in result.findings if f.rule_id.startswith("MCP5")]
    loud = [f for f in live if f.severity.rank >= Severity.MEDIUM.rank]
    assert loud == [], [f.message for f in loud]
