"""The bundled advisory table: built by a script from public records, every entry sound."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mcpaudit.advisories import advisories, in_range
from tests.conftest import REPO
from tests.rules.homes import write
from tests.static2.cli import findings, one, scan_json, where

TABLE = json.loads((REPO / "mcpaudit/data/advisories.json").read_text())["advisories"]


@pytest.mark.parametrize("entry", TABLE, ids=[e["id"] for e in TABLE])
def test_every_entry_parses_and_matches_its_examples(entry: dict) -> None:
    for key in ("id", "ecosystem", "package", "affected", "severity", "summary", "url"):
        assert entry[key], key
    assert entry["url"].startswith("https://")
    assert entry["severity"] in ("critical", "high", "medium", "low")
    eco, rng = entry["ecosystem"], entry["affected"]
    assert in_range(eco, rng, entry["examples"]["affected"])
    clean = entry["examples"]["not_affected"]
    if clean is None:  # a malicious package with no clean release: nothing to upgrade to
        assert entry.get("malicious") or entry["id"].startswith("MAL-")
        assert not entry.get("fixed")
    else:
        assert not in_range(eco, rng, clean)
    if entry.get("fixed"):
        assert not in_range(eco, rng, entry["fixed"])


def test_table_is_what_the_build_script_makes() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/build_advisories.py", "--check"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(advisories()) == len(TABLE) >= 60
    assert len({a.id for a in advisories()}) == len(TABLE)


def test_malicious_release_is_critical_pinned_or_not(isolated_home: Path) -> None:
    path = write(isolated_home, "claude-desktop", {
        "pinned": {"command": "npx", "args": ["-y", "postmark-mcp@1.0.16"]},
        "floating": {"command": "npx", "args": ["-y", "postmark-mcp"]},
        "older": {"command": "npx", "args": ["-y", "postmark-mcp@1.0.15"]},
        "sdk": {"command": "uvx", "args": ["mcp==1.22.0"]},
    })  # fmt: skip
    report = scan_json(isolated_home)
    for server in ("pinned", "floating"):
        f = one(report, "MCP210", server)
        assert (f["server"], f["location"]["path"], f["severity"]) == (
            server,
            str(path),
            "critical",
        )
        assert "malicious release" in f["message"]
    assert not [
        f for f in report["findings"] if f["server"] == "older" and f["rule_id"] == "MCP210"
    ]
    sdk = [f for f in findings(report, "MCP210", "sdk") if "GHSA-9h52-p55h-vw2f" in f["message"]]
    assert [where(f)[3] for f in sdk] == ["high"]
