"""MCP4xx: plain http to remote hosts, TLS verification switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpaudit.model import Severity
from tests.rules.homes import FORMATS, ids, line_of, only, scan_home, write


@pytest.mark.parametrize("client", FORMATS)
def test_plain_http_remote(isolated_home: Path, client: str) -> None:
    path = write(
        isolated_home,
        client,
        {
            "public": {"url": "http://mcp.example.com/mcp"},
            "lan": {"url": "http://192.168.1.20:8080/mcp"},
            "local": {"url": "http://127.0.0.1:3845/mcp"},
            "secure": {"url": "https://mcp.example.com/mcp"},
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP401", "public")
    assert (f.file, f.severity, f.location.line) == (
        str(path),
        Severity.HIGH,
        line_of(path, "http://mcp.example.com"),
    )
    assert only(result, "MCP401", "lan").severity == Severity.MEDIUM
    assert not [f for f in result.findings if f.server in ("local", "secure")]


def test_mcp_remote_allow_http_and_localhost(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        "claude-desktop",
        {
            "proxy": {
                "command": "npx",
                "args": [
                    "-y",
                    "mcp-remote@0.1.29",
                    "http://mcp.corp.example.com/sse",
                    "--allow-http",
                ],
            },
            "dev": {
                "command": "npx",
                "args": ["-y", "mcp-remote@0.1.29", "http://localhost:3000/sse", "--allow-http"],
            },
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP401", "proxy")
    assert f.location.line == line_of(path, "mcp.corp.example.com")
    assert f.location.pointer == "/mcpServers/proxy/args/2"
    assert not [f for f in result.findings if f.server == "dev" and f.rule_id == "MCP401"]


@pytest.mark.parametrize("client", FORMATS)
def test_tls_verification_disabled_by_env(isolated_home: Path, client: str) -> None:
    path = write(
        isolated_home,
        client,
        {"api": {"command": "api-mcp", "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "0"}}},
    )
    f = only(scan_home(isolated_home), "MCP402")
    assert (f.server, f.file, f.severity) == ("api", str(path), Severity.HIGH)
    assert f.location.line == line_of(path, "NODE_TLS_REJECT_UNAUTHORIZED")


def test_tls_flags_and_settings(isolated_home: Path) -> None:
    write(
        isolated_home,
        "cursor",
        {
            "flag": {"command": "api-mcp", "args": ["--insecure"]},
            "setting": {"url": "https://a.example.com/mcp", "extra": {"verifySsl": False}},
            "fine": {
                "command": "api-mcp",
                "args": ["--verbose"],
                "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "1"},
            },
        },
    )
    result = scan_home(isolated_home)
    assert only(result, "MCP402", "flag").severity == Severity.HIGH
    assert only(result, "MCP402", "setting").location.pointer == "/mcpServers/setting/verifySsl"
    assert "MCP402" not in {f.rule_id for f in result.findings if f.server == "fine"}
    assert "MCP401" not in ids(result)
