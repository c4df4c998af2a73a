"""MCP71x: what running MCP servers expose in the process table.

The process list is read by `mcpaudit.collect.processes`; these rules only look
at its records (`RuleContext.extra["processes"]`).
"""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.collect.logs import excerpt
from mcpaudit.collect.results import PROCESSES, ProcessScan
from mcpaudit.model import Finding, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.secrets import find_secrets


@rule(
    "MCP710",
    "secret-in-process-args",
    "secret_in_args",
    Severity.HIGH,
    "Running server shows a secret on its command line",
    "Pass the credential through the server's `env` block (or the client's secret "
    "reference syntax that expands into env) instead of an argument, restart the server, "
    "and rotate the credential.",
)
def secret_in_process_args(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Every local user can read every process's command line (`ps aux`,
    `/proc/<pid>/cmdline`, Task Manager). A token handed to a server as an argument is
    therefore visible to all of them while it runs — even when the config file itself only
    holds a reference such as `${env:TOKEN}` that the client expanded into the argument.
    Environment variables are private to the process owner; arguments are not."""
    scan = ctx.extra_of(PROCESSES, ProcessScan)
    if scan is None:
        return
    seen: set[tuple[str, str]] = set()  # `npx` and its node child show the same arguments
    for proc in scan.running:
        server = ctx.server(proc.server_id)
        if server is None:
            continue
        literal = {a.text for a in server.args}
        line = " ".join(proc.argv)
        for match in find_secrets(line):
            if any(match.value in arg for arg in literal):
                continue  # written in the config itself: the static secret rules report it
            if (server.id, match.value) in seen:
                continue
            seen.add((server.id, match.value))
            at = next((a for a in server.args if a.is_reference), None)
            yield r.finding(
                f"process {proc.pid} shows a {match.description} on its command line, "
                "readable by every user of this machine",
                server=server,
                at=at,
                evidence=excerpt(line, match.start, match.end, match.value),
            )


@rule(
    "MCP711",
    "server-running-as-root",
    "broad_filesystem",
    Severity.HIGH,
    "MCP server running as root",
    "Start the AI client (and so its servers) as your normal user; if the server needs one "
    "privileged action, give it exactly that (a group, a capability, a sudo rule) instead.",
)
def server_running_as_root(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A server is code that follows instructions from a model, which follows instructions
    from whatever text it reads. Running it as root turns any prompt injection or command
    injection into control of the whole machine: every file, every user, every service."""
    scan = ctx.extra_of(PROCESSES, ProcessScan)
    if scan is None:
        return
    reported: set[str] = set()
    for proc in scan.running:
        server = ctx.server(proc.server_id)
        if server is None or 0 not in (proc.uid, proc.euid) or server.id in reported:
            continue
        reported.add(server.id)
        yield r.finding(
            f"process {proc.pid} of this server runs as {proc.username or 'uid 0'} (root)",
            server=server,
            evidence=f"pid {proc.pid}, uid {proc.uid}, euid {proc.euid}",
        )
