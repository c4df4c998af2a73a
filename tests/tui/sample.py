"""A small real home for the TUI tests, and a fixed set of findings for the snapshots.

The snapshots must not change each time a rule is added elsewhere, so the findings
shown in them are built here (pointing at real values in real files, with real
lines); behaviour tests scan for real.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from mcpaudit.clients.spec import ClientSpec, FileSpec
from mcpaudit.model import Edit, Finding, Fix, Location, ScanResult, Severity
from mcpaudit.redact import redact
from mcpaudit.scan import ScanOptions, scan

TOKEN = "ghp_EXAMPLEEXAMPLEEXAMPLEEXAMPLE12345678"

CURSOR = {
    "mcpServers": {
        "github": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-github"],
            "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": TOKEN},
        },
        "filesystem": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"],
        },
        "[red]evil[/red]\u001b[31m": {"url": "http://mcp.example.test/sse"},
    }
}
CLAUDE = {"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time==2025.9.25"]}}}


def write_home(home: Path) -> Path:
    """A home with a Cursor and a Claude Code config, written as a person would."""
    (home / ".cursor").mkdir(parents=True, exist_ok=True)
    (home / ".cursor" / "mcp.json").write_text(json.dumps(CURSOR, indent=2) + "\n")
    (home / ".claude.json").write_text(json.dumps(CLAUDE, indent=2) + "\n")
    (home / "project").mkdir(exist_ok=True)
    return home


def options_for(home: Path) -> ScanOptions:
    # PATH finds nothing, so launch descriptions show commands as written on every machine.
    return ScanOptions(env={"HOME": str(home), "PATH": str(home / "bin")}, project=home / "project")


def sample_result(home: Path, fixes: bool = True) -> ScanResult:
    """A real scan of `write_home`, with a fixed set of findings on its real servers.

    `fixes=False` leaves the fixes out, for pictures that must not depend on whether
    the fix engine (which draws their diffs) is part of the build."""
    result = scan(options_for(write_home(home)))
    servers = {s.name: s for s in result.servers}
    gh, fs = servers["github"], servers["filesystem"]
    evil = next(s for s in result.servers if s.name.startswith("[red]"))
    token = gh.env[0]
    pkg = gh.args[1]
    cursor = gh.file

    def finding(rule, category, sev, title, message, server, at, **kw) -> Finding:  # type: ignore[no-untyped-def]
        return Finding(
            rule_id=rule,
            category=category,
            severity=sev,
            title=title,
            message=message,
            location=Location(
                server.file, at.line if at else server.line, at.pointer if at else server.pointer
            ),
            client=server.client,
            file=server.file,
            server=server.name,
            server_id=server.id,
            **kw,
        )

    findings = (
        finding(
            "MCP101",
            "secret_in_config",
            Severity.CRITICAL,
            "Secret stored in plain text in the config",
            "GITHUB_PERSONAL_ACCESS_TOKEN holds a GitHub token in clear text",
            gh,
            token,
            evidence=f"GITHUB_PERSONAL_ACCESS_TOKEN={redact(TOKEN)}",
            remediation="Move the value to your environment and reference it as ${env:NAME}.",
            fix=Fix(
                "fix-secret",
                "MCP101",
                "Replace the token with ${GITHUB_PERSONAL_ACCESS_TOKEN}",
                False,
                cursor,
                (Edit("set", token.pointer, "${GITHUB_PERSONAL_ACCESS_TOKEN}"),),
            ),
        ),
        finding(
            "MCP320",
            "broad_filesystem",
            Severity.HIGH,
            "File-system server can read and write the whole disk",
            "the filesystem server is given / as its root",
            fs,
            fs.args[2],
            evidence="/",
            remediation="Give the server only the project folders it needs.",
        ),
        finding(
            "MCP201",
            "unpinned_package",
            Severity.MEDIUM,
            "Package runs without a pinned version",
            "npx -y runs whatever version is published next",
            gh,
            pkg,
            evidence="@modelcontextprotocol/server-github",
            remediation="Pin an exact version: @modelcontextprotocol/server-github@2025.4.8.",
            fix=Fix(
                "fix-pin",
                "MCP201",
                "Pin @modelcontextprotocol/server-github@2025.4.8",
                True,
                cursor,
                (Edit("set", pkg.pointer, "@modelcontextprotocol/server-github@2025.4.8"),),
            ),
        ),
        finding(
            "MCP401",
            "insecure_transport",
            Severity.LOW,
            "Remote server over plain HTTP [bold]not markup[/bold]",
            "http://mcp.example.test/sse is not encrypted \u001b[2J\u202e",
            evil,
            evil.url,
            evidence="http://mcp.example.test/sse",
        ),
    )
    if not fixes:
        findings = tuple(replace(f, fix=None) for f in findings)
    return ScanResult(
        clients=result.clients,
        servers=result.servers,
        findings=findings,
        home=result.home,
        project=result.project,
    )


# Two clients of our own for the empty-state snapshot, so the catalogue can grow freely.
EMPTY_CLIENTS = (
    ClientSpec(
        "alpha",
        "Alpha Desktop",
        (
            FileSpec.everywhere("{home}/.alpha/mcp.json", "json"),
            FileSpec.everywhere("{project}/.alpha/mcp.json", "json", scope="project"),
        ),
        references="none",
        disable=None,
    ),
    ClientSpec(
        "beta",
        "Beta Code",
        (FileSpec.everywhere("{home}/.config/beta/settings.yaml", "yaml"),),
        references="none",
        disable=None,
    ),
)
