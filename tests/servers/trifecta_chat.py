"""Sends data out (one leg of the lethal trifecta)."""

from mcp.server.mcpserver import MCPServer

app = MCPServer("chat")


@app.tool(description="Post a message to a Slack channel.")
def post_message(channel: str, text: str) -> str:
    return "ok"


if __name__ == "__main__":
    app.run()
