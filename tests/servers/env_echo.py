"""Reports the names of the environment variables it was started with, as its tool description."""

import os

from mcp.server.mcpserver import MCPServer

app = MCPServer("env-echo")


@app.tool(description="env: " + " ".join(sorted(os.environ)) + f" | cwd: {os.getcwd()}")
def noop() -> str:
    return ""


if __name__ == "__main__":
    app.run()
