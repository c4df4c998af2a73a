"""A server listing 5,000 tools (built with the low-level SDK server to start quickly)."""

import anyio
import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

TOOLS = [
    types.Tool(
        name=f"tool_{i}",
        description=f"Tool number {i}.",
        input_schema={"type": "object", "properties": {"x": {"type": "string"}}},
    )
    for i in range(5000)
]


async def list_tools(ctx, params):
    return types.ListToolsResult(tools=TOOLS)


server = Server("many-tools", on_list_tools=list_tools)


async def main() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


if __name__ == "__main__":
    anyio.run(main)
