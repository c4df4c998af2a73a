"""Continue (`continue`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="continue",
    name="Continue",
    files=(
        E("{home}/.continue/config.yaml", "yaml", dialect="continue"),
        # User-level block folder: third-party only (docs/clients.md, Continue).
        E("{home}/.continue/mcpServers/*.yaml", "yaml", dialect="continue"),
        E("{home}/.continue/mcpServers/*.json", "json", dialect="continue"),
        E("{project}/.continue/mcpServers/*.yaml", "yaml", scope="project", dialect="continue"),
        E("{project}/.continue/mcpServers/*.json", "json", scope="project", dialect="continue"),
    ),
    references="${{ secrets.NAME }} (resolved from .env files or the hub)",
    disable=None,
    sources=(
        "[doc] continuedev/continue docs/customize/deep-dives/mcp.mdx",
        "[src] continue packages/config-yaml/src/schemas/mcp",
    ),
    logs=(E("{home}/.continue/logs/core.log", "text"),),
    unconfirmed=("a documented disabled key", "log file (core.log is commonly cited)"),
)
