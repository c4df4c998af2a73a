"""The server-code scan reads the npx cache copy of the version the config pins."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import run_cli
from tests.rules.homes import write


def _cached(home: Path, run: str, version: str, file: str) -> Path:
    root = home / ".npm/_npx" / run / "node_modules/mcp-remote"
    root.mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": "mcp-remote", "version": version}))
    code = root / file
    code.write_text("const input = process.argv[2];\neval(input);\n")
    return code


def _mcp720(home: Path) -> dict[str, set[str]]:
    proc: subprocess.CompletedProcess[str] = run_cli(
        "scan", "--format", "json", "--fail-on", "never", "--no-logs", "--no-processes",
        home=home,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out: dict[str, set[str]] = {}
    for f in json.loads(proc.stdout)["findings"]:
        if f["rule_id"] == "MCP720":
            out.setdefault(f["server"], set()).add(f["location"]["path"])
    return out


def test_each_pinned_version_is_read_from_its_own_copy(isolated_home: Path) -> None:
    old = _cached(isolated_home, "a1", "0.1.15", "old.js")
    new = _cached(isolated_home, "b2", "0.15.1", "new.js")
    url = "https://mcp.acme.com/sse"
    write(isolated_home, "claude-desktop", {
        "old": {"command": "npx", "args": ["-y", "mcp-remote@0.1.15", url]},
        "new": {"command": "npx", "args": ["-y", "mcp-remote@0.15.1", url]},
        "floating": {"command": "npx", "args": ["-y", "mcp-remote", url]},
        "absent": {"command": "npx", "args": ["-y", "mcp-remote@0.1.30", url]},
    })  # fmt: skip
    found = _mcp720(isolated_home)
    assert found["old"] == {str(old)}
    assert found["new"] == {str(new)}
    assert found["floating"] == {str(new)}  # the newest cached copy, the one npx would run
    assert "absent" not in found


def test_unpinned_server_is_judged_by_the_cached_version(isolated_home: Path) -> None:
    _cached(isolated_home, "a1", "0.1.15", "old.js")
    entry = {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.acme.com/sse"]}
    path = write(isolated_home, "claude-desktop", {"r": entry})
    proc = run_cli("scan", "--format", "json", "--fail-on", "never", "--no-logs",
                   "--no-processes", home=isolated_home)  # fmt: skip
    (f,) = [f for f in json.loads(proc.stdout)["findings"] if f["rule_id"] == "MCP210"]
    assert (f["server"], f["location"]["path"], f["severity"]) == ("r", str(path), "critical")
    assert "the npx cache runs 0.1.15" in f["message"] and "CVE-2025-6514" in f["message"]
    # Without the code scan nothing says which version runs: the "may be affected" finding.
    proc = run_cli("scan", "--format", "json", "--fail-on", "never", "--no-logs",
                   "--no-processes", "--no-source", home=isolated_home)  # fmt: skip
    (f,) = [f for f in json.loads(proc.stdout)["findings"] if f["rule_id"] == "MCP210"]
    assert f["severity"] == "low"
