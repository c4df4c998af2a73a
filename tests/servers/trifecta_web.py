"""Reads untrusted content (one leg of the lethal trifecta)."""

from mcp.server.mcpserver import MCPServer

app = MCPServer("web")


@app.tool(description="Fetch a web page from a URL and return its content as markdown.")
def fetch_url(url: str) -> str:
    return ""


if __name__ == "__main__":
    app.run()
