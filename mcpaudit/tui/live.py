"""Live inspection bookkeeping for the TUI (no Textual): which servers the user let run,
and carrying their live findings across later static rescans.

A rescan (after `r` or a fix) reads the configs again without starting anything; the
live findings of servers inspected earlier are kept as long as the server is still
launched the same way (same command line or URL), since that is what was inspected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from mcpaudit.model import Finding, ScanResult, Server, Severity
from mcpaudit.rules.registry import load_all
from mcpaudit.scan import ScanOptions

INSPECTION_FAILED = "MCP509"


def live_scan_options(options: ScanOptions, server_ids: Iterable[str]) -> ScanOptions:
    """The same scan, plus live inspection of exactly `server_ids` (the user consented)."""
    from mcpaudit.inspect import InspectOptions

    base = options.inspect or InspectOptions()
    inspect = replace(base, servers=tuple(server_ids), env=base.env or options.env)
    return replace(options, live=True, inspect=inspect)


def launch_key(server: Server) -> tuple[str, ...]:
    """What was consented to and inspected: the command line, or the URL."""
    return (server.transport.value, server.url.text if server.url else "", *server.command_line)


def is_live_finding(finding: Finding) -> bool:
    rule = load_all().get(finding.rule_id)
    return bool(rule and rule.live)


def carry_live(
    new: ScanResult, previous: ScanResult | None, server_ids: Iterable[str]
) -> ScanResult:
    """`new` plus the live findings (and tools) `previous` had for `server_ids`, for the
    servers whose launch did not change since."""
    if previous is None:
        return new
    now = {s.id: launch_key(s) for s in new.servers}
    before = {s.id: launch_key(s) for s in previous.servers}
    keep = {sid for sid in server_ids if sid in now and now[sid] == before.get(sid)}
    if not keep:
        return new
    carried = [f for f in previous.findings if f.server_id in keep and is_live_finding(f)]
    present = {f.fingerprint for f in new.findings}
    findings = list(new.findings) + [f for f in carried if f.fingerprint not in present]
    tools = dict(new.tools)
    for sid in keep:
        if sid in previous.tools and sid not in tools:
            tools[sid] = previous.tools[sid]
    from mcpaudit.scan import sort_findings

    return replace(new, findings=tuple(sort_findings(findings)), tools=tools)


def inspection_failures(result: ScanResult) -> Mapping[str, str]:
    """Server id -> why its inspection failed (the MCP509 finding's message)."""
    return {
        f.server_id: f.message
        for f in result.findings
        if f.rule_id == INSPECTION_FAILED and f.server_id and f.severity != Severity.INFO
    }


def is_demo(options: ScanOptions) -> bool:
    """The bundled demo home: its servers are examples, not programs to start."""
    from mcpaudit.demo import demo_root

    home = (options.env or {}).get("HOME")
    return home is not None and home == str(demo_root())
