"""Hostile: answers with lines that are not JSON-RPC, then stays silent. Stdlib only."""

import sys
import time

sys.stdin.readline()
lines = [
    '{"jsonrpc": "2.0", "id": 1, "result": ',
    '{"jsonrpc": "1.0", "id": 1, "result": {}}',
    '{"id": "x", "error": "nope"}',
    "not json at all \x1b[31mred\x1b[0m",
] * 5
for line in lines:
    sys.stdout.write(line + "\n")
sys.stdout.flush()
while True:
    time.sleep(1)
