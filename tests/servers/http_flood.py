"""A hostile remote "MCP server" on 127.0.0.1 that never stops sending.

`http_flood.py PORT json`: every POST is answered 200 application/json with a body that
never ends. `http_flood.py PORT sse`: GET opens an event stream that names its endpoint,
as the SSE transport wants, then sends valid log notifications without end.
Plain http.server on purpose: a real HTTP peer that no MCP SDK would write.
"""

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = b"A" * 65536


class Flood(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the body ends when the connection does: never

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self._endless(b'{"jsonrpc": "2.0", "id": 0, "result": "', CHUNK)

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        note = b'{"jsonrpc": "2.0", "method": "notifications/message", "params": '
        note += b'{"level": "info", "data": "' + b"A" * 4000 + b'"}}'
        self._endless(b"event: endpoint\ndata: /messages\n\n", b"data: " + note + b"\n\n")

    def _endless(self, head: bytes, chunk: bytes) -> None:
        try:
            self.wfile.write(head)
            while True:
                self.wfile.write(chunk)
        except OSError:
            pass  # the client gave up: that is the point


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Flood).serve_forever()
