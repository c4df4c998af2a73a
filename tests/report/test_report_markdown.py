"""The Markdown report, rendered with GitHub's renderer (cmark-gfm) as a reader sees it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import cmarkgfm

from mcpaudit.model import Severity
from mcpaudit.report import render
from mcpaudit.rules.registry import load_all
from mcpaudit.sanitize import clean
from tests.conftest import run_cli
from tests.report.hostile import (
    EVIL_DESCRIPTION,
    EVIL_NAME,
    EVIL_TOOL,
    hostile_result,
)


def to_html(md: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(md)


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def flat(text: str) -> str:
    return clean(text, keep_newlines=False).replace("\t", " ")


def tables(page: str) -> list[list[list[str]]]:
    """Every table as rows of visible cell texts (header row first)."""
    out = []
    for table in re.findall(r"<table>(.*?)</table>", page, re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        out.append(
            [[visible(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]
        )
    return out


def test_demo_report_command_writes_markdown_with_every_section(isolated_home: Path) -> None:
    out = isolated_home / "report.md"
    proc = run_cli("--demo", "report", "-o", str(out), home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stderr
    md = out.read_text()
    for heading in (
        "# mcpaudit report",
        "## Summary",
        "### By client",
        "## Findings",
        "## Inventory",
        "### Clients and files",
        "### Servers",
        "### Tools",
        "## Scan",
        "### Not scanned",
    ):
        assert f"\n{heading}\n" in f"\n{md}", heading

    report = json.loads(run_cli("--demo", "scan", "--format", "json", home=isolated_home).stdout)
    page = to_html(md)
    assert "<a " not in page and "raw HTML omitted" not in page
    summary = dict(tables(page)[0][1:])
    for sev in Severity:
        assert summary[f"{ICON_TEXT[sev]} {sev.value}"] == str(
            report["summary"]["by_severity"][sev.value]
        )
    # Every finding is shown with its rule, title, remediation and fingerprint.
    for f in report["findings"]:
        assert f["fingerprint"] in md
        assert f"{f['rule_id']} " in visible(page)
    # Every server with a finding has its own section; every server is in the inventory.
    text = visible(page)
    for s in report["servers"]:
        assert clean(s["name"], keep_newlines=False) in text
        if any(f["server_id"] == s["id"] for f in report["findings"]):
            assert f"Server {clean(s['name'], keep_newlines=False)} (" in text
    clients_with_files = [
        c for c in report["clients"] if any(f["status"] != "missing" for f in c["files"])
    ]
    by_client = tables(page)[1]
    assert [row[0] for row in by_client[1:]] == [c["name"] for c in clients_with_files]


ICON_TEXT = {
    Severity.CRITICAL: "🔴",
    Severity.HIGH: "🟠",
    Severity.MEDIUM: "🟡",
    Severity.LOW: "🔵",
    Severity.INFO: "⚪",
}


def test_scan_format_markdown_prints_the_same_report(isolated_home: Path) -> None:
    proc = run_cli(
        "--demo", "scan", "--format", "markdown", "--fail-on", "never", home=isolated_home
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# mcpaudit report\n")


def test_finding_section_has_why_where_evidence_remediation_and_fix(hostile_home: Path) -> None:
    result = hostile_result(hostile_home)
    md = render(result, "markdown")
    page = to_html(md)
    text = visible(page)
    rule = load_all()["MCP901"]
    # Rationale (why it matters) comes from the registry, unwrapped to one paragraph.
    assert "Why it matters: " + " ".join(rule.rationale.split()) in text
    assert "Remediation: " + rule.remediation in text
    assert "One-key fix: no" in text
    bad = next(f for f in result.findings if f.location.pointer == "/mcpServers/bad/command")
    assert bad.location.line == 11
    assert "Where: ~/.cursor/mcp.json, line 11, at /mcpServers/bad/command" in text
    # The evidence is shown verbatim in a code span, never interpreted.
    assert "<code>@evil/pkg|`&lt;b&gt;`</code>" in page
    # The malformed project file is listed as not scanned, with the parser's reason.
    not_scanned = next(t for t in tables(page) if t[0] == ["File", "Status", "Why"])
    assert not_scanned[1][1] == "malformed"
    assert not_scanned[1][0].endswith("dir with space #1/.mcp.json")
    assert "line 3" in not_scanned[1][2]


def test_hostile_config_and_tool_text_cannot_break_the_report(hostile_home: Path) -> None:
    result = hostile_result(hostile_home)
    md = render(result, "markdown")
    # No control characters, bidi overrides or zero-width characters reach the file.
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e\u200b]", md)
    page = to_html(md)
    assert "<a " not in page, "a link was injected"
    assert "<img" not in page and "<script" not in page and "raw HTML omitted" not in page
    assert "<important>" not in page.lower()
    text = visible(page)
    # The hostile texts are shown whole and visibly (escape sequences as placeholders).
    assert f"Server {flat(EVIL_NAME)} (Cursor)" in text
    assert flat(EVIL_DESCRIPTION) in text
    assert "\\x1b[31mred\\nnext" in text
    # Every table keeps its shape: the hostile cells did not add or remove columns.
    for table in tables(page):
        widths = {len(row) for row in table}
        assert len(widths) == 1, table
    servers = next(t for t in tables(page) if t[0][0] == "Server")
    evil_row = next(r for r in servers if r[0] == flat(EVIL_NAME))
    evil_id = next(s.id for s in result.servers if s.name == EVIL_NAME)
    count = sum(1 for f in result.findings if f.server_id == evil_id)
    assert count >= 2  # the finding added here, and the rules' own (npx without a version)
    assert evil_row[1] == "Cursor" and evil_row[5] == str(count)
    tools = next(t for t in tables(page) if t[0] == ["Name", "Kind", "Description"])
    assert tools[1] == [flat(EVIL_TOOL), "tool", flat(EVIL_DESCRIPTION)]
    # Headings: only the report's own (a hostile newline did not start a new one).
    headings = re.findall(r"<h(\d)>(.*?)</h\d>", page)
    assert not any(visible(h).startswith("Heading") for _, h in headings)


def test_empty_home_report_says_nothing_was_found(isolated_home: Path) -> None:
    out = isolated_home / "r.md"
    proc = run_cli("report", "-o", str(out), home=isolated_home)
    assert proc.returncode == 0
    md = out.read_text()
    assert "0 config file(s), 0 server(s), 0 finding(s)" in md
    assert "No MCP client configuration was found" in md
    assert "Live inspection was not run" in md


def test_a_fixable_finding_says_so_in_markdown_and_sarif(hostile_home: Path) -> None:
    import dataclasses

    from mcpaudit.model import Fix

    result = hostile_result(hostile_home)
    target = result.findings[0]
    fix = Fix("pin-version", target.rule_id, "pin <pkg> to 1.2.3 | safely", True, target.file or "")
    fixed = dataclasses.replace(target, fix=fix)
    # exactly one fixable finding (the fix engine proposes fixes for others on its own)
    others = tuple(dataclasses.replace(f, fix=None) for f in result.findings[1:])
    result = dataclasses.replace(result, findings=(fixed, *others))
    text = visible(to_html(render(result, "markdown")))
    assert "One-key fix: yes (safe) — pin <pkg> to 1.2.3 | safely" in text
    assert f"1 of {len(result.findings)} finding(s) have a one-key fix" in text
    sarif = json.loads(render(result, "sarif"))
    props = sarif["runs"][0]["results"][0]["properties"]
    assert props["fix"] == {"description": "pin <pkg> to 1.2.3 | safely", "safe": True}
