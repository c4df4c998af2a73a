"""Claude Desktop (`claude-desktop`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

F = FileSpec

CLIENT = ClientSpec(
    id="claude-desktop",
    name="Claude Desktop",
    files=(
        F(
            "{appdata}/Claude/claude_desktop_config.json",
            "{appdata}/Claude/claude_desktop_config.json",
            "{appdata}/Claude/claude_desktop_config.json",
            "json",
        ),
    ),
    references="none: values are literal (stdio children inherit only a small env)",
    disable=None,
    logs=(
        F(
            "{xdg_config}/Claude/logs/mcp*.log",
            "{home}/Library/Logs/Claude/mcp*.log",
            "{appdata}/Claude/logs/mcp*.log",
            "text",
        ),
    ),
    sources=(
        "[doc] https://modelcontextprotocol.io/docs/develop/connect-local-servers",
        "[scan] snyk/agent-scan agents/claude_desktop.py",
        "[scan] mcpm.sh managers/claude_desktop.py (Linux path)",
        "[3p] aaddrick/claude-desktop-debian docs/CONFIGURATION.md (unofficial Linux build)",
    ),
    unconfirmed=(
        "Linux config and log paths (official Linux beta documents none)",
        "comment/trailing-comma tolerance (a third-party report says a trailing comma fails)",
    ),
)
