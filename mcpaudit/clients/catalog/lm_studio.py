"""LM Studio (`lmstudio`): where it keeps its MCP servers, settings and logs.

Facts and their sources: docs/clients.md ("[doc]" vendor documentation, "[src]" the
client's source, "[scan]" a peer scanner, "[3p]" a third-party write-up).
"""

from __future__ import annotations

from mcpaudit.clients.spec import ClientSpec, FileSpec

E = FileSpec.everywhere

CLIENT = ClientSpec(
    id="lmstudio",
    name="LM Studio",
    files=(
        E("{home}/.lmstudio/mcp.json", "json"),
        # Older installs keep LM Studio's home in ~/.cache/lm-studio.
        E("{home}/.cache/lm-studio/mcp.json", "json"),
    ),
    references="none documented",
    disable=None,
    sources=(
        "[doc] lmstudio-ai/docs 0_app/2_mcp/index.mdx",
        "[scan] toolhive config.go",
        "[issues] lmstudio-ai/lmstudio-bug-tracker#1371 (mcp.json in ~/.cache/lm-studio)",
    ),
    unconfirmed=("whether ~/.cache/lm-studio/mcp.json is read or only a copy",),
)
