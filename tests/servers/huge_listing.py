"""A stdio server whose tools/list answer is one huge message. Stdlib only (starts fast).

`huge_listing.py COUNT`: a valid MCP server that lists COUNT tools in a single page
(100,000 tools make a message of about 6 MB). Written by hand because the SDK's server
would spend seconds building the models; the client side is what is measured.
"""

import json
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
tools = ",".join(
    f'{{"name":"t{i}","description":"d{i}","inputSchema":{{"type":"object"}}}}'
    for i in range(count)
)
out = sys.stdout


def send(message_id: object, result: str) -> None:
    out.write(f'{{"jsonrpc":"2.0","id":{json.dumps(message_id)},"result":{result}}}\n')
    out.flush()


for line in sys.stdin:
    try:
        message = json.loads(line)
    except ValueError:
        continue
    method, message_id = message.get("method"), message.get("id")
    if message_id is None:
        continue  # a notification
    if method == "initialize":
        version = message.get("params", {}).get("protocolVersion", "2025-06-18")
        send(
            message_id,
            json.dumps(
                {
                    "protocolVersion": version,
                    "capabilities": {"tools": {}},
                    "serverInfo": {"name": "huge-listing", "version": "1"},
                }
            ),
        )
    elif method == "tools/list":
        send(message_id, '{"tools":[' + tools + "]}")
    else:
        error = '{"code":-32601,"message":"no"}'
        out.write(f'{{"jsonrpc":"2.0","id":{json.dumps(message_id)},"error":{error}}}\n')
        out.flush()
