"""MCP6xx: auto-approval switches in each client's own settings, and static toxic flows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpaudit.model import Severity
from tests.rules.homes import ids, line_of, only, scan_home, write, write_raw


def test_claude_code_settings(isolated_home: Path) -> None:
    settings = {
        "enableAllProjectMcpServers": True,
        "permissions": {
            "allow": ["Bash(ls:*)", "mcp__github", "mcp__docs__get_docs", "mcp__*"],
            "defaultMode": "bypassPermissions",
        },
    }
    path = write_raw(isolated_home, ".claude/settings.json", json.dumps(settings, indent=2))
    write(
        isolated_home,
        "claude-code",
        {"github": {"command": "gh-mcp"}, "docs": {"command": "docs-mcp"}},
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP604")
    assert (f.file, f.severity, f.location.line) == (
        str(path),
        Severity.HIGH,
        line_of(path, "enableAllProject"),
    )
    whole = only(result, "MCP601", "github")
    assert (whole.severity, whole.location.pointer, whole.location.line) == (
        Severity.HIGH,
        "/permissions/allow/1",
        line_of(path, '"mcp__github"'),
    )
    assert whole.client == "claude-code"
    assert only(result, "MCP601", "docs").severity == Severity.LOW  # a read-only tool
    assert len([f for f in result.findings if f.rule_id == "MCP601"]) == 2  # mcp__* is ignored
    f = only(result, "MCP603")
    assert (f.severity, f.location.pointer) == (Severity.HIGH, "/permissions/defaultMode")


def test_claude_code_project_scope_is_medium(isolated_home: Path, tmp_path: Path) -> None:
    project = tmp_path / "proj"
    path = write_raw(project, ".claude/settings.local.json", '{"enableAllProjectMcpServers": true}')
    write_raw(project, ".mcp.json", '{"mcpServers": {"x": {"command": "x"}}}')
    f = only(scan_home(isolated_home, project=project), "MCP604")
    assert (f.file, f.severity, f.location.line) == (str(path), Severity.MEDIUM, 1)


def test_vscode_global_auto_approve_and_sandbox(isolated_home: Path) -> None:
    settings = (
        '{\n  // yolo\n  "editor.fontSize": 14,\n  "chat.tools.global.autoApprove": true\n}\n'
    )
    path = write_raw(isolated_home, ".config/Code/User/settings.json", settings)
    write(
        isolated_home,
        "vscode",
        {
            "fetch": {
                "command": "uvx",
                "args": ["mcp-server-fetch==2025.4.7"],
                "extra": {"sandboxEnabled": True},
            }
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP603")
    assert (f.file, f.location.line, f.severity) == (str(path), 4, Severity.HIGH)
    assert only(result, "MCP602", "fetch").severity == Severity.LOW


def test_vscode_safe_settings(isolated_home: Path) -> None:
    write_raw(
        isolated_home, ".config/Code/User/settings.json", '{"chat.tools.global.autoApprove": false}'
    )
    assert "MCP603" not in ids(scan_home(isolated_home))


def test_zed_tool_permissions(isolated_home: Path) -> None:
    settings = {
        "agent": {
            "tool_permissions": {
                "default": "allow",
                "tools": {
                    "mcp:github:create_issue": {"default": "allow"},
                    "mcp:github:list_issues": {"default": "allow"},
                    "mcp:github:delete_repo": {"default": "confirm"},
                },
            }
        },
        "session": {"trust_all_worktrees": True},
        "context_servers": {"github": {"command": "gh-mcp"}},
    }
    path = write_raw(isolated_home, ".config/zed/settings.json", json.dumps(settings, indent=2))
    result = scan_home(isolated_home)
    grants = sorted(
        (f.severity.value, f.location.line) for f in result.findings if f.rule_id == "MCP601"
    )
    assert grants == [
        ("high", line_of(path, "create_issue") + 1),
        ("low", line_of(path, "list_issues") + 1),
    ]
    assert only(result, "MCP603").location.pointer == "/agent/tool_permissions/default"
    assert only(result, "MCP604").severity == Severity.HIGH


@pytest.mark.parametrize(
    ("mode", "severity"),
    [("auto", Severity.HIGH), (None, Severity.MEDIUM), ("approve", None), ("smart_approve", None)],
)
def test_goose_mode(isolated_home: Path, mode: str | None, severity: Severity | None) -> None:
    top = {"GOOSE_MODE": mode} if mode else {}
    path = write(isolated_home, "goose", {"x": {"command": "x-mcp"}}, top)
    found = [f for f in scan_home(isolated_home).findings if f.rule_id == "MCP603"]
    assert [f.severity for f in found] == ([severity] if severity else [])
    if mode == "auto":
        assert found[0].location.line == line_of(path, "GOOSE_MODE")


def test_codex_approval_settings(isolated_home: Path) -> None:
    text = (
        'approval_policy = "never"\n\n'
        "[mcp_servers.linear]\n"
        'url = "https://mcp.linear.app/mcp"\n'
        'default_tools_approval_mode = "approve"\n\n'
        "[mcp_servers.gh]\n"
        'command = "gh-mcp"\n\n'
        "[mcp_servers.gh.tools.create_pull_request]\n"
        'approval_mode = "approve"\n'
    )
    path = write_raw(isolated_home, ".codex/config.toml", text)
    result = scan_home(isolated_home)
    assert only(result, "MCP603").location.line == 1
    f = only(result, "MCP602", "linear")
    assert (f.severity, f.location.line) == (
        Severity.MEDIUM,
        line_of(path, "default_tools_approval_mode"),
    )
    f = only(result, "MCP601", "gh")
    assert (f.severity, f.location.line) == (
        Severity.HIGH,
        line_of(path, 'approval_mode = "approve"', 2),
    )


def test_gemini_trust(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        "gemini-cli",
        {"py": {"command": "python", "args": ["-m", "srv"], "extra": {"trust": True}}},
    )
    f = only(scan_home(isolated_home), "MCP602")
    assert (f.server, f.severity, f.location.line) == (
        "py",
        Severity.MEDIUM,
        line_of(path, '"trust"'),
    )


@pytest.mark.parametrize(
    ("client", "key", "tools", "severity"),
    [
        ("cline", "autoApprove", ["brave_web_search"], Severity.LOW),
        ("cline", "autoApprove", ["execute_command"], Severity.HIGH),
        ("cline", "alwaysAllow", ["write_file", "read_file"], Severity.HIGH),
        ("cursor", "autoApprove", ["frobnicate"], Severity.MEDIUM),
        ("cursor", "autoApprove", ["*"], Severity.HIGH),
    ],
)
def test_per_server_auto_approve_lists(
    isolated_home: Path, client: str, key: str, tools: list[str], severity: Severity
) -> None:
    path = write(isolated_home, client, {"srv": {"command": "srv-mcp", "extra": {key: tools}}})
    f = only(scan_home(isolated_home), "MCP601")
    assert (f.server, f.file, f.severity) == ("srv", str(path), severity)
    assert f.location.pointer == f"/mcpServers/srv/{key}"
    assert f.location.line == line_of(path, key)


def test_kiro_agent_allowed_tools(isolated_home: Path) -> None:
    agent = {
        "name": "dev",
        "mcpServers": {"git": {"command": "git-mcp"}},
        "allowedTools": ["read", "@git"],
    }
    path = write_raw(isolated_home, ".kiro/agents/dev.json", json.dumps(agent, indent=2))
    f = only(scan_home(isolated_home), "MCP601")
    assert (f.server, f.severity, f.location.line) == (
        "git",
        Severity.HIGH,
        line_of(path, '"@git"'),
    )


def test_opencode_permission(isolated_home: Path) -> None:
    write(isolated_home, "opencode", {"x": {"command": "x"}}, {"permission": "allow"})
    assert only(scan_home(isolated_home), "MCP603").severity == Severity.HIGH
    write(isolated_home, "opencode", {"x": {"command": "x"}}, {"permission": "ask"})
    assert "MCP603" not in ids(scan_home(isolated_home))


def test_lethal_trifecta_across_servers(isolated_home: Path) -> None:
    write(
        isolated_home,
        "cursor",
        {
            "fs": {
                "command": "npx",
                "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/srv/app"],
            },
            "fetch": {"command": "uvx", "args": ["mcp-server-fetch==2025.4.7"]},
        },
    )
    f = only(scan_home(isolated_home), "MCP610")
    assert (f.server, f.severity, f.category) == ("fetch", Severity.MEDIUM, "toxic_flow")
    assert "fs" in f.message and "fetch" in f.message


def test_no_trifecta_when_a_leg_is_missing_or_disabled(isolated_home: Path) -> None:
    write(
        isolated_home,
        "cline",
        {
            "fs": {
                "command": "npx",
                "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/srv/app"],
            },
            "fetch": {
                "command": "uvx",
                "args": ["mcp-server-fetch==2025.4.7"],
                "extra": {"disabled": True},
            },
            "time": {"command": "uvx", "args": ["mcp-server-time==2025.8.4"]},
        },
    )
    assert "MCP610" not in ids(scan_home(isolated_home))


@pytest.mark.parametrize(
    ("mode", "flagged"),
    [("always-proceed", True), ("request-review", False), ("strict", False), (None, False)],
)
def test_antigravity_cli_tool_permission(
    isolated_home: Path, mode: str | None, flagged: bool
) -> None:
    settings = {"model": "Gemini 3.5 Flash (High)", "enableTerminalSandbox": True}
    if mode:
        settings["toolPermission"] = mode
    path = write_raw(
        isolated_home, ".gemini/antigravity-cli/settings.json", json.dumps(settings, indent=2)
    )
    found = [f for f in scan_home(isolated_home).findings if f.rule_id == "MCP603"]
    if not flagged:
        assert found == []
        return
    (f,) = found
    assert (f.file, f.location.line, f.severity) == (str(path), 4, Severity.HIGH)
    assert f.client == "antigravity" and "always-proceed" in f.message


def test_one_well_known_server_alone_is_a_trifecta_without_live(isolated_home: Path) -> None:
    write(
        isolated_home,
        "cursor",
        {
            "github": {"url": "https://api.githubcopilot.com/mcp/"},
            "time": {"command": "uvx", "args": ["mcp-server-time==2025.8.4"]},
        },
    )
    f = only(scan_home(isolated_home), "MCP610")
    assert (f.server, f.severity, f.category) == ("github", Severity.MEDIUM, "toxic_flow")
    assert "alone forms the lethal trifecta" in f.message and "githubcopilot" in f.message
