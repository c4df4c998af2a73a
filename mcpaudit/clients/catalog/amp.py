"""Amp (`amp`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

F = FileSpec
E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="amp",
    name="Amp",
    files=(
        F(
            "{xdg_config}/amp/settings.json",
            "{home}/.config/amp/settings.json",
            "{home}/.config/amp/settings.json",
            "jsonc",
            servers_at=(("amp.mcpServers",),),
        ),
        F(
            "{xdg_config}/amp/settings.jsonc",
            "{home}/.config/amp/settings.jsonc",
            "{home}/.config/amp/settings.jsonc",
            "jsonc",
            servers_at=(("amp.mcpServers",),),
        ),
        # Older installers (toolhive) write here on Windows.
        F(None, None, "{appdata}/amp/settings.json", "jsonc", servers_at=(("amp.mcpServers",),)),
        E(
            "{project}/.amp/settings.json",
            "jsonc",
            scope="project",
            servers_at=(("amp.mcpServers",),),
        ),
        E(
            "{project}/.amp/settings.jsonc",
            "jsonc",
            scope="project",
            servers_at=(("amp.mcpServers",),),
        ),
        F(
            "/etc/ampcode/managed-settings.json",
            "/Library/Application Support/ampcode/managed-settings.json",
            "C:/ProgramData/ampcode/managed-settings.json",
            "jsonc",
            scope="managed",
            servers_at=(("amp.mcpServers",),),
        ),
    ),
    references="none documented",
    disable=None,
    sources=(
        "[scan] toolhive config.go AmpCli",
        "[3p] developersdigest.tech/reference/amp/config-files (quotes ampcode.com/manual)",
        "[3p] Amp changelog: workspace .amp/settings.json (amp mcp add --workspace)",
    ),
    unconfirmed=("interpolation", "Windows path (%USERPROFILE% vs %APPDATA%): both scanned"),
)
