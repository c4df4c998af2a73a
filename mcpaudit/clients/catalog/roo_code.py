"""Roo Code (`roo-code`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="roo-code",
    name="Roo Code",
    files=(
        E(
            "{appdata}/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
            "json",
        ),
        E("{project}/.roo/mcp.json", "json", scope="project"),
    ),
    references="${env:NAME}",
    disable="disabled: true",
    sources=("[src] RooCodeInc/Roo-Code src/services/mcp/McpHub.ts, src/utils/config.ts",),
    env_ref_template="${{env:{name}}}",
)
