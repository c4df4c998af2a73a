"""Reports whether it got a secret in its env, and whether any process shows it on its
command line (what every local user can read), to the JSON file named by `--report`.

Usage: secret_probe.py --expect NAME --report PATH [ANY ARGS]. The value itself is never
written: only its sha256 and where it was seen. `--expect-arg INDEX` also checks argv[INDEX]
(a secret the launcher put into the command line), and the report lists the names of the
environment variables the server got.
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
if "--expect-arg" in sys.argv:
    value = sys.argv[int(_arg("--expect-arg"))]
report = {
    "present": value is not None,
    "sha256": hashlib.sha256(value.encode()).hexdigest() if value else None,
    "pid": os.getpid(),
    "cmdline": [a if a != value else "<the secret>" for a in sys.argv],
    "cmdlines_with_secret": _cmdlines_with(value.encode()) if value else [],
    "env_names": sorted(os.environ),
    "env_has_secret": bool(value) and value in os.environ.values(),
}
Path(_arg("--report")).write_text(json.dumps(report), encoding="utf-8")

app = MCPServer("secret-probe")


@app.tool(description=f"env has {name}: {value is not None}")
def noop() -> str:
    return ""


if __name__ == "__main__":
    app.run()
