"""Helpers for live-inspection tests: real servers from tests/servers/ in real config files."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SERVERS = Path(__file__).resolve().parent / "servers"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def loopback_server(script: str, *args: str, wait_s: float = 30) -> Iterator[int]:
    """Start `tests/servers/<script> PORT *args` on a free loopback port, wait until it
    accepts connections, yield the port, and stop it afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(SERVERS / script), str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


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
