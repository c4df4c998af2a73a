"""Windsurf / Devin Desktop (`windsurf`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

F = FileSpec
E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="windsurf",
    name="Windsurf / Devin Desktop",
    files=(
        E("{home}/.codeium/windsurf/mcp_config.json", "json"),
        E("{home}/.codeium/mcp_config.json", "json"),
        F(
            "{xdg_config}/devin/mcp_config.json",
            "{xdg_config}/devin/mcp_config.json",
            "{appdata}/devin/mcp_config.json",
            "json",
        ),
        E("{project}/.devin/mcp_config.json", "json", scope="project"),
        # Cascade hooks (MCP340-341): {hooks: {pre_run_command: [{command, show_output}]}}
        E("{home}/.codeium/windsurf/hooks.json", "json", role="settings", servers_at=()),
        E(
            "{project}/.windsurf/hooks.json",
            "json",
            scope="project",
            role="settings",
            servers_at=(),
        ),
        F(
            "/etc/windsurf/hooks.json",
            "/Library/Application Support/Windsurf/hooks.json",
            "C:/ProgramData/Windsurf/hooks.json",
            "json",
            scope="managed",
            role="settings",
            servers_at=(),
        ),
    ),
    references="${env:NAME}, ${file:/path}",
    disable="disabled: true",
    sources=(
        "[doc] https://docs.windsurf.com/windsurf/cascade/mcp",
        "[3p] docs.devin.ai/desktop/cascade/mcp (2026 rebrand path)",
        "[doc] https://docs.windsurf.com/windsurf/cascade/hooks (system, user and workspace"
        " hooks.json)",
    ),
    unconfirmed=(
        "exact doc wording for disabled / disabledTools",
        "logs",
        "~/.config/devin/mcp_config.json: third-party only; a 2026-06 guide still edits"
        " ~/.codeium/windsurf/mcp_config.json in Devin Desktop",
    ),
    env_ref_template="${{env:{name}}}",
)
