"""MCP6xx: tools that run without the user's confirmation, and server sets forming a toxic flow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from mcpaudit.clients.switches import awaiting_approval
from mcpaudit.config.jsonpos import escape_pointer_token
from mcpaudit.model import ConfigFile, Finding, Server, Severity
from mcpaudit.rules.common import dotted, dotted_pointer, ok_files, path_endswith, raw_entry
from mcpaudit.rules.launch import PER_SERVER, docker_run, package_ref
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line

# ---------------------------------------------------------------- what a tool can do

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


@dataclass(frozen=True)
class Switch:
    file: ConfigFile
    pointer: str
    how: str
    severity: Severity


def _switches(f: ConfigFile) -> Iterator[Switch]:
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
        for sw in _switches(f):
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


# ---------------------------------------------------------------- toxic flows

PRIVATE, UNTRUSTED, EXFIL = "reads private data", "reads untrusted content", "can send data out"

_CAPABILITIES: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = tuple(
    (re.compile(pattern), frozenset(caps))
    for pattern, caps in (
        (r"github|gitlab|bitbucket|gitea", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"slack|discord|telegram|whatsapp|teams", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"gmail|outlook|imap|smtp|e-?mail|mail", {PRIVATE, UNTRUSTED, EXFIL}),
        (
            r"notion|confluence|jira|atlassian|linear|asana|trello|clickup",
            {PRIVATE, UNTRUSTED, EXFIL},
        ),
        (r"google-?drive|gdrive|dropbox|onedrive|box-", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"desktop-commander|shell|terminal|mcp-server-commands", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"sentry", {PRIVATE, UNTRUSTED}),
        (r"filesystem|server-fs|mcp-fs", {PRIVATE}),
        (r"postgres|mysql|sqlite|mongo|redis|supabase|bigquery|snowflake|database", {PRIVATE}),
        (r"mcp-server-git|git-mcp|\bgit\b", {PRIVATE}),
        (r"memory", {PRIVATE}),
        (r"fetch|browser|playwright|puppeteer|firecrawl|scrap|crawl", {UNTRUSTED, EXFIL}),
        (r"brave|tavily|exa-|perplexity|search|serp", {UNTRUSTED, EXFIL}),
    )
)


def capabilities(server: Server) -> frozenset[str]:
    """What a well-known server can do, from its package, image, URL or name."""
    labels = []
    ref = package_ref(server)
    if ref is not None:
        labels.append(ref.name)
    run = docker_run(server)
    if run is not None and run.image is not None:
        labels.append(run.image.text)
    if server.url is not None:
        labels.append(server.url.text)
    labels += [a.text for a in server.args if "://" in a.text]
    labels.append(server.name)
    for label in labels:
        caps = _label_capabilities(label.lower())
        if caps:
            return caps
    return frozenset()


def _known_as(server: Server) -> str:
    """The package or remote URL that makes one server a whole trifecta by itself, or "".
    Stricter than `capabilities`: a name, or a git source hosted on github.com, says what
    the code is fetched from, not what it does."""
    ref = package_ref(server)
    if ref is not None and ":" not in ref.name and _full(ref.name):
        return ref.name
    if server.url is not None and _full(server.url.text):
        return server.url.text
    return ""


def _full(label: str) -> bool:
    return _label_capabilities(label.lower()) == {PRIVATE, UNTRUSTED, EXFIL}


@lru_cache(maxsize=PER_SERVER)  # labels (package names, images) repeat across servers
def _label_capabilities(text: str) -> frozenset[str]:
    for pattern, caps in _CAPABILITIES:
        if pattern.search(text):
            return caps
    return frozenset()


@rule(
    "MCP610",
    "lethal-trifecta",
    "toxic_flow",
    Severity.MEDIUM,
    "Servers together read private data, read untrusted content and can send data out",
    "Split these servers across clients or profiles, disable the one you use least, or keep "
    "confirmation on for the tools that send data out.",
)
def lethal_trifecta(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """When one client can read your private data, read content an attacker controls (web
    pages, issues, emails) and send data somewhere, a prompt injection in the untrusted
    content can make the model collect the private data and exfiltrate it — the "lethal
    trifecta". Each server may be harmless alone; the combination is the risk. Judged from
    well-known servers only: across servers, and for one server that holds all three legs
    by itself (GitHub, Slack, mail, Notion, Atlassian), so such a config is flagged without
    `--live`."""
    seen: set[tuple[str, frozenset[str]]] = set()
    alone: set[str] = set()
    for servers in _run_together(ctx.servers).values():
        for s, caps in servers:
            if caps == {PRIVATE, UNTRUSTED, EXFIL} and s.id not in alone and _known_as(s):
                alone.add(s.id)  # one well-known server with all three legs (GitHub, mail…)
                yield r.finding(
                    f"server {one_line(s.name, 80)} alone forms the lethal trifecta: a "
                    f"well-known {_known_as(s)} server reads private data, reads untrusted "
                    "content and can send data out",
                    server=s,
                    evidence=one_line(_known_as(s)),
                )
    for (client, project), servers in _run_together(ctx.servers).items():
        union: set[str] = set().union(*(c for _, c in servers))
        if union != {PRIVATE, UNTRUSTED, EXFIL} or len(servers) < 2:
            continue
        if not any(len(c) < 3 for _, c in servers):
            continue  # every server alone already has all three: no combination to report
        names = frozenset(s.id for s, _ in servers)
        if (client, names) in seen:
            continue  # the same servers run together in several projects: one finding
        seen.add((client, names))
        roles = {
            cap: sorted({s.name for s, c in servers if cap in c})
            for cap in (PRIVATE, UNTRUSTED, EXFIL)
        }
        entry = next(s for s, c in servers if UNTRUSTED in c)
        detail = "; ".join(f"{cap}: {', '.join(names)}" for cap, names in roles.items())
        where = f" in project {project}" if project else ""
        yield r.finding(
            f"{client}'s servers form the lethal trifecta{where} ({detail})",
            server=entry,
            evidence=one_line(detail),
        )


_ANYWHERE = ""  # a project with no servers of its own (or a client without projects)


def _run_together(
    servers: tuple[Server, ...],
) -> dict[tuple[str, str], list[tuple[Server, frozenset[str]]]]:
    """Servers with capabilities, grouped by (client, project) where they run together.

    Servers of one project (Claude Code's local scope, project files) never meet those of
    another; user-scope servers join every project except those that switch them off
    (`Server.disabled_in`). Disabled servers run nowhere; a .mcp.json server waiting for
    approval counts, as it runs with the others once approved.
    """
    shared: dict[str, list[tuple[Server, frozenset[str]]]] = {}
    groups: dict[tuple[str, str], list[tuple[Server, frozenset[str]]]] = {}
    for s in servers:
        if s.disabled and not awaiting_approval(s):
            continue
        caps = capabilities(s)
        if not caps:
            continue
        only = [p[len("outside ") :] for p in s.disabled_in if p.startswith("outside ")]
        project = s.project or (only[0] if only else None)
        if project is None and s.scope == "project":
            project = str(PurePath(s.file).parent)
        if project is None:
            shared.setdefault(s.client, []).append((s, caps))
        else:
            groups.setdefault((s.client, project), []).append((s, caps))
    for client, common in shared.items():
        groups.setdefault((client, _ANYWHERE), [])
        for (c, project), members in groups.items():
            if c == client:
                members.extend((s, caps) for s, caps in common if project not in s.disabled_in)
    return groups
