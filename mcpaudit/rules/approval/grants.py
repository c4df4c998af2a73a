"""Where each client writes that tool calls run without confirmation: per-tool and
per-server auto-approvals (`Grant`), client-wide switches (`Switch`), and how risky the
approved tools are by their names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mcpaudit.config.jsonpos import escape_pointer_token
from mcpaudit.model import ConfigFile, Severity
from mcpaudit.rules.common import dotted, dotted_pointer, ok_files, path_endswith, raw_entry
from mcpaudit.rules.registry import RuleContext

_WORDS = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
_SHELL = {"shell", "exec", "execute", "run", "command", "commands", "terminal", "bash", "cmd"}
_SHELL |= {"powershell", "process", "spawn", "eval", "script", "sudo"}
_WRITE = {
    "write", "create", "delete", "remove", "update", "edit", "move", "rename", "push", "merge",
    "send", "post", "put", "patch", "upload", "commit", "deploy", "drop", "insert", "modify",
    "set", "add", "publish", "transfer", "pay", "approve", "close", "archive", "kill", "install",
    "apply", "reply", "comment", "invite", "fork", "checkout", "reset", "truncate", "execute_sql",
}  # fmt: skip
_READ = {"get", "list", "read", "search", "fetch", "query", "find", "describe", "view", "show"}
_READ |= {"lookup", "resolve", "browse", "status", "info", "count", "diff", "log", "docs"}


def tool_risk(names: list[str]) -> tuple[Severity, str]:
    """Risk of auto-approving these tools: all/shell/write high, unknown medium, reads low."""
    if any(n.strip() in ("*", "all", "") for n in names):
        return Severity.HIGH, "every tool"
    words = [{w.lower() for w in _WORDS.split(n) if w} for n in names]
    if any(w & _SHELL for w in words):
        return Severity.HIGH, "a tool that runs commands"
    if any(w & _WRITE for w in words):
        return Severity.HIGH, "tools that change or send data"
    if all(w & _READ for w in words):
        return Severity.LOW, "read-only tools"
    return Severity.MEDIUM, "tools"


@dataclass(frozen=True)
class Grant:
    """One auto-approval: who grants it, for which server and tools, and where it is written."""

    file: ConfigFile
    pointer: str
    server: str | None  # None: every server
    tools: tuple[str, ...]  # ("*",) for the whole server
    how: str


def _claude_grants(f: ConfigFile) -> Iterator[Grant]:
    allow = dotted(f.data, "permissions.allow")
    if not isinstance(allow, list):
        return
    for i, entry in enumerate(allow):
        if not isinstance(entry, str) or not entry.startswith("mcp__"):
            continue
        parts = entry.split("__")
        server = parts[1] if len(parts) > 1 else ""
        if not server or "*" in server:
            continue  # unanchored globs like mcp__* are ignored by Claude Code
        tool = parts[2] if len(parts) > 2 else "*"
        yield Grant(f, f"/permissions/allow/{i}", server, (tool,), f"permissions.allow {entry!r}")


def _zed_grants(f: ConfigFile) -> Iterator[Grant]:
    tools = dotted(f.data, "agent.tool_permissions.tools")
    base = dotted_pointer(f.data, "agent.tool_permissions.tools")
    if not isinstance(tools, dict) or base is None:
        return
    for name, rule_ in tools.items():
        if not (isinstance(rule_, dict) and rule_.get("default") == "allow"):
            continue
        if isinstance(name, str) and name.startswith("mcp:"):
            _, _, rest = name.partition(":")
            server, _, tool = rest.partition(":")
            pointer = f"{base}/{escape_pointer_token(name)}/default"
            yield Grant(f, pointer, server, (tool or "*",), f"tool_permissions {name!r}: allow")


def _cursor_grants(f: ConfigFile) -> Iterator[Grant]:
    allow = f.data.get("mcpAllowlist") if isinstance(f.data, dict) else None
    if not isinstance(allow, list):
        return
    for i, entry in enumerate(allow):
        if isinstance(entry, str) and ":" in entry:
            server, _, tool = entry.partition(":")
            yield Grant(
                f,
                f"/mcpAllowlist/{i}",
                None if server == "*" else server,
                (tool,),
                f"mcpAllowlist {entry!r}",
            )


def _agent_grants(f: ConfigFile) -> Iterator[Grant]:
    """Kiro / Amazon Q agent files: `allowedTools: ["@server", "@server/tool"]`."""
    allowed = f.data.get("allowedTools") if isinstance(f.data, dict) else None
    if not isinstance(allowed, list):
        return
    for i, entry in enumerate(allowed):
        if isinstance(entry, str) and entry.startswith("@"):
            server, _, tool = entry[1:].partition("/")
            yield Grant(f, f"/allowedTools/{i}", server, (tool or "*",), f"allowedTools {entry!r}")


def _server_list_grants(ctx: RuleContext) -> Iterator[Grant]:
    """Cline/Roo/Kiro/Amazon Q `autoApprove` / `alwaysAllow` lists, Codex per-tool modes."""
    for s in ctx.servers:
        f = ctx.file(s.file)
        if f is None:
            continue
        if s.auto_approve:
            pointer = s.auto_approve[0].pointer.rsplit("/", 1)[0]
            key = pointer.rsplit("/", 1)[-1]
            tools = tuple(v.text for v in s.auto_approve)
            yield Grant(f, pointer, s.name, tools, f"{key} {list(tools)!r}")
        entry = raw_entry(ctx, s)
        tools_table = entry.get("tools")
        if isinstance(tools_table, dict):  # Codex: [mcp_servers.x.tools.<tool>] approval_mode
            for tool, cfg in tools_table.items():
                if isinstance(cfg, dict) and cfg.get("approval_mode") == "approve":
                    pointer = f"{s.pointer}/tools/{escape_pointer_token(tool)}/approval_mode"
                    yield Grant(f, pointer, s.name, (str(tool),), f"{tool}.approval_mode = approve")


def grants(ctx: RuleContext) -> Iterator[Grant]:
    """Every per-server or per-tool auto-approval the scanned files write down."""
    yield from _server_list_grants(ctx)
    for f in ok_files(ctx):
        if f.client == "claude-code" and path_endswith(f, "/settings.json", "/settings.local.json"):
            yield from _claude_grants(f)
        elif f.client == "zed":
            yield from _zed_grants(f)
        elif f.client == "cursor" and path_endswith(f, "/permissions.json"):
            yield from _cursor_grants(f)
        elif f.client in ("kiro", "amazon-q") and "/agents/" in f.path.replace("\\", "/"):
            yield from _agent_grants(f)


@dataclass(frozen=True)
class Switch:
    """One client-wide switch that turns confirmation off, and how bad it is."""

    file: ConfigFile
    pointer: str
    how: str
    severity: Severity


def switches(f: ConfigFile) -> Iterator[Switch]:
    """The client-wide "run every tool without asking" switches set in one file."""
    data = f.data
    if not isinstance(data, dict):
        return

    def at(key: str, how: str, severity: Severity = Severity.HIGH) -> Switch:
        return Switch(f, dotted_pointer(data, key) or "", how, severity)

    if f.client == "vscode" and path_endswith(f, "/settings.json"):
        for key in ("chat.tools.global.autoApprove", "chat.tools.autoApprove"):
            if dotted(data, key) is True:
                yield at(key, f"{key}: true")
        if dotted(data, "chat.permissions.default") in ("autoApprove", "autopilot"):
            value = dotted(data, "chat.permissions.default")
            yield at("chat.permissions.default", f"chat.permissions.default: {value}")
    elif f.client == "claude-code" and path_endswith(f, "/settings.json", "/settings.local.json"):
        if dotted(data, "permissions.defaultMode") == "bypassPermissions":
            yield at("permissions.defaultMode", "permissions.defaultMode: bypassPermissions")
    elif f.client == "zed":
        if dotted(data, "agent.tool_permissions.default") == "allow":
            yield at("agent.tool_permissions.default", "agent.tool_permissions.default: allow")
        if dotted(data, "agent.always_allow_tool_actions") is True:
            yield at("agent.always_allow_tool_actions", "agent.always_allow_tool_actions: true")
    elif f.client == "goose":
        mode = data.get("GOOSE_MODE")
        if mode == "auto":
            yield at("GOOSE_MODE", "GOOSE_MODE: auto")
        elif mode is None and data.get("extensions"):
            yield Switch(f, "", "GOOSE_MODE unset (Goose defaults to auto)", Severity.MEDIUM)
    elif f.client == "codex":
        if data.get("approval_policy") == "never":
            yield at("approval_policy", 'approval_policy = "never"')
    elif f.client == "antigravity" and path_endswith(f, "/antigravity-cli/settings.json"):
        if data.get("toolPermission") == "always-proceed":
            yield at("toolPermission", 'toolPermission: "always-proceed"')
    elif f.client == "opencode":
        permission = data.get("permission")
        if permission == "allow":
            yield at("permission", 'permission: "allow"')
        elif permission is None and data.get("mcp"):
            yield Switch(f, "", "no `permission` set (opencode allows everything)", Severity.MEDIUM)
