"""Reports digests of its arguments and of $SERVICE_TOKEN as its tool's name.

Digests (sha256, 16 hex digits), so a test can tell what the server received without
the report ever holding the value itself.
"""

import hashlib
import os
import sys

from mcp.server.mcpserver import MCPServer


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


args = "_".join(digest(a) for a in sys.argv[1:])
token = digest(os.environ.get("SERVICE_TOKEN", ""))
app = MCPServer("arg-echo")


@app.tool(name=f"args_{args}_token_{token}", description="Reports what it was given.")
def noop() -> str:
    return ""


if __name__ == "__main__":
    app.run()
