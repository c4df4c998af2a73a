"""Every report format, over configs full of secrets: no secret appears whole anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpaudit.report import FORMATS, render
from tests.conftest import run_cli
from tests.rules.homes import scan_home, write, write_raw

SECRETS = {
    "gh": "ghp_EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5",
    "openai": "sk-proj-EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2",
    "aws": "AKIA" + "IOSFODNN7EXAMPLE",
    "aws_secret": "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY",
    "slack": "xoxb-" + "123456789012-1234567890123-" + "EXAMPLEa1B2c3D4e5F6g7H8",
    "password": "EXAMPLE-hunter2-pw",
    "query": "EXAMPLEq9w8e7r6t5y4u3",
    "arg": "EXAMPLEa8f7d6s5a4f3d2x",
    "header": "EXAMPLEz1x2c3v4b5n6m7",
    "client_secret": "EXAMPLE_9f8e7d6c5b4a3",
    "script": "EXAMPLEp0o9i8u7y6t5r4",
}


def secret_home(home: Path) -> None:
    s = SECRETS
    write(
        home,
        "cursor",
        {
            "github": {
                "command": "npx",
                "args": ["-y", "@modelcontextprotocol/server-github"],
                "env": {"GITHUB_TOKEN": s["gh"]},
            },
            "aws": {
                "command": "aws-mcp",
                "env": {"AWS_ACCESS_KEY_ID": s["aws"], "AWS_SECRET_ACCESS_KEY": s["aws_secret"]},
            },
            "db": {
                "command": "pg-mcp",
                "args": [f"postgresql://admin:{s['password']}@db.example.com/app"],
            },
            "search": {
                "command": "search-mcp",
                "args": ["--api-key", s["arg"], f"--openai={s['openai']}"],
            },
            "remote": {
                "url": f"http://mcp.example.com/sse?token={s['query']}",
                "headers": {"X-API-Key": s["header"]},
            },
            "boot": {
                "command": "sh",
                "args": ["-c", f"SLACK_TOKEN={s['slack']} API_TOKEN={s['script']} exec slack-mcp"],
            },
        },
    )
    write_raw(
        home,
        ".gemini/settings.json",
        json.dumps(
            {
                "mcpServers": {
                    "x": {
                        "httpUrl": "https://x.example.com/mcp",
                        "oauth": {"clientSecret": s["client_secret"]},
                    }
                }
            }
        ),
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_secret_whole_in_any_format(isolated_home: Path, fmt: str) -> None:
    secret_home(isolated_home)
    result = scan_home(isolated_home)
    # the rules did see the secrets (so the report had them to leak)
    flagged = {f.rule_id for f in result.findings}
    assert {"MCP101", "MCP102", "MCP103", "MCP104", "MCP105"} <= flagged
    output = render(result, fmt)
    leaked = [name for name, secret in SECRETS.items() if secret in output]
    assert leaked == [], f"{fmt} report shows secrets: {leaked}"


def test_no_secret_whole_through_the_cli(isolated_home: Path) -> None:
    secret_home(isolated_home)
    for fmt in sorted(FORMATS):
        proc = run_cli("scan", "--format", fmt, "--fail-on", "never", home=isolated_home)
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout + proc.stderr
        assert [n for n, s in SECRETS.items() if s in text] == [], fmt
