"""Project files of the catalogue: the pre-commit hook's pattern and `--config` guessing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from mcpaudit.clients.project_files import pre_commit_pattern, project_patterns
from tests.conftest import REPO, run_cli

TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
SERVERS = {"mcpServers": {"gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": TOKEN}}}}


def test_the_hook_pattern_is_generated_from_the_catalogue():
    (hook,) = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["files"] == pre_commit_pattern(), "run `python scripts/gen_pre_commit_hook.py`"
    pattern = re.compile(hook["files"])
    for relative, _, _ in project_patterns():
        name = relative.replace("*", "servers")
        assert pattern.search(name) and pattern.search(f"sub/dir/{name}"), relative
    for other in ("package.json", ".vscode/settings.json", "docs/mcp.json", "x.mcp.json.bak"):
        assert not pattern.search(other), other
    # The ones the issue named, among the twenty-odd the catalogue knows.
    for named in (
        ".github/mcp.json",
        ".gemini/settings.json",
        ".codex/config.toml",
        ".zed/settings.json",
        ".roo/mcp.json",
        ".kiro/settings/mcp.json",
        ".amazonq/mcp.json",
        "opencode.json",
        "opencode.jsonc",
        ".continue/mcpServers/db.yaml",
        ".claude/settings.local.json",
    ):
        assert pattern.search(named), named
    assert len(project_patterns()) >= 20


@pytest.mark.parametrize(
    ("relative", "client"),
    [
        (".gemini/settings.json", "gemini-cli"),
        (".cursor/mcp.json", "cursor"),
        (".warp/.mcp.json", "warp"),
        (".kiro/agents/dev.json", "kiro"),
        (".roo/mcp.json", "roo-code"),
        (".mcp.json", "claude-code"),
    ],
)
def test_a_project_file_is_read_as_its_clients(isolated_home: Path, relative: str, client: str):
    repo = isolated_home / "repo"
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(SERVERS))
    proc = run_cli(
        "scan",
        "--no-discover",
        "--no-source",
        "--format",
        "json",
        relative,
        home=isolated_home,
        cwd=repo,
    )
    report = json.loads(proc.stdout)
    assert [(s["client"], s["name"], s["scope"]) for s in report["servers"]] == [
        (client, "gh", "project")
    ]
    secrets = [f for f in report["findings"] if f["rule_id"] == "MCP101"]
    assert [(f["client"], f["server"]) for f in secrets] == [(client, "gh")]
    assert "MCP603" not in {f["rule_id"] for f in report["findings"]}


def test_the_same_file_in_the_home_is_the_users_not_a_projects(isolated_home: Path):
    path = isolated_home / ".gemini" / "settings.json"
    path.parent.mkdir()
    path.write_text(json.dumps(SERVERS))
    proc = run_cli(
        "scan", "--no-discover", "--no-source", "--format", "json", str(path), home=isolated_home
    )
    (server,) = json.loads(proc.stdout)["servers"]
    assert (server["client"], server["scope"]) == ("gemini-cli", "user")
