"""Amazon Q Developer (`amazon-q`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="amazon-q",
    name="Amazon Q Developer",
    files=(
        E("{home}/.aws/amazonq/default.json", "json"),
        E("{home}/.aws/amazonq/mcp.json", "json"),
        E("{home}/.aws/amazonq/cli-agents/*.json", "json"),
        E("{project}/.amazonq/default.json", "json", scope="project"),
        E("{project}/.amazonq/mcp.json", "json", scope="project"),
    ),
    references="none documented",
    disable="disabled: true",
    sources=("[doc] docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/mcp-ide.html, qdev-mcp.html",),
)
