"""Cline (`cline`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation

E = FileSpec.everywhere
R = Relocation

_CLINE_LEGACY = (
    "{appdata}/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json"
)
CLIENT = ClientSpec(
    id="cline",
    name="Cline",
    files=(
        E("{cline_mcp_settings}", "json"),
        E(_CLINE_LEGACY, "json"),
        # The extension keeps it in its host's user dir: Insiders, Cursor, VSCodium ...
        E(
            "{appdata}/*/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
            "json",
        ),
        E("{home}/.cline/mcp.json", "json"),
        E("{project}/.cline/mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable="disabled: true",
    # resolveMcpSettingsPath(): CLINE_MCP_SETTINGS_PATH, else $CLINE_DATA_DIR/settings/...,
    # else $CLINE_DIR/data/settings/..., else ~/.cline/data/settings/...
    relocations=(
        R("cline_dir", "CLINE_DIR", "{home}/.cline"),
        R("cline_data", "CLINE_DATA_DIR", "{cline_dir}/data"),
        R(
            "cline_mcp_settings",
            "CLINE_MCP_SETTINGS_PATH",
            "{cline_data}/settings/cline_mcp_settings.json",
        ),
    ),
    sources=(
        "[src] cline/cline src/services/mcp/schemas.ts, McpHub.ts",
        "[src] cline/cline sdk/packages/shared/src/storage/paths.ts (resolveMcpSettingsPath)",
    ),
    unconfirmed=(
        "${env:} interpolation",
        "logs",
        "~/.cline/mcp.json and <project>/.cline/mcp.json (docs list them; not in paths.ts)",
        "whether the VS Code extension (not only the CLI/SDK) honours the CLINE_* variables",
        "relative CLINE_* values (Cline resolves them from its cwd; mcpaudit ignores them)",
    ),
)
