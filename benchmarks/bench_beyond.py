"""The beyond-the-config collectors on synthetic data: logs, server code, process list.

Run: `python benchmarks/bench_beyond.py` (prints wall times; no assertions). Builds a
home with Claude Desktop and VS Code logs (LOG_MB in total), an npx-cached package of
200 modules plus a 1 MB unminified bundle, and times each collector in-process, then
a whole `mcpaudit scan` of that home with every collector on and with all of them off.
"""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mcpaudit.clients.catalog import CLIENTS  # noqa: E402
from mcpaudit.clients.discover import Bases  # noqa: E402
from mcpaudit.collect.logs import LogLimits, scan_logs  # noqa: E402
from mcpaudit.collect.processes import running_servers  # noqa: E402
from mcpaudit.collect.results import CodeRoot  # noqa: E402
from mcpaudit.collect.source import scan_roots  # noqa: E402
from mcpaudit.scan import ScanOptions, scan  # noqa: E402

LOG_MB = 20
MODULE = """import {{ readFile }} from "node:fs/promises";
import {{ execFile }} from "node:child_process";
export async function handler{n}(args) {{
  const text = await readFile(args.path, "utf8");
  execFile("git", ["log", args.ref], () => {{}});
  return {{ content: [{{ type: "text", text: text.slice(0, {n}) }}] }};
}}
"""


def build(home: Path) -> None:
    rnd = random.Random(3)
    config = home / ".config/Claude/claude_desktop_config.json"
    config.parent.mkdir(parents=True)
    servers = {f"s{i}": {"command": "npx", "args": ["-y", "bench-mcp"]} for i in range(3)}
    config.write_text(json.dumps({"mcpServers": servers}))
    logs = home / ".config/Claude/logs"
    logs.mkdir()
    per_file = LOG_MB * 1024 * 1024 // 4
    for name in ("mcp.log", "mcp-server-s0.log", "mcp-server-s1.log", "mcp-server-s2.log"):
        with (logs / name).open("w") as fh:
            written = 0
            while written < per_file:
                words = "".join(rnd.choices(string.ascii_letters + " ", k=140))
                line = f'2026-11-27T10:00:00.000Z [info] [s0] from server: {{"text":"{words}"}}\n'
                fh.write(line)
                written += len(line)
    pkg = home / ".npm/_npx/0123456789abcdef/node_modules/bench-mcp"
    (pkg / "dist").mkdir(parents=True)
    (pkg / "package.json").write_text('{"name": "bench-mcp", "version": "1.0.0"}')
    for n in range(200):
        (pkg / "dist" / f"m{n}.js").write_text(MODULE.format(n=n))
    bundle = "".join(MODULE.format(n=n) for n in range(2500))
    (pkg / "dist" / "bundle.js").write_text(bundle[:1_000_000])


def timed(label: str, fn) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label:<48} {1000 * (time.perf_counter() - start):8.0f} ms")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mcpaudit-beyond-") as tmp:
        home = Path(tmp)
        build(home)
        env = {"HOME": str(home), "PATH": os.environ.get("PATH", "")}
        bases = Bases.from_env(env, "linux")
        servers = scan(ScanOptions(env=env, project=home)).servers
        timed(
            f"logs: {LOG_MB} MB in 4 files (tail 20 MB each)",
            lambda: scan_logs(CLIENTS, servers, bases, home, "linux", LogLimits(time_budget_s=600)),
        )
        pkg = home / ".npm/_npx/0123456789abcdef/node_modules/bench-mcp"
        timed(
            "source: 200 modules + 1 MB bundle (JS)",
            lambda: scan_roots([CodeRoot("x", str(pkg), "npx cache")]),
        )
        timed("processes: whole process table", lambda: running_servers(servers))
        for flags in ([], ["--no-logs", "--no-source", "--no-processes"]):
            full = {**os.environ, "HOME": str(home), "PYTHONPATH": str(REPO)}
            timed(
                f"mcpaudit scan {' '.join(flags) or '(all collectors on)'}",
                lambda flags=flags, full=full: subprocess.run(
                    [sys.executable, "-m", "mcpaudit", "scan", "--format", "json", *flags],
                    env=full,
                    capture_output=True,
                    cwd=home,
                ),
            )


if __name__ == "__main__":
    main()
