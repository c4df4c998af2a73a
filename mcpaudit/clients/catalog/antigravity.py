"""Antigravity (`antigravity`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="antigravity",
    name="Antigravity",
    files=(
        E("{home}/.gemini/antigravity/mcp_config.json", "json"),
        E("{home}/.gemini/config/mcp_config.json", "json"),
        # agy CLI settings: toolPermission "always-proceed" approves every tool call.
        E("{home}/.gemini/antigravity-cli/settings.json", "json", role="settings", servers_at=()),
    ),
    references="none documented",
    disable=None,
    logs=(E("{appdata}/Antigravity/logs/*/window*/mcpServer.*.log", "text"),),
    sources=(
        "[scan] snyk/agent-scan well_known_clients.py",
        "[3p] Antigravity MCP docs quoted by installers",
        "[3p] antigravity.google/docs/mcp quoted in adapter code (~/.gemini/antigravity)",
        "[3p] agy CLI field notes 2026-07 (~/.gemini/config/mcp_config.json)",
        "[3p] promptgenius.net/tools/antigravity-cli/configuration (settings.json toolPermission)",
    ),
    unconfirmed=(
        "workspace-level file",
        "official documentation for either path",
        "whether toolPermission proceed-in-sandbox also auto-approves MCP tool calls",
        "a Windsurf-style disabled: true (not documented: such servers are treated as running)",
    ),
)
