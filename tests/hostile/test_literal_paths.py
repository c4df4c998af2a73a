"""A home or project folder whose name has glob characters is still read: `photos [2024]`
and `a*b` are folder names, not patterns (before: their config files were never found)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("name", ["photos [2024]", "a*b?", "x[!y]"])
def test_a_project_folder_named_like_a_glob_is_audited(isolated_home: Path, name: str) -> None:
    project = isolated_home / name
    (project / ".vscode").mkdir(parents=True)
    (project / ".mcp.json").write_text(
        json.dumps({"mcpServers": {"claude-one": {"command": "npx", "args": ["-y", "pkg-a"]}}})
    )
    (project / ".vscode" / "mcp.json").write_text(
        json.dumps({"servers": {"vscode-one": {"command": "npx", "args": ["-y", "pkg-b"]}}})
    )
    r = run_cli("scan", "--format", "json", "--project", str(project), home=isolated_home)
    assert r.returncode in (0, 1), r.stderr
    report = json.loads(r.stdout)
    files = {s["name"]: s["file"] for s in report["servers"]}
    assert files["claude-one"] == str(project / ".mcp.json")
    assert files["vscode-one"] == str(project / ".vscode" / "mcp.json")
    unpinned = {f["server"] for f in report["findings"] if f["rule_id"] == "MCP201"}
    assert {"claude-one", "vscode-one"} <= unpinned
