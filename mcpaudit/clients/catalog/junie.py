"""JetBrains Junie (`junie`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="junie",
    name="JetBrains Junie",
    files=(
        E("{home}/.junie/mcp/mcp.json", "json"),
        E("{project}/.junie/mcp/mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable=None,
    sources=("[doc] jetbrains.com/help/junie/model-context-protocol-mcp.html",),
    unconfirmed=("remote server support",),
)
