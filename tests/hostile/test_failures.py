"""Item 6 of issue 20: a part of the scan that fails is one clean line; the rest goes on.

Exit 2 (with a one-line reason) is for a scan that could not complete; a crash in one
file, rule or provider becomes a finding or a note.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcpaudit.cli import main
from mcpaudit.model import Finding, Severity
from mcpaudit.rules import registry
from tests.conftest import run_cli


def _npx_project(home: Path) -> Path:
    proj = home / "proj"
    proj.mkdir()
    servers = {"a": {"command": "npx", "args": ["-y", "some-mcp"]}}
    (proj / ".mcp.json").write_text(json.dumps({"mcpServers": servers}))
    return proj


def test_hostile_package_json_in_the_npx_cache_is_not_a_traceback(isolated_home: Path) -> None:
    proj = _npx_project(isolated_home)
    pkg = isolated_home / ".npm" / "_npx" / "abc" / "node_modules" / "some-mcp"
    pkg.mkdir(parents=True)
    (pkg / "package.json").write_text("[" * 5000 + "]" * 5000)  # 5,000 deep
    r = run_cli("fix", "--dry-run", "--unsafe", "--project", str(proj), home=isolated_home)
    assert "Traceback" not in r.stderr and "RecursionError" not in r.stderr, r.stderr
    assert r.returncode in (0, 2), r.stderr
    scan = run_cli("scan", "--project", str(proj), home=isolated_home)
    assert scan.returncode == 0 and scan.stderr == ""
    assert "MCP201" in scan.stdout  # the unpinned npx server is still reported


def test_a_crashing_rule_is_one_line_and_the_other_rules_still_report(
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    proj = _npx_project(isolated_home)
    monkeypatch.chdir(isolated_home)

    def broken(ctx: registry.RuleContext, r: registry.Rule) -> Iterator[Finding]:
        yield r.finding("found before the crash", file=str(proj / ".mcp.json"))
        raise RecursionError("maximum recursion depth exceeded")

    rules = dict(registry.load_all())
    rules["MCP999"] = registry.Rule(
        "MCP999", "broken", "malformed_config", Severity.LOW, "Broken", "r", "", broken
    )
    monkeypatch.setattr(registry, "RULES", rules)
    code = main(["scan", "--project", str(proj), "--no-processes"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == "mcpaudit: rule MCP999 failed: RecursionError: maximum recursion depth exceeded\n"
    assert "MCP201" in out and "found before the crash" in out


def test_a_scan_that_cannot_complete_exits_2_with_one_line(
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(isolated_home)

    def boom(*args: object, **kwargs: object) -> None:
        raise MemoryError("no memory left \x1b[2J")

    monkeypatch.setattr("mcpaudit.commands.scan.scan", boom)
    code = main(["scan"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    reason = "MemoryError: no memory left \\x1b[2J"
    assert err == f"mcpaudit: error: the scan could not complete: {reason}\n"
