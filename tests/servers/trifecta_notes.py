"""Reads private data (one leg of the lethal trifecta)."""

from mcp.server.mcpserver import MCPServer

app = MCPServer("notes")


@app.tool(description="Read the user's private notes and return their text.")
def read_notes(query: str) -> str:
    return ""


if __name__ == "__main__":
    app.run()
