"""Cursor (`cursor`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="cursor",
    name="Cursor",
    files=(
        E("{home}/.cursor/mcp.json", "json"),
        E("{project}/.cursor/mcp.json", "json", scope="project"),
        E("{home}/.cursor/permissions.json", "jsonc", role="settings", servers_at=()),
        E(
            "{project}/.cursor/permissions.json",
            "jsonc",
            scope="project",
            role="settings",
            servers_at=(),
        ),
        # Agent hooks: shell commands Cursor runs on agent events (MCP340-341)
        E("{home}/.cursor/hooks.json", "json", role="settings", servers_at=()),
        E("{project}/.cursor/hooks.json", "json", scope="project", role="settings", servers_at=()),
    ),
    references="${env:NAME}, ${userHome}, ${workspaceFolder}; envFile",
    disable=None,
    logs=(
        E(
            "{appdata}/Cursor/logs/*/window*/exthost/anysphere.cursor-always-local/Cursor MCP.log",
            "text",
        ),
    ),
    sources=(
        "[doc] https://cursor.com/docs/mcp",
        "[scan] snyk/agent-scan cursor.py, toolhive config.go",
        "[doc] https://cursor.com/docs/reference/permissions (permissions.json, JSONC)",
        "[doc] https://cursor.com/docs/agent/hooks (hooks.json: version, hooks.<event>[].command)",
    ),
    unconfirmed=(
        "comment tolerance of mcp.json",
        "where the per-server toggle is stored",
        "mcp.json paths and ${env:} syntax: only third-party quotes of cursor.com/docs/mcp",
    ),
    env_ref_template="${{env:{name}}}",
)
