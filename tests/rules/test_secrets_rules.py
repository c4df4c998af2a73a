"""MCP1xx on real files in every config format: rule id, server, file, line, severity."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mcpaudit.model import Severity
from mcpaudit.redact import redact
from tests.rules.homes import FORMATS, line_of, only, scan_home, write, write_raw

GH = "ghp_EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5"
OPENAI = "sk-proj-EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2"


@pytest.mark.parametrize("client", FORMATS)
def test_literal_token_in_env_is_high_at_its_line(isolated_home: Path, client: str) -> None:
    path = write(
        isolated_home,
        client,
        {"github": {"command": "gh-mcp", "args": [], "env": {"GITHUB_TOKEN": GH, "LOG": "warn"}}},
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP101")
    assert (f.server, f.file, f.severity) == ("github", str(path), Severity.HIGH)
    assert f.location.line == line_of(path, GH)
    assert f.location.pointer.endswith("/GITHUB_TOKEN")
    assert GH not in f.evidence and redact(GH) in f.evidence


@pytest.mark.parametrize("client", FORMATS)
def test_literal_bearer_header_is_high(isolated_home: Path, client: str) -> None:
    path = write(
        isolated_home,
        client,
        {
            "api": {
                "url": "https://api.example.com/mcp",
                "headers": {"Authorization": f"Bearer {OPENAI}"},
            }
        },
    )
    f = only(scan_home(isolated_home), "MCP102")
    assert (f.server, f.file, f.severity) == ("api", str(path), Severity.HIGH)
    assert f.location.line == line_of(path, OPENAI)


REFERENCES = {
    "claude-desktop": None,  # no interpolation: a safe config simply has no secret in it
    "vscode": "${input:github-token}",
    "zed": None,
    "gemini-cli": "$GITHUB_TOKEN",
    "codex": None,
    "goose": None,
    "opencode": "{env:GITHUB_TOKEN}",
    "continue": "${{ secrets.GITHUB_TOKEN }}",
}


@pytest.mark.parametrize("client", FORMATS)
def test_references_and_placeholders_are_not_secrets(isolated_home: Path, client: str) -> None:
    env = {"PLACEHOLDER_TOKEN": "<your-token>", "API_KEY": "YOUR_API_KEY", "EMPTY_SECRET": ""}
    ref = REFERENCES[client]
    if ref:
        env["GITHUB_TOKEN"] = ref
    header = {"Authorization": f"Bearer {ref}"} if ref else {}
    write(
        isolated_home,
        client,
        {
            "gh": {"command": "gh-mcp", "args": ["--token-env", "GITHUB_TOKEN"], "env": env},
            "api": {"url": "https://api.example.com/mcp?team=core", "headers": header},
        },
    )
    result = scan_home(isolated_home)
    assert not [f for f in result.findings if f.rule_id.startswith("MCP1")], result.findings


@pytest.mark.parametrize("client", ["cursor", "codex", "goose"])
def test_password_in_url_and_token_in_query(isolated_home: Path, client: str) -> None:
    url = "https://mcp.example.com/sse?api_key=EXAMPLEa8f7d6s5a4f3d2"
    path = write(
        isolated_home,
        client,
        {
            "db": {
                "command": "pg-mcp",
                "env": {"DATABASE_URL": "postgres://app:EXAMPLE-pw@db:5432/x"},
            },
            "remote": {"url": url},
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP103")
    assert (f.server, f.severity, f.location.line) == ("remote", Severity.HIGH, line_of(path, url))
    f = only(result, "MCP101")
    assert f.server == "db" and "EXAMPLE-pw" not in f.evidence


@pytest.mark.parametrize("client", FORMATS)
def test_secret_in_args_flags_the_argument(isolated_home: Path, client: str) -> None:
    path = write(
        isolated_home,
        client,
        {
            "search": {
                "command": "search-mcp",
                "args": ["--port", "8080", "--api-key", "EXAMPLEa8f7d6s5a4f3d2x"],
            }
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP104")
    assert (f.server, f.file, f.severity) == ("search", str(path), Severity.HIGH)
    assert f.location.line == line_of(path, "EXAMPLEa8f7d6s5a4f3d2x")
    assert f.location.pointer.endswith("/command/4" if client == "opencode" else "/args/3")
    assert "EXAMPLEa8f7d6s5a4f3d2x" not in f.evidence


def test_secret_in_args_inline_flag_and_provider_token(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        "cursor",
        {
            "a": {"command": "x", "args": [f"--token={GH}"]},
            "b": {
                "command": "docker",
                "args": ["run", "-i", "-e", f"OPENAI_API_KEY={OPENAI}", "img@sha256:" + "a" * 64],
            },
            "c": {"command": "x", "args": ["--token-file", "/run/secrets/token", "--port", "3000"]},
        },
    )
    result = scan_home(isolated_home)
    assert only(result, "MCP104", "a").location.line == line_of(path, GH)
    assert only(result, "MCP104", "b").location.line == line_of(path, OPENAI)
    assert not [f for f in result.findings if f.server == "c" and f.rule_id == "MCP104"]


def test_secret_elsewhere_in_a_settings_file(isolated_home: Path) -> None:
    text = (
        '{\n  "mcpServers": {\n    "ok": {"command": "x"}\n  },\n'
        '  "oauth": {\n    "clientSecret": "EXAMPLE_9f8e7d6c5b4a3"\n  }\n}\n'
    )
    path = write_raw(isolated_home, ".cursor/mcp.json", text)
    f = only(scan_home(isolated_home), "MCP105")
    assert (f.file, f.location.pointer, f.location.line) == (str(path), "/oauth/clientSecret", 6)
    assert f.severity == Severity.HIGH


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_world_readable_file_with_secret(isolated_home: Path) -> None:
    path = write(isolated_home, "cursor", {"gh": {"command": "x", "env": {"GITHUB_TOKEN": GH}}})
    path.chmod(0o644)
    f = only(scan_home(isolated_home), "MCP110")
    assert (f.file, f.severity, f.location.pointer) == (str(path), Severity.MEDIUM, "")
    path.chmod(0o640)
    assert only(scan_home(isolated_home), "MCP110").severity == Severity.LOW
    path.chmod(0o600)
    assert "MCP110" not in {f.rule_id for f in scan_home(isolated_home).findings}


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_config_writable_by_others(isolated_home: Path) -> None:
    path = write(isolated_home, "cursor", {"ok": {"command": "x"}})
    path.chmod(0o666)
    result = scan_home(isolated_home)
    f = only(result, "MCP111")
    assert (f.file, f.severity) == (str(path), Severity.HIGH)
    path.chmod(0o644)
    path.parent.chmod(0o777)
    try:
        f = only(scan_home(isolated_home), "MCP111")
        assert "folder" in f.message and f.severity == Severity.HIGH
        path.parent.chmod(0o1777)  # sticky: others cannot replace our file
        assert "MCP111" not in {x.rule_id for x in scan_home(isolated_home).findings}
    finally:
        path.parent.chmod(0o755)


def test_literal_fallback_of_a_claude_code_reference(isolated_home: Path) -> None:
    path = write(
        isolated_home,
        "claude-code",
        {
            "ai": {
                "command": "ai-mcp",
                "env": {"OPENAI_API_KEY": "${OPENAI_API_KEY:-" + OPENAI + "}"},
            }
        },
    )
    f = only(scan_home(isolated_home), "MCP101")
    assert (f.server, f.location.line) == ("ai", line_of(path, OPENAI))
    assert OPENAI not in f.evidence
