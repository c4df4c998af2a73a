"""The TUI's view model: filters, sorting and display paths, without Textual."""

from __future__ import annotations

from pathlib import Path

from mcpaudit.model import Severity
from mcpaudit.tui.view import (
    FindingFilter,
    Scope,
    display_path,
    filter_findings,
    safe_fixes,
    severity_counts,
    sort_findings,
)
from tests.tui.sample import sample_result


def test_display_path_shortens_the_audited_home_only(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    assert display_path(f"{home}/.cursor/mcp.json", home) == "~/.cursor/mcp.json"
    assert display_path(f"{home}2/x.json", home) == f"{home}2/x.json"
    assert display_path("/etc/\x1b[2Jx", home) == "/etc/\\x1b[2Jx"


def test_filters_combine_scope_severity_and_search(tmp_path: Path) -> None:
    result = sample_result(tmp_path / "home")
    gh = next(s for s in result.servers if s.name == "github")
    rules = lambda flt: [f.rule_id for f in filter_findings(result.findings, flt)]  # noqa: E731
    assert rules(FindingFilter()) == ["MCP101", "MCP320", "MCP201", "MCP401"]
    assert rules(FindingFilter(scope=Scope(server_id=gh.id))) == ["MCP101", "MCP201"]
    assert rules(FindingFilter(min_severity=Severity.HIGH)) == ["MCP101", "MCP320"]
    assert rules(FindingFilter(query="FILESYSTEM")) == ["MCP320"]
    assert rules(FindingFilter(query="unpinned", scope=Scope(server_id=gh.id))) == ["MCP201"]
    assert rules(FindingFilter(scope=Scope(file=gh.file))) == [
        "MCP101",
        "MCP320",
        "MCP201",
        "MCP401",
    ]


def test_severity_floor_cycles_back_to_everything() -> None:
    flt = FindingFilter()
    seen = []
    for _ in range(5):
        flt = flt.next_severity()
        seen.append(flt.min_severity)
    assert seen == [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, None]


def test_sort_and_counts(tmp_path: Path) -> None:
    result = sample_result(tmp_path / "home")
    assert [f.rule_id for f in sort_findings(result.findings, "rule")] == [
        "MCP101",
        "MCP201",
        "MCP320",
        "MCP401",
    ]
    by_sev = sort_findings(result.findings, "severity", reverse=True)
    assert by_sev[0].severity == Severity.LOW
    assert severity_counts(result.findings)[Severity.CRITICAL] == 1
    assert [f.fix.id for f in safe_fixes(result.findings)] == ["fix-pin"]
