"""Calibration: a well-configured setup yields nothing at medium or above, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpaudit.model import Severity
from tests.rules.homes import FORMATS, scan_home, write
from tests.rules.test_secrets_rules import REFERENCES

DIGEST = "ghcr.io/acme/notes-mcp:1.4.2@sha256:" + "ef" * 32
TOP = {"goose": {"GOOSE_MODE": "smart_approve"}, "opencode": {"permission": "ask"}}


def well_configured(home: Path, client: str) -> dict[str, dict]:
    ref = REFERENCES[client]
    env = {"NOTES_TOKEN": ref} if ref else {}
    headers = {"Authorization": f"Bearer {ref}"} if ref else {}
    return {
        "files": {
            "command": "npx",
            "args": [
                "-y",
                "@modelcontextprotocol/server-filesystem@2025.8.21",
                f"{home}/projects/app",
            ],
        },
        "clock": {"command": "uvx", "args": ["mcp-server-time==2025.8.4", "--local-timezone=UTC"]},
        "notes": {
            "command": "docker",
            "args": [
                "run",
                "-i",
                "--rm",
                "--read-only",
                "--network",
                "none",
                "--cap-drop",
                "ALL",
                DIGEST,
            ],
            "env": env,
        },
        "docs": {"url": "https://mcp.example.com/mcp", "headers": headers},
        "design": {"url": "http://127.0.0.1:3845/mcp"},
    }


@pytest.mark.parametrize("client", FORMATS)
def test_well_configured_setup_has_nothing_at_medium_or_above(
    isolated_home: Path, client: str
) -> None:
    path = write(isolated_home, client, well_configured(isolated_home, client), TOP.get(client))
    path.chmod(0o600)
    result = scan_home(isolated_home)
    assert len(result.servers) == 5
    loud = [
        (f.rule_id, f.server, f.severity.value, f.message)
        for f in result.findings
        if f.severity.rank >= Severity.MEDIUM.rank
    ]
    assert loud == []
