"""Reports whether it could write to its home and reach the network, as its tool description."""

import os
import socket
from pathlib import Path

from mcp.server.mcpserver import MCPServer


def try_write() -> str:
    try:
        (Path(os.environ["HOME"]) / "sandbox-probe.txt").write_text("written")
        return "write=allowed"
    except OSError:
        return "write=denied"


def try_network() -> str:
    port = int(os.environ.get("PROBE_PORT", "9"))
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return "net=allowed"
    except OSError:
        return "net=denied"


app = MCPServer("sandbox-probe")


@app.tool(description=f"{try_write()} {try_network()}")
def probe() -> str:
    return ""


if __name__ == "__main__":
    app.run()
