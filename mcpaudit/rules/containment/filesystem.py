"""MCP320: a server given the whole disk, the home directory or a credentials folder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcpaudit.model import Finding, Server, Severity
from mcpaudit.rules.containment.host_paths import classify_path
from mcpaudit.rules.launch import basename, launch_line, package_ref
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line

FILESYSTEM_PACKAGES = {
    "@modelcontextprotocol/server-filesystem",
    "mcp-server-filesystem",
    "@cyanheads/filesystem-mcp-server",
    "@mark3labs/mcp-filesystem-server",
    "fast-filesystem-mcp",
    "@rust-mcp-stack/rust-mcp-filesystem",
    "mcp-filesystem-server",
    "filesystem-mcp",
}
_PATHLIKE = re.compile(r"^(/|~|\$HOME|\$\{HOME\}|\$\{userHome\}|%USERPROFILE%|[A-Za-z]:[\\/])")
_FLAG_PATH = re.compile(r"^--?[A-Za-z][\w-]*=(.+)$")


def _is_filesystem_server(server: Server) -> bool:
    ref = package_ref(server)
    if ref is not None and ref.name in FILESYSTEM_PACKAGES:
        return True
    line = launch_line(server)
    return bool(line) and basename(line[0].text) in {"mcp-filesystem-server", "rust-mcp-filesystem"}


@rule(
    "MCP320",
    "broad-filesystem-access",
    "broad_filesystem",
    Severity.HIGH,
    "Server is given the whole disk, the home directory or a credentials folder",
    "Give the server only the project directories it needs (e.g. one repository), never "
    "`/`, `~`, or folders holding keys such as ~/.ssh and ~/.aws.",
)
def broad_filesystem(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """File-system servers act on whatever directories their arguments allow. Handing one `/`
    or your home directory lets any prompt injection read SSH keys, cloud credentials, browser
    profiles and every other secret on disk — and write to shell start-up files. Scoping the
    server to one project directory keeps a mistake contained."""
    for s in ctx.servers:
        is_fs = _is_filesystem_server(s)
        ref = package_ref(s)
        for v in s.args:
            if ref is not None and v is ref.value:
                continue
            text = v.text
            m = _FLAG_PATH.match(text)
            candidate = m.group(1) if m else text
            if not _PATHLIKE.match(candidate.strip()) and not (
                is_fs and candidate.strip() in (".", "..")
            ):
                continue
            found = classify_path(candidate, ctx.home)
            if found is None:
                continue
            what, severity = found
            if not is_fs:
                severity = min(severity, Severity.MEDIUM, key=lambda x: x.rank)
            yield r.finding(
                f"server {s.name!r} is given {what}",
                server=s,
                at=v,
                evidence=one_line(text),
                severity=severity,
            )
