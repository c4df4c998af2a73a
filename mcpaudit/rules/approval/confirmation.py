"""MCP601-604: tools, servers, clients and projects whose tool calls or servers run without
asking the user first."""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.model import Finding, Server, Severity
from mcpaudit.rules.approval.grants import grants, switches, tool_risk
from mcpaudit.rules.common import dotted, dotted_pointer, ok_files, path_endswith, raw_entry
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line


@rule(
    "MCP601",
    "tools-auto-approved",
    "auto_approve",
    Severity.MEDIUM,
    "MCP tools run without asking for confirmation",
    "Remove the auto-approval, or limit it to read-only tools you trust; keep confirmation for "
    "tools that run commands, write files or send data.",
)
def tools_auto_approved(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The confirmation prompt is the last check between a prompt injection (in a web page,
    an issue, an email the model reads) and a tool call with side effects. Auto-approving a
    whole server, or a tool that runs commands, writes files or sends data, lets injected
    instructions act immediately. Read-only tools are reported at low severity."""
    by_name: dict[tuple[str, str], Server] = {}
    for s in ctx.servers:
        by_name.setdefault((s.client, s.name), s)
    for g in grants(ctx):
        severity, what = tool_risk(list(g.tools))
        server = by_name.get((g.file.client, g.server)) if g.server else None
        who = f"server {g.server!r}" if g.server else "every server"
        yield r.finding(
            f"no confirmation for {what} of {who} ({g.how})",
            server=server,
            file=g.file,
            pointer=g.pointer,
            evidence=one_line(g.how),
            severity=severity,
        )


@rule(
    "MCP602",
    "server-trusted",
    "auto_approve",
    Severity.MEDIUM,
    "Server is trusted: none of its tool calls are confirmed",
    'Remove the server-wide trust (`trust`, `default_tools_approval_mode = "approve"`) and '
    "approve individual read-only tools instead.",
)
def server_trusted(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Gemini CLI's `trust: true` and Codex's `default_tools_approval_mode = "approve"` skip
    the confirmation for every tool the server has now or adds later (an update can add a
    dangerous one silently). VS Code's `sandboxEnabled` also auto-approves, but inside a
    sandbox, and is reported at low severity."""
    for s in ctx.servers:
        entry = raw_entry(ctx, s)
        f = ctx.file(s.file)
        if entry.get("trust") is True:
            how, key, severity = "trust: true", "trust", None
        elif entry.get("default_tools_approval_mode") == "approve":
            how, key, severity = (
                'default_tools_approval_mode = "approve"',
                "default_tools_approval_mode",
                None,
            )
        elif entry.get("sandboxEnabled") is True:
            how, key, severity = "sandboxEnabled: true", "sandboxEnabled", Severity.LOW
        else:
            continue
        yield r.finding(
            f"every tool of server {s.name!r} runs without confirmation ({how})",
            server=s,
            file=f,
            pointer=f"{s.pointer}/{key}",
            evidence=how,
            severity=severity,
        )


@rule(
    "MCP603",
    "client-approves-everything",
    "auto_approve",
    Severity.HIGH,
    "Client runs every tool call without confirmation",
    "Switch the client back to asking before tool calls (VS Code: remove "
    "`chat.tools.global.autoApprove`; Claude Code: a defaultMode other than bypassPermissions; "
    'Zed: tool_permissions.default "confirm"; Goose: GOOSE_MODE approve or smart_approve; '
    'Codex: approval_policy "on-request"; opencode: permission "ask"; Antigravity CLI: '
    'toolPermission "request-review").',
)
def client_approves_everything(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A client-wide "YOLO" switch removes confirmation for every tool of every server,
    including shell and file-write tools and any server added later. One prompt injection
    in anything the model reads is then enough to run commands or leak data unattended."""
    for f in ok_files(ctx):
        for sw in switches(f):
            yield r.finding(
                f"{sw.how}: every tool call runs without confirmation",
                file=f,
                pointer=sw.pointer,
                evidence=sw.how,
                severity=sw.severity,
            )


@rule(
    "MCP604",
    "project-servers-auto-enabled",
    "auto_approve",
    Severity.HIGH,
    "Servers defined by a project start without approval",
    "Remove the switch and approve project servers one by one after reading their command "
    "(Claude Code: drop `enableAllProjectMcpServers`; Zed: drop `session.trust_all_worktrees`).",
)
def project_servers_auto_enabled(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A repository can carry its own MCP config (`.mcp.json`, `.zed/settings.json`). With
    project servers enabled automatically, cloning and opening a hostile repository runs the
    commands it lists — arbitrary code — without a prompt. Set in a project's own settings,
    the switch affects that project only and is reported at medium severity."""
    for f in ok_files(ctx):
        data = f.data
        if not isinstance(data, dict):
            continue
        if f.client == "claude-code" and path_endswith(f, "/settings.json", "/settings.local.json"):
            user_scope = f.scope == "user"
            if data.get("enableAllProjectMcpServers") is True:
                yield r.finding(
                    "enableAllProjectMcpServers: true starts every server in a project's "
                    ".mcp.json without asking",
                    file=f,
                    pointer="/enableAllProjectMcpServers",
                    evidence="enableAllProjectMcpServers: true",
                    severity=Severity.HIGH if user_scope else Severity.MEDIUM,
                )
            names = data.get("enabledMcpjsonServers")
            if isinstance(names, list) and names:
                yield r.finding(
                    f"project servers {', '.join(map(str, names))} start without asking",
                    file=f,
                    pointer="/enabledMcpjsonServers",
                    evidence=one_line(f"enabledMcpjsonServers {names!r}"),
                    severity=Severity.LOW,
                )
        elif f.client == "zed" and dotted(data, "session.trust_all_worktrees") is True:
            yield r.finding(
                "session.trust_all_worktrees: true starts every project's context servers "
                "without a trust check",
                file=f,
                pointer=dotted_pointer(data, "session.trust_all_worktrees") or "",
                evidence="session.trust_all_worktrees: true",
            )
