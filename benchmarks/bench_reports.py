"""Rendering cost of the Markdown and SARIF reports on a synthetic scan result.

10,000 servers with one finding each (plus their rule prose and masked command lines),
built directly as model objects so only the rendering is timed. `measure()` returns the
seconds to render both formats; run alone it prints each.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mcpaudit.model import (
    ClientReport,
    ConfigFile,
    FileStatus,
    ScanResult,
    Server,
    Transport,
    Value,
)
from mcpaudit.report import render
from mcpaudit.rules.registry import load_all

HOME = "/home/bench"
N = 10_000


def synthetic_result(n: int = N) -> ScanResult:
    path = f"{HOME}/.claude.json"
    rules = sorted(load_all().values(), key=lambda r: r.id)
    servers, findings = [], []
    for i in range(n):
        pointer = f"/mcpServers/server-{i}"
        server = Server(
            name=f"server-{i} | <b>{i}</b>",
            client="claude-code",
            file=path,
            pointer=pointer,
            line=3 + i * 5,
            transport=Transport.STDIO,
            command=Value("npx", f"{pointer}/command", 4 + i * 5),
            args=(
                Value("-y", f"{pointer}/args/0", 5 + i * 5),
                Value(f"@scope/pkg-{i}", f"{pointer}/args/1", 5 + i * 5),
                Value(f"--token=ghp_EXAMPLE{i:030d}", f"{pointer}/args/2", 5 + i * 5),
            ),
        )
        servers.append(server)
        rule = rules[i % len(rules)]
        findings.append(
            rule.finding(
                f"server {server.name} does something risky with `@scope/pkg-{i}`",
                server=server,
                at=server.args[1],
                evidence=f"@scope/pkg-{i}",
            )
        )
    cfg = ConfigFile(path, "claude-code", "json", "user", FileStatus.OK)
    return ScanResult(
        clients=(ClientReport("claude-code", "Claude Code", (cfg,)),),
        servers=tuple(servers),
        findings=tuple(findings),
        home=HOME,
        project=f"{HOME}/project",
        started_at="2026-01-01T00:00:00+00:00",
    )


def timed(result: ScanResult) -> dict[str, float]:
    out = {}
    for fmt in ("markdown", "sarif"):
        start = time.perf_counter()
        render(result, fmt)
        out[fmt] = time.perf_counter() - start
    return out


def measure() -> float:
    return sum(timed(synthetic_result()).values())


if __name__ == "__main__":
    for fmt, seconds in timed(synthetic_result()).items():
        print(f"{fmt}: {seconds * 1000:.0f} ms for {N:,} servers and findings")
