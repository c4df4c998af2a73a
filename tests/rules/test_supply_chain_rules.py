"""MCP2xx: unpinned packages, images and git sources, and the offline advisory table."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpaudit.advisories import advisories, for_package
from mcpaudit.model import Severity
from tests.rules.homes import FORMATS, ids, line_of, only, scan_home, write


@pytest.mark.parametrize("client", FORMATS)
def test_npx_without_version_is_medium_at_the_package_arg(isolated_home: Path, client: str) -> None:
    path = write(
        isolated_home,
        client,
        {"mem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]}},
    )
    f = only(scan_home(isolated_home), "MCP201")
    assert (f.server, f.file, f.severity) == ("mem", str(path), Severity.MEDIUM)
    assert f.location.line == line_of(path, "@modelcontextprotocol/server-memory")
    assert "-y" in f.message


@pytest.mark.parametrize(
    ("command", "args", "flagged"),
    [
        ("npx", ["-y", "pkg@latest"], True),
        ("npx", ["-y", "pkg@^1.2.0"], True),
        ("npx", ["-y", "pkg@1.2.3"], False),
        ("npx", ["-y", "@scope/pkg@1.2.3", "--flag"], False),
        ("npx", ["--package", "@scope/pkg@2.0.0", "bin"], False),
        ("bunx", ["pkg"], True),
        ("pnpm", ["dlx", "pkg"], True),
        ("yarn", ["dlx", "pkg@3.1.0"], False),
        ("uvx", ["mcp-server-time"], True),
        ("uvx", ["mcp-server-time==2025.8.4"], False),
        ("uvx", ["mcp-server-time@2025.8.4"], False),
        ("uvx", ["--from", "mcp-server-time>=1", "mcp-server-time"], True),
        ("uv", ["tool", "run", "mcp-server-time"], True),
        ("pipx", ["run", "mcp-server-time"], True),
        ("pipx", ["run", "--spec", "mcp-server-time==1.0.0", "mcp-server-time"], False),
        ("node", ["/opt/mcp/server.js"], False),
        ("cmd", ["/c", "npx", "-y", "pkg"], True),
    ],
)
def test_unpinned_package_variants(
    isolated_home: Path, command: str, args: list[str], flagged: bool
) -> None:
    write(isolated_home, "cursor", {"s": {"command": command, "args": args}})
    assert ("MCP201" in ids(scan_home(isolated_home))) is flagged


@pytest.mark.parametrize("client", ["claude-desktop", "codex", "goose"])
def test_container_images(isolated_home: Path, client: str) -> None:
    digest = "ghcr.io/acme/mcp:1.4.2@sha256:" + "ab" * 32
    path = write(
        isolated_home,
        client,
        {
            "untagged": {
                "command": "docker",
                "args": ["run", "-i", "--rm", "ghcr.io/acme/untagged"],
            },
            "latest": {
                "command": "docker",
                "args": ["run", "-i", "-e", "X", "ghcr.io/acme/latest:latest"],
            },
            "tagged": {"command": "podman", "args": ["run", "-i", "ghcr.io/acme/tagged:1.4.2"]},
            "pinned": {"command": "docker", "args": ["run", "-i", "--rm", digest]},
        },
    )
    result = scan_home(isolated_home)
    assert only(result, "MCP202", "untagged").severity == Severity.MEDIUM
    assert only(result, "MCP202", "latest").location.line == line_of(
        path, "ghcr.io/acme/latest:latest"
    )
    assert only(result, "MCP202", "tagged").severity == Severity.LOW
    assert not [f for f in result.findings if f.server == "pinned"]


def test_git_sources(isolated_home: Path) -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    path = write(
        isolated_home,
        "cursor",
        {
            "branch": {
                "command": "uvx",
                "args": ["--from", "git+https://github.com/acme/mcp", "acme-mcp"],
            },
            "gh": {"command": "npx", "args": ["-y", "github:acme/mcp#main"]},
            "pinned": {
                "command": "uvx",
                "args": ["--from", f"git+https://github.com/acme/mcp@{sha}", "acme-mcp"],
            },
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP203", "branch")
    assert (f.severity, f.location.line) == (
        Severity.MEDIUM,
        line_of(path, 'git+https://github.com/acme/mcp"'),
    )
    assert only(result, "MCP203", "gh").severity == Severity.MEDIUM
    assert not [f for f in result.findings if f.server == "pinned"]


@pytest.mark.parametrize("client", FORMATS)
def test_known_vulnerable_mcp_remote_is_critical(isolated_home: Path, client: str) -> None:
    path = write(
        isolated_home,
        client,
        {
            "linear": {
                "command": "npx",
                "args": ["-y", "mcp-remote@0.1.15", "https://mcp.linear.app/sse"],
            },
            "fixed": {
                "command": "npx",
                "args": ["-y", "mcp-remote@0.1.16", "https://mcp.linear.app/sse"],
            },
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP210")
    assert (f.server, f.severity, f.file) == ("linear", Severity.CRITICAL, str(path))
    assert f.location.line == line_of(path, "mcp-remote@0.1.15")
    assert "CVE-2025-6514" in f.message and "0.1.16" in f.message


@pytest.mark.parametrize(
    ("spec", "vulnerable"),
    [
        ("@modelcontextprotocol/server-filesystem@0.6.2", True),
        ("@modelcontextprotocol/server-filesystem@2025.3.28", True),
        ("@modelcontextprotocol/server-filesystem@2025.7.1", False),
        ("@modelcontextprotocol/inspector@0.14.0", True),
        ("@modelcontextprotocol/inspector@0.14.1", True),  # GHSA-g9hg-qhmf-q45m: <0.16.6
        ("@modelcontextprotocol/inspector@0.16.6", False),
    ],
)
def test_npm_ranges(isolated_home: Path, spec: str, vulnerable: bool) -> None:
    write(isolated_home, "cursor", {"s": {"command": "npx", "args": ["-y", spec, "/srv/project"]}})
    findings = [f for f in scan_home(isolated_home).findings if f.rule_id == "MCP210"]
    assert bool(findings) is vulnerable
    if vulnerable:
        assert all(f.severity in (Severity.HIGH, Severity.CRITICAL) for f in findings)


def test_pypi_ranges_and_unpinned_vulnerable_package(isolated_home: Path) -> None:
    write(
        isolated_home,
        "cursor",
        {
            "old": {"command": "uvx", "args": ["mcp-server-git==2025.7.1"]},
            "new": {"command": "uvx", "args": ["mcp-server-git==2026.1.14"]},
            "loose": {"command": "uvx", "args": ["mcp-server-git"]},
        },
    )
    result = scan_home(isolated_home)
    old = [f for f in result.findings if f.rule_id == "MCP210" and f.server == "old"]
    # argument injection, git_add traversal, git_init anywhere, --repository not enforced
    assert {f.severity for f in old} == {Severity.MEDIUM} and len(old) == 4
    assert not [f for f in result.findings if f.rule_id == "MCP210" and f.server == "new"]
    loose = [f for f in result.findings if f.rule_id == "MCP210" and f.server == "loose"]
    assert loose and {f.severity for f in loose} == {Severity.LOW}


def test_advisory_table_is_well_formed() -> None:
    table = advisories()
    assert {a.package for a in table} >= {
        "mcp-remote",
        "@modelcontextprotocol/server-filesystem",
        "@modelcontextprotocol/inspector",
    }
    for a in table:
        assert a.ecosystem in ("npm", "PyPI") and a.severity in (
            "critical",
            "high",
            "medium",
            "low",
        )
        # the fixed version is outside the range; a malicious package, or an advisory whose
        # record names no fixed release (mcp-kubernetes-server, adb-mcp), has none
        assert not (a.fixed and a.affects(a.fixed)), a.id
        assert a.url.startswith("https://")
    assert for_package("PyPI", "MCP_Server_Git")  # PEP 503 name normalisation


def test_unpinned_vulnerable_package_is_one_low_finding_naming_the_safe_version(
    isolated_home: Path,
) -> None:
    write(isolated_home, "cursor", {"git": {"command": "uvx", "args": ["mcp-server-git"]}})
    f = only(scan_home(isolated_home), "MCP210")
    assert f.severity == Severity.LOW
    assert "2026.1.14" in f.message and "PYSEC-2026-1622" in f.message
