"""URL credentials are read by RFC 3986 / urllib rules on the raw value (issue 16, point 11):
`$`, quotes, `;` or a backtick in the password do not hide it. Through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

PASSWORDS = ["p4ss$word", 'p4ss"wo;rd', "it's;s3cret", "s3cr3t`x9"]


@pytest.mark.parametrize("password", PASSWORDS)
def test_password_in_a_url_is_found_and_redacted(isolated_home: Path, password: str) -> None:
    url = f"postgresql://admin:{password}@db.example.com:5432/app"
    cfg = isolated_home / ".cursor/mcp.json"
    cfg.parent.mkdir()
    cfg.write_text(
        json.dumps({"mcpServers": {"db": {"command": "pg-mcp", "env": {"DATABASE_URL": url}}}})
    )
    proc = run_cli("scan", "--format", "json", "--fail-on", "never", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    found = [f for f in json.loads(proc.stdout)["findings"] if f["rule_id"].startswith("MCP10")]
    assert found and found[0]["server"] == "db", proc.stdout
    assert password not in proc.stdout


@pytest.mark.parametrize("ref", ["${DB_PASS}", "$DB_PASS", "${env:DB_PASS}"])
def test_a_reference_in_the_password_is_not_a_secret(isolated_home: Path, ref: str) -> None:
    cfg = isolated_home / ".cursor/mcp.json"
    cfg.parent.mkdir()
    url = f"postgresql://admin:{ref}@db.example.com/app"
    cfg.write_text(json.dumps({"mcpServers": {"db": {"command": "x", "env": {"DB_URL": url}}}}))
    proc = run_cli("scan", "--format", "json", "--fail-on", "never", home=isolated_home)
    rules = {f["rule_id"] for f in json.loads(proc.stdout)["findings"]}
    assert not rules & {"MCP101", "MCP103", "MCP105"}, rules
