"""MCP930-931 (invisible and look-alike text in the config) and MCP204 (typosquats)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.rules.homes import FORMATS, write
from tests.static2.cli import findings, one, scan_json, value_line, where

RLO_ARG = "tools/\u202egnp.js"
LOOKALIKE = "@m\u043edelcontextprotocol/server-github@2025.4.8"  # Cyrillic о
SERVERS = {
    "png": {"command": "node", "args": [RLO_ARG]},
    "gh": {"command": "npx", "args": ["-y", LOOKALIKE]},
    "zw": {"command": "uvx", "args": ["mcp-server-time\u200b==2025.8.4"]},
    "squat": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesytem@1.0.0"]},
    "pysquat": {"command": "uvx", "args": ["mcp-sever-git==0.6.2"]},
    "real": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory@2025.4.25"]},
    "uni": {"command": "npx", "args": ["-y", "@acme/notes-mcp@1.0.0"],
            "env": {"GREETING": "Grüße, Ελληνικά, 日本語"}},
}  # fmt: skip


@pytest.mark.parametrize("client", FORMATS)
def test_hidden_and_lookalike_text_in_every_format(isolated_home: Path, client: str) -> None:
    path = write(isolated_home, client, SERVERS)
    report = scan_json(isolated_home)
    f = one(report, "MCP930", "png")
    assert where(f) == ("png", str(path), value_line(path, "tools/", "png"), "high")
    assert "\\u202e" in f["message"] and "displays as 'tools/sj.png'" in f["message"]
    assert f["evidence"] == "tools/\\u202egnp.js"
    assert "\u202e" not in json.dumps(report, ensure_ascii=False)
    f = one(report, "MCP930", "zw")
    assert f["severity"] == "high" and "\\u200b" in f["evidence"]
    f = one(report, "MCP931", "gh")
    assert where(f)[1:] == (str(path), value_line(path, "@m", "gh"), "high")
    assert "cyrillic+latin" in f["message"] and "\\u043e" in f["evidence"]
    f = one(report, "MCP204", "squat")
    assert where(f)[1:] == (
        str(path),
        value_line(path, "@modelcontextprotocol/server-filesy", "squat"),
        "high",
    )
    assert "'@modelcontextprotocol/server-filesystem'" in f["message"]
    assert one(report, "MCP204", "pysquat")["message"].endswith("'mcp-server-git'")
    # Real packages and ordinary non-Latin text are fine.
    for rule in ("MCP930", "MCP931", "MCP204"):
        assert not findings(report, rule, "real") and not findings(report, rule, "uni")


def test_text_and_markdown_show_the_escape_not_the_character(isolated_home: Path) -> None:
    write(isolated_home, "claude-desktop", {"png": SERVERS["png"]})
    for fmt in ("text", "markdown", "sarif"):
        proc = run_cli("scan", "--format", fmt, "--fail-on", "never", home=isolated_home)
        assert "\u202e" not in proc.stdout and "MCP930" in proc.stdout
        assert "u202e" in proc.stdout.lower()
