"""A real MCP server (low-level SDK) that lists the tools written in a JSON file.

    python listed.py SPEC.json

SPEC: {"name": str, "instructions": str?, "tools": [{"name", "description", "inputSchema"?,
"annotations"?: {"readOnlyHint": bool, ...}}], "filler": N?, "insert_at": i?}. With
`filler`, N plain tools are listed and the spec's tools are inserted at index `insert_at`
(how a poisoned tool hides past the first thousand). Used by the tool-text tests.
"""

import json
import sys
from pathlib import Path

import anyio
import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

SPEC = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
_HINTS = {
    "readOnlyHint": "read_only_hint",
    "destructiveHint": "destructive_hint",
    "openWorldHint": "open_world_hint",
    "idempotentHint": "idempotent_hint",
}


def _tool(t: dict) -> types.Tool:
    hints = {_HINTS[k]: v for k, v in (t.get("annotations") or {}).items() if k in _HINTS}
    return types.Tool(
        name=t["name"],
        description=t.get("description", ""),
        input_schema=t.get("inputSchema") or {"type": "object", "properties": {}},
        annotations=types.ToolAnnotations(**hints) if hints else None,
    )


TOOLS = [_tool(t) for t in SPEC["tools"]]
if SPEC.get("filler"):
    filler = [
        types.Tool(
            name=f"record_{i}",
            description=f"Returns record number {i} of the archive.",
            input_schema={"type": "object", "properties": {"id": {"type": "string"}}},
        )
        for i in range(SPEC["filler"])
    ]
    at = SPEC.get("insert_at", len(filler))
    TOOLS = filler[:at] + TOOLS + filler[at:]


async def list_tools(ctx, params):
    return types.ListToolsResult(tools=TOOLS)


server = Server(SPEC["name"], instructions=SPEC.get("instructions"), on_list_tools=list_tools)


async def main() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


if __name__ == "__main__":
    anyio.run(main)
