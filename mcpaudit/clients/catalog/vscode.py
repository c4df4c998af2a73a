"""VS Code (`vscode`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

_VSCODE_USER = "{appdata}/Code/User"
_VSCODE_INSIDERS = "{appdata}/Code - Insiders/User"
CLIENT = ClientSpec(
    id="vscode",
    name="VS Code",
    files=(
        E(f"{_VSCODE_USER}/mcp.json", "jsonc", servers_at=(("servers",),), dialect="vscode"),
        E(
            f"{_VSCODE_USER}/profiles/*/mcp.json",
            "jsonc",
            servers_at=(("servers",),),
            dialect="vscode",
        ),
        E(f"{_VSCODE_INSIDERS}/mcp.json", "jsonc", servers_at=(("servers",),), dialect="vscode"),
        E(
            f"{_VSCODE_USER}/settings.json",
            "jsonc",
            servers_at=(("mcp", "servers"), ("mcp.servers",)),
            dialect="vscode",
            role="settings",
        ),
        E(
            f"{_VSCODE_INSIDERS}/settings.json",
            "jsonc",
            servers_at=(("mcp", "servers"),),
            dialect="vscode",
            role="settings",
        ),
        E(
            "{home}/.vscode-server/data/User/mcp.json",
            "jsonc",
            servers_at=(("servers",),),
            dialect="vscode",
        ),
        E(
            "{project}/.vscode/mcp.json",
            "jsonc",
            scope="project",
            servers_at=(("servers",),),
            dialect="vscode",
        ),
    ),
    references="${input:id} (promptString with password: true), ${env:NAME}",
    disable=None,
    logs=(
        E("{appdata}/Code/logs/*/window*/mcpServer.*.log", "text"),
        E("{appdata}/Code/logs/*/window*/mcpGateway.log", "text"),
        E("{appdata}/Code - Insiders/logs/*/window*/mcpServer.*.log", "text"),
        E("{home}/.vscode-server/data/logs/*/*/mcpServer.*.log", "text"),
    ),
    sources=(
        "[doc] microsoft/vscode-docs docs/copilot/reference/mcp-configuration.md",
        "[src] microsoft/vscode src/vs/platform/mcp/common/mcpResourceScannerService.ts (JSONC)",
        "[doc] microsoft/vscode-docs docs/copilot/reference/copilot-settings.md",
        "[doc] https://code.visualstudio.com/docs/agents/reference/mcp-configuration",
    ),
    unconfirmed=("storage of per-tool 'Always allow' and per-server enable state",),
    env_ref_template="${{env:{name}}}",
)
