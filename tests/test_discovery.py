"""Discovery end to end: each sample home is found completely, with the right details."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.config.validate import load_schema
from mcpaudit.scan import ScanOptions, scan
from tests.conftest import HOMES, copy_home, run_cli

# (client, file relative to home, server name, transport, line of the server entry)
EXPECTED = {
    "amazon-q": [
        ("amazon-q", ".aws/amazonq/mcp.json", "aws-cdk", "stdio", 3),
        ("amazon-q", ".aws/amazonq/cli-agents/default.json", "fetch", "stdio", 5),
    ],
    "amp": [
        ("amp", ".config/amp/settings.json", "playwright", "stdio", 3),
        ("amp", ".config/amp/settings.json", "sourcegraph", "http", 7),
    ],
    "antigravity": [
        ("antigravity", ".gemini/antigravity/mcp_config.json", "firebase", "stdio", 3),
        ("antigravity", ".gemini/antigravity/mcp_config.json", "figma-dev", "http", 7),
    ],
    "claude-code": [
        ("claude-code", ".claude.json", "context7", "http", 4),
        ("claude-code", ".claude.json", "sequential-thinking", "stdio", 11),
        ("claude-code", ".claude.json", "postgres", "stdio", 22),
        ("claude-code", "projects/demo-app/.mcp.json", "sentry", "http", 3),
        ("claude-code", "projects/demo-app/.mcp.json", "playwright", "stdio", 10),
    ],
    "claude-desktop": [
        ("claude-desktop", ".config/Claude/claude_desktop_config.json", "filesystem", "stdio", 4),
        ("claude-desktop", ".config/Claude/claude_desktop_config.json", "github", "stdio", 13),
        (
            "claude-desktop",
            ".config/Claude/claude_desktop_config.json",
            "linear-remote",
            "stdio",
            20,
        ),
    ],
    "cline": [
        ("cline", ".cline/data/settings/cline_mcp_settings.json", "brave-search", "stdio", 3),
        ("cline", ".cline/data/settings/cline_mcp_settings.json", "remote-kb", "http", 14),
        (
            "cline",
            ".config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
            "git",
            "stdio",
            3,
        ),
    ],
    "codex": [
        ("codex", ".codex/config.toml", "context7", "stdio", 6),
        ("codex", ".codex/config.toml", "linear", "http", 15),
        ("codex", ".codex/config.toml", "internal", "http", 21),
    ],
    "continue": [
        ("continue", ".continue/config.yaml", "SQLite MCP", "stdio", 6),
        ("continue", ".continue/config.yaml", "GitHub", "stdio", 12),
        ("continue", ".continue/config.yaml", "Remote search", "http", 20),
        (
            "continue",
            "projects/demo-app/.continue/mcpServers/playwright.yaml",
            "Browser search",
            "stdio",
            5,
        ),
    ],
    "copilot-cli": [
        ("copilot-cli", ".copilot/mcp-config.json", "azure", "stdio", 3),
        ("copilot-cli", ".copilot/mcp-config.json", "docs", "http", 12),
    ],
    "cursor": [
        ("cursor", ".cursor/mcp.json", "supabase", "stdio", 3),
        ("cursor", ".cursor/mcp.json", "local-tools", "stdio", 10),
        ("cursor", ".cursor/mcp.json", "figma", "http", 16),
    ],
    "devin-cli": [
        ("devin-cli", ".config/devin/config.json", "linear", "http", 5),
        ("devin-cli", ".config/devin/config.json", "github", "stdio", 9),
    ],
    "devin-desktop": [
        ("windsurf", ".config/devin/mcp_config.json", "notion", "http", 3),
        ("windsurf", ".config/devin/mcp_config.json", "shell", "stdio", 6),
    ],
    "gemini-cli": [
        ("gemini-cli", ".gemini/settings.json", "pythonTools", "stdio", 7),
        ("gemini-cli", ".gemini/settings.json", "cloudrun", "http", 17),
        ("gemini-cli", ".gemini/settings.json", "legacy-sse", "sse", 25),
    ],
    "goose": [
        ("goose", ".config/goose/config.yaml", "github", "stdio", 13),
        ("goose", ".config/goose/config.yaml", "asana", "http", 26),
    ],
    "junie": [
        ("junie", ".junie/mcp/mcp.json", "postgres", "stdio", 3),
        ("junie", ".junie/mcp/mcp.json", "jetbrains-docs", "http", 7),
    ],
    "kiro": [
        ("kiro", ".kiro/settings/mcp.json", "aws-docs", "stdio", 3),
        ("kiro", ".kiro/settings/mcp.json", "remote-tracker", "http", 14),
        ("kiro", ".kiro/agents/dev.json", "git", "stdio", 5),
    ],
    "lmstudio": [
        ("lmstudio", ".lmstudio/mcp.json", "hf-mcp-server", "http", 3),
        ("lmstudio", ".lmstudio/mcp.json", "time", "stdio", 9),
    ],
    "opencode": [
        ("opencode", ".config/opencode/opencode.jsonc", "everything", "stdio", 9),
        ("opencode", ".config/opencode/opencode.jsonc", "context7", "http", 19),
    ],
    "roo-code": [
        (
            "roo-code",
            ".config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
            "filesystem",
            "stdio",
            3,
        ),
        (
            "roo-code",
            ".config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
            "jira",
            "http",
            11,
        ),
    ],
    "vscode": [
        ("vscode", ".config/Code/User/mcp.json", "github", "http", 13),
        ("vscode", ".config/Code/User/mcp.json", "memory", "stdio", 20),
        ("vscode", ".config/Code/User/mcp.json", "fetch", "stdio", 29),
        ("vscode", ".config/Code/User/settings.json", "time", "stdio", 10),
        ("vscode", "projects/demo-app/.vscode/mcp.json", "db", "stdio", 4),
    ],
    "warp": [
        ("warp", ".warp/.mcp.json", "kubernetes", "stdio", 3),
    ],
    "windsurf": [
        ("windsurf", ".codeium/windsurf/mcp_config.json", "github", "stdio", 3),
        ("windsurf", ".codeium/windsurf/mcp_config.json", "stripe", "http", 10),
    ],
    "zed": [
        ("zed", ".config/zed/settings.json", "github", "stdio", 15),
        ("zed", ".config/zed/settings.json", "remote-docs", "http", 22),
    ],
}


def _scan_home(name: str, home: Path):
    copy_home(name, home)
    project = home / "projects" / "demo-app"
    return scan(ScanOptions(env={"HOME": str(home)}, project=project if project.is_dir() else None))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_home_is_discovered_completely(name: str, isolated_home: Path) -> None:
    result = _scan_home(name, isolated_home)
    got = [
        (s.client, str(Path(s.file).relative_to(isolated_home)), s.name, s.transport.value, s.line)
        for s in result.servers
    ]
    assert sorted(got) == sorted(EXPECTED[name])
    broken = [
        (f.path, f.status, f.error) for f in result.files if f.status not in ("ok", "missing")
    ]
    assert broken == []
    assert [f for f in result.findings if f.category == "malformed_config"] == []


def test_every_sample_home_has_expectations() -> None:
    assert sorted(p.name for p in HOMES.iterdir() if p.is_dir()) == sorted(EXPECTED)


def test_every_client_has_a_sample_home() -> None:
    covered = {row[0] for rows in EXPECTED.values() for row in rows}
    assert {c.id for c in CLIENTS} <= covered


def test_all_homes_together_through_the_cli(isolated_home: Path) -> None:
    for name in EXPECTED:
        copy_home(name, isolated_home)
    proc = run_cli(
        "scan",
        "--format",
        "json",
        "--project",
        str(isolated_home / "projects" / "demo-app"),
        home=isolated_home,
    )
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, load_schema("report.schema.json"))
    got = {(s["client"], s["name"], s["line"]) for s in report["servers"]}
    want = {(c, n, line) for rows in EXPECTED.values() for (c, _f, n, _t, line) in rows}
    assert got == want
    assert report["summary"]["servers"] == len(want)
