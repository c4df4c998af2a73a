"""A minimal stdio MCP server (stdlib only) that takes DELAY seconds before its first answer.

It stands for a real server that is slow to start, without the cost of importing an
SDK, so the benchmark measures mcpaudit's own overhead and concurrency.
"""

import json
import sys
import time

DELAY = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def reply(msg_id, result=None, error=None):
    body = {"jsonrpc": "2.0", "id": msg_id}
    body.update({"error": error} if error else {"result": result})
    sys.stdout.write(json.dumps(body) + "\n")
    sys.stdout.flush()


first = True
for line in sys.stdin:
    msg = json.loads(line)
    if "id" not in msg:
        continue  # a notification
    if first:
        time.sleep(DELAY)
        first = False
    method = msg.get("method")
    if method == "initialize":
        reply(
            msg["id"],
            {
                "protocolVersion": msg["params"]["protocolVersion"],
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "slow", "version": "1.0"},
            },
        )
    elif method == "tools/list":
        tool = {
            "name": "echo",
            "description": "Echo the text back.",
            "inputSchema": {"type": "object"},
        }
        reply(msg["id"], {"tools": [tool]})
    else:
        reply(msg["id"], error={"code": -32601, "message": f"unknown method {method}"})
