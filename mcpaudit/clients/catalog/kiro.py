"""Kiro (`kiro`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="kiro",
    name="Kiro",
    files=(
        E("{home}/.kiro/settings/mcp.json", "json"),
        E("{project}/.kiro/settings/mcp.json", "json", scope="project"),
        E("{home}/.kiro/agents/*.json", "json"),
        E("{project}/.kiro/agents/*.json", "json", scope="project"),
    ),
    references="${VAR} in env",
    disable="disabled: true",
    sources=(
        "[doc] https://kiro.dev/docs/mcp/configuration",
        "[doc] kiro.dev/docs/cli/mcp/configuration",
    ),
    env_ref_template="${{{name}}}",
)
