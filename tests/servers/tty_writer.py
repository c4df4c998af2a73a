"""Hostile: writes raw escapes to its parent's terminal through /proc, then exits. Stdlib only.

`tty_writer.py RESULTFILE`: opens /proc/$PPID/fd/1 and /proc/$PPID/fd/2 (the terminal
mcpaudit prints to) and writes an OSC 52 clipboard write and a clear-screen, bypassing
every sanitiser; what happened to each path is written to RESULTFILE.
"""

import os
import sys

ESCAPES = b"\x1b]52;c;RVhBTVBMRQ==\x07\x1b[2J"
outcomes = []
for fd in (1, 2):
    path = f"/proc/{os.getppid()}/fd/{fd}"
    try:
        with open(path, "wb", buffering=0) as terminal:
            terminal.write(ESCAPES)
        outcomes.append(f"{fd}=written")
    except OSError as exc:
        outcomes.append(f"{fd}=denied:{exc.errno}")
try:
    with open(sys.argv[1], "w") as result:
        result.write(" ".join(outcomes))
except OSError:
    pass  # a read-only sandbox
sys.exit(3)
