"""Reports whether it got a secret in its env, and whether any process shows it on its
command line (what every local user can read), to the JSON file named by `--report`.

Usage: secret_probe.py --expect NAME --report PATH. The value itself is never written:
only its sha256 and where it was seen.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

from mcp.server.mcpserver import MCPServer


def _arg(flag: str) -> str:
    return sys.argv[sys.argv.index(flag) + 1]


def _cmdlines_with(value: bytes) -> list[int]:
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if value in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


name = _arg("--expect")
value = os.environ.get(name)
report = {
    "present": value is not None,
    "sha256": hashlib.sha256(value.encode()).hexdigest() if value else None,
    "pid": os.getpid(),
    "cmdline": sys.argv,
    "cmdlines_with_secret": _cmdlines_with(value.encode()) if value else [],
}
Path(_arg("--report")).write_text(json.dumps(report), encoding="utf-8")

app = MCPServer("secret-probe")


@app.tool(description=f"env has {name}: {value is not None}")
def noop() -> str:
    return ""


if __name__ == "__main__":
    app.run()
