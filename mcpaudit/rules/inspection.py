"""MCP508: what a server left running after its live inspection (issue 19).

Reads `ctx.live["inspections"]` (server id -> InspectionResult); no I/O. The processes
were found by `mcpaudit.inspect.reaper.sweep()` when the last inspection ended.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from mcpaudit.model import Finding, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line

MAX_LISTED = 10  # pids named in one message


@rule(
    "MCP508",
    "process-outlived-inspection",
    "malformed_config",
    Severity.MEDIUM,
    "A server left a process running after it was stopped",
    "Find out why the server starts processes that leave its process group (a daemon, an "
    "updater, or something that should not be there) before the client runs it again. A "
    "process that could not be killed is still running: stop it by hand (`kill -9 PID`, "
    "as the user that owns it).",
    live=True,
)
def process_outlived_inspection(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """During live inspection the server started a process that left its process group
    (forked into a session of its own, the way a daemon or an attacker's implant does) and
    so escaped the kill that ends every inspection. mcpaudit found it among its own
    descendants (on Linux it is a child subreaper, so orphans come back to it) and killed
    it; this is medium. A process that was still running after SIGKILL (owned by another
    user, e.g. a set-user-ID program, or stuck in the kernel) is high: the server's code
    outlived the audit. When servers ran side by side, a process is named on each server
    that was running when it started."""
    results: Mapping[str, Any] = ctx.live.get("inspections") or {}
    for server in ctx.servers:
        result = results.get(server.id)
        left = tuple(getattr(result, "left_processes", ()) or ())
        if not left:
            continue
        name = one_line(server.name, 80)
        shared = any(p.shared for p in left)
        maybe = " (other servers were running at the same time; it may be theirs)"
        survivors = [p for p in left if not p.killed]
        killed = [p for p in left if p.killed]
        if survivors:
            yield r.finding(
                f"server {name} left {_list(survivors)} still running after mcpaudit tried "
                f"to kill it{maybe if shared else ''}",
                server=server,
                severity=Severity.HIGH,
                evidence=_list(survivors),
            )
        if killed:
            yield r.finding(
                f"server {name} started {_list(killed)} outside its process group; mcpaudit "
                f"killed it when the inspection ended{maybe if shared else ''}",
                server=server,
                evidence=_list(killed),
            )


def _list(procs: list[Any]) -> str:
    shown = ", ".join(p.describe() for p in procs[:MAX_LISTED])
    more = len(procs) - MAX_LISTED
    word = "process" if len(procs) == 1 else "processes"
    return f"{word} {shown}" + (f" and {more} more" if more > 0 else "")
