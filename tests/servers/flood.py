"""Hostile: answers initialize with 50 MB of garbage and no newline. Stdlib only."""

import os
import sys

sys.stdin.readline()
chunk = os.urandom(1 << 20).replace(b"\n", b"x")
out = sys.stdout.buffer
try:
    for _ in range(50):
        out.write(chunk)
    out.flush()
except BrokenPipeError:
    pass
