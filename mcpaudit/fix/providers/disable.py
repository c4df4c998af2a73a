"""Disable a server the way its client understands, or quarantine it.

`disabled: true` (Cline, Roo Code, Windsurf, Kiro, Amazon Q), `enabled: false`
(Zed, Goose, opencode, Codex), Claude Code's per-project `disabledMcpServers`,
Gemini CLI's `mcp.excluded`. Clients without a switch (Claude Desktop, VS Code,
Cursor, Continue, …) get the entry moved into mcpaudit's quarantine store;
`mcpaudit restore` puts it back. Always unsafe: the server stops running.

Offered as the fix for findings about the server as a whole (shell commands, tool
poisoning, malicious OAuth, …) and, for any server, through `disable_fix`.
"""

from __future__ import annotations

from mcpaudit.model import Edit, Finding, Fix, Server

from .. import pointer as ptr
from .registry import FixContext, fix_id, provides

SERVER_LEVEL = (
    "shell_command",
    "malicious_oauth",
    "tool_poisoning",
    "hidden_unicode",
    "ansi_escape",
    "tool_shadowing",
    "rug_pull",
    "toxic_flow",
    "untrusted_source_code",
)


def _edits(server: Server, ctx: FixContext) -> tuple[list[Edit], str]:
    spec = ctx.client(server.client)
    switch = (spec.disable or "") if spec else ""
    cfg = ctx.file(server.file)
    if switch.startswith("disabled"):
        return [Edit("set", ptr.child(server.pointer, "disabled"), True)], "set disabled: true"
    if switch.startswith("enabled"):
        return [Edit("set", ptr.child(server.pointer, "enabled"), False)], "set enabled: false"
    # A local-scope server runs only in its project: its disabledMcpServers turns it off.
    # A user-scope one would still start in every other project: it is quarantined.
    if server.client == "claude-code" and server.project and cfg is not None:
        projects = cfg.data.get("projects") if isinstance(cfg.data, dict) else None
        if isinstance(projects, dict) and isinstance(projects.get(server.project), dict):
            at = ptr.child(ptr.child("/projects", server.project), "disabledMcpServers")
            return [Edit("append", at, server.name)], "add it to disabledMcpServers of its project"
    if server.client == "gemini-cli" and not server.file.endswith("gemini-extension.json"):
        return [Edit("append", "/mcp/excluded", server.name)], "add it to mcp.excluded"
    move = {"client": server.client, "name": server.name}
    return (
        [Edit("quarantine", server.pointer, move), Edit("delete", server.pointer)],
        "move it to mcpaudit's quarantine (`mcpaudit restore` brings it back)",
    )


def disable_fix(server: Server, ctx: FixContext, rule_id: str = "disable") -> Fix:
    """The fix that switches `server` off in its client (works for any server)."""
    edits, how = _edits(server, ctx)
    return Fix(
        id=fix_id(rule_id, server.file, server.pointer, "disable"),
        rule_id=rule_id,
        description=f"disable server {server.name!r}: {how}",
        safe=False,
        path=server.file,
        edits=tuple(edits),
    )


@provides(*SERVER_LEVEL)
def disable_risky_server(finding: Finding, ctx: FixContext) -> Fix | None:
    server = ctx.server_for(finding)
    if server is None or server.disabled:
        return None
    return disable_fix(server, ctx, finding.rule_id)
