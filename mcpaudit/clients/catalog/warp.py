"""Warp (`warp`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="warp",
    name="Warp",
    files=(
        E("{home}/.warp/.mcp.json", "json"),
        E("{project}/.warp/.mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable=None,
    sources=(
        "[3p] darktrace-mcp client docs",
        "[src] warpdotdev/warp agent-add-mcp skill (~/.warp/.mcp.json, <repo>/.warp/.mcp.json)",
    ),
    unconfirmed=("the files in docs.warp.dev (only the vendor's agent skill names them)",),
)
