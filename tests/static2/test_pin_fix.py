"""MCP201's pin fix never pins a version the advisory table condemns (issue 18, item 7)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.rules.homes import write
from tests.static2.cli import one, scan_json


def _cache(home: Path, run: str, version: str) -> None:
    manifest = home / ".npm/_npx" / run / "node_modules/mcp-remote/package.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"name": "mcp-remote", "version": version}))


SERVER = {"r": {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.acme.com/sse"]}}


def test_only_a_vulnerable_cached_version_gives_no_pin(isolated_home: Path) -> None:
    _cache(isolated_home, "a1", "0.1.15")  # CVE-2025-6514, fixed in 0.1.16
    write(isolated_home, "claude-desktop", SERVER)
    f = one(scan_json(isolated_home), "MCP201", "r")
    assert f["fix"] is None


def test_pin_goes_to_the_newest_cached_version_no_advisory_covers(isolated_home: Path) -> None:
    _cache(isolated_home, "a1", "0.1.15")
    _cache(isolated_home, "b2", "0.1.29")
    path = write(isolated_home, "claude-desktop", SERVER)
    f = one(scan_json(isolated_home), "MCP201", "r")
    assert f["fix"] is not None and "0.1.29" in f["fix"]["description"]
    assert "no known advisory" in f["fix"]["description"]
    assert "0.1.15" not in json.dumps(f["fix"])
    assert path.exists()
