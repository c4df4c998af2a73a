"""Shared helpers: real files in the test's temp home, scanned by the real scanner."""

from __future__ import annotations

import os
from pathlib import Path

from mcpaudit.model import Finding, Location, ScanResult, Severity
from mcpaudit.scan import ScanOptions, scan


def write(home: Path, rel: str, text: str | bytes, mode: int = 0o644) -> Path:
    path = home / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    os.chmod(path, mode)
    return path


def scan_home(home: Path, project: Path | None = None) -> ScanResult:
    env = {"HOME": str(home)}
    return scan(ScanOptions(env=env, project=project or home / "no-project", fixes=True))


def finding(
    result: ScanResult,
    path: Path,
    pointer: str,
    category: str,
    rule_id: str = "MCP-TEST",
    message: str = "",
    remediation: str = "",
) -> Finding:
    """A finding as a rule would make it: at the offending value's pointer."""
    server = next(
        (
            s
            for s in result.servers
            if s.file == str(path) and (pointer == s.pointer or pointer.startswith(s.pointer + "/"))
        ),
        None,
    )
    cfg = next(f for f in result.files if f.path == str(path))
    return Finding(
        rule_id=rule_id,
        category=category,
        severity=Severity.HIGH,
        title="test finding",
        message=message,
        location=Location(str(path), cfg.line_of(pointer), pointer),
        client=cfg.client,
        file=str(path),
        server=server.name if server else None,
        server_id=server.id if server else None,
        remediation=remediation,
    )
