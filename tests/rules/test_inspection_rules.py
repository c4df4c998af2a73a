"""MCP508 on results as the reaper leaves them. A process that survives SIGKILL cannot be
made on demand (it takes another user's process or one stuck in the kernel), so the high
branch is checked on the result data; the killed branch runs live in test_live_faults."""

from __future__ import annotations

from pathlib import Path

from mcpaudit.inspect.results import InspectionResult, LeftProcess
from mcpaudit.model import Severity
from mcpaudit.rules import RuleContext, run_rules
from mcpaudit.scan import ScanOptions, scan
from tests.live_helpers import write_cursor


def _findings(home: Path, left: tuple[LeftProcess, ...]) -> list:
    path = write_cursor(home, {"daemon": {"command": "node", "args": ["server.js"]}})
    (server,) = scan(ScanOptions()).servers
    result = InspectionResult(server.id, server.name, "stdio", left_processes=left)
    ctx = RuleContext(
        files=(), servers=(server,), home=str(home), live={"inspections": {server.id: result}}
    )
    hits = [f for f in run_rules(ctx, include_live=True) if f.rule_id == "MCP508"]
    assert all(f.file == str(path) and f.server == "daemon" for f in hits)
    return hits


def test_a_process_still_running_is_high_and_named_by_pid(isolated_home: Path) -> None:
    left = (
        LeftProcess(4242, "updater", 1.0, killed=False),
        LeftProcess(4243, "sh\x1b[2J", 1.0, killed=True, shared=True),
    )
    high, medium = _findings(isolated_home, left)
    assert high.severity == Severity.HIGH and "pid 4242 (updater) still running" in high.message
    assert medium.severity == Severity.MEDIUM and "pid 4243 (sh\\x1b[2J)" in medium.message
    assert "may be theirs" in medium.message and "\x1b" not in medium.message


def test_nothing_left_is_no_finding(isolated_home: Path) -> None:
    assert _findings(isolated_home, ()) == []
