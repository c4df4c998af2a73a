"""Zed (`zed`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

F = FileSpec
E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="zed",
    name="Zed",
    files=(
        F(
            "{xdg_config}/zed/settings.json",
            "{home}/.config/zed/settings.json",
            "{appdata}/Zed/settings.json",
            "jsonc",
            servers_at=(("context_servers",),),
            dialect="zed",
        ),
        E(
            "{project}/.zed/settings.json",
            "jsonc",
            scope="project",
            servers_at=(("context_servers",),),
            dialect="zed",
        ),
    ),
    references="none documented (OAuth client secret in the keychain)",
    disable="enabled: false",
    logs=(
        F(
            "{xdg_data}/zed/logs/Zed.log*",
            "{home}/Library/Logs/Zed/Zed.log*",
            "{localappdata}/Zed/logs/Zed.log*",
            "text",
        ),
    ),
    sources=(
        "[doc] zed-industries/zed docs/src/ai/mcp.md",
        "[src] zed crates/paths/src/paths.rs",
        "[doc] zed docs/src/ai/tool-permissions.md (agent.tool_permissions)",
    ),
    unconfirmed=("trailing-comma tolerance",),
)
