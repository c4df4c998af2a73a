"""MCP70x: secrets that MCP clients and servers wrote into log files.

The logs are read by the `mcpaudit.collect.logs` stage; these rules only turn
its records (`RuleContext.extra["logs"]`) into findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from mcpaudit.collect.results import LOGS, LogScan
from mcpaudit.model import Finding, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule


@rule(
    "MCP700",
    "secret-in-log",
    "secret_in_logs",
    Severity.HIGH,
    "Secret written to an MCP log file",
    "Rotate the credential: it has been on disk in clear text. Then delete or truncate the "
    "log file, and stop the server from echoing its environment or arguments (pass secrets "
    "through env references, and lower the log level).",
)
def secret_in_log(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """MCP clients keep every server's stderr and often the JSON-RPC traffic in plain log
    files (Claude Desktop's `mcp-server-<name>.log`, VS Code's `mcpServer.*.log`, Claude
    Code's `mcp-logs-*` folders). Servers that print their configuration, a failing request
    with its `Authorization` header, or a connection string leave the credential there,
    readable by backup tools, support bundles, other software running as the user and anyone
    who copies the folder — long after the config was fixed."""
    scan = ctx.extra_of(LOGS, LogScan)
    if scan is None:
        return
    for hit in scan.secrets:
        server = ctx.server(hit.server_id or "")
        by = f" by server {hit.server!r}" if hit.server else ""
        where = " (line counted from the start of the part read)" if hit.partial else ""
        finding = r.finding(
            f"a {hit.kind} was written to this {hit.client} log{by}{where}",
            file=hit.path,
            line=hit.line,
            pointer="",
            evidence=hit.evidence,
            client=hit.client,
        )
        if server is not None:
            finding = replace(finding, server=server.name, server_id=server.id)
        elif hit.server:
            finding = replace(finding, server=hit.server)
        yield finding


@rule(
    "MCP701",
    "log-scan-incomplete",
    "secret_in_logs",
    Severity.INFO,
    "Some MCP log files were not fully scanned",
    "Run `mcpaudit scan --log-budget 120` to read more, or review the remaining log files "
    "yourself.",
)
def log_scan_incomplete(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """mcpaudit reads log files within a byte and time budget so that a scan stays fast on
    machines with gigabytes of logs. Whatever it did not read may still hold secrets."""
    scan = ctx.extra_of(LOGS, LogScan)
    if scan is None:
        return
    for skipped in scan.skipped:
        path = skipped.what if skipped.what != "logs" else ""
        yield r.finding(skipped.reason, file=path, pointer="")
