"""Helpers for live-inspection tests: real servers from tests/servers/ in real config files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SERVERS = Path(__file__).resolve().parent / "servers"


def stdio_entry(script: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"command": sys.executable, "args": [str(SERVERS / script), *args]}
    if env:
        entry["env"] = env
    return entry


def write_cursor(home: Path, servers: dict[str, dict[str, Any]]) -> Path:
    path = home / ".cursor" / "mcp.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"mcpServers": servers}, indent=2))
    return path


def write_claude_code(home: Path, servers: dict[str, dict[str, Any]]) -> Path:
    path = home / ".claude.json"
    path.write_text(json.dumps({"mcpServers": servers}, indent=2))
    return path


def findings_by(report: dict[str, Any], rule_id: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["rule_id"] == rule_id]


def servers_named(report: dict[str, Any], rule_id: str) -> set[str]:
    return {f["server"] for f in findings_by(report, rule_id)}
