"""Devin for Terminal (Devin CLI) (`devin-cli`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

F = FileSpec
E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="devin-cli",
    name="Devin for Terminal (Devin CLI)",
    files=(
        F(
            "{xdg_config}/devin/config.json",
            "{home}/.config/devin/config.json",
            "{appdata}/devin/config.json",
            "jsonc",
        ),
        E("{project}/.devin/config.json", "jsonc", scope="project"),
        E("{project}/.devin/config.local.json", "jsonc", scope="local"),
    ),
    references="none documented (keep keys in the gitignored .devin/config.local.json)",
    disable=None,
    sources=(
        "[doc] https://cli.devin.ai/docs/extensibility/configuration (paths, JSON with comments)",
        "[doc] https://docs.devin.ai/cli/extensibility/mcp/configuration (mcpServers, scopes)",
    ),
    unconfirmed=("older builds used .cognition/config.json", "logs"),
)
