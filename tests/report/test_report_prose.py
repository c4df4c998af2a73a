"""Our own prose as a reader sees it (issue 16, point 15): sentences joined properly, and
Markdown's backticks never shown as backticks — code in the Markdown report, dropped in
the text report and `mcpaudit rules`."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli
from tests.report.test_report_markdown import to_html, visible


def test_advisory_message_is_one_sentence_not_a_full_stop_and_a_semicolon(
    isolated_home: Path,
) -> None:
    out = isolated_home / "r.md"
    assert run_cli("--demo", "report", "-o", str(out), home=isolated_home).returncode == 0
    text = visible(to_html(out.read_text()))
    assert "opens the browser; fixed in 0.1.16 [source: bundled advisory table]" in text
    assert ".;" not in text


def test_markdown_remediation_is_code_and_fits_the_client(isolated_home: Path) -> None:
    out = isolated_home / "r.md"
    assert run_cli("--demo", "report", "-o", str(out), home=isolated_home).returncode == 0
    page = to_html(out.read_text())
    remedies = re.findall(r"<strong>Remediation:</strong>(.*?)</li>", page, re.S)
    assert remedies
    for fragment in remedies:
        assert "`" not in visible(fragment), fragment  # every span rendered as code
    desktop = [r for r in remedies if "Claude Desktop passes" in r]
    assert desktop and all("<code>mcpaudit run</code>" in r for r in desktop)


def test_text_outputs_show_no_markdown_backticks(isolated_home: Path) -> None:
    text = run_cli("--demo", "scan", home=isolated_home).stdout
    todo = [line for line in text.splitlines() if line.lstrip().startswith("to do:")]
    assert todo and not [line for line in todo if "`" in line]
    assert "to do: Remove the switch; if a private CA is needed, point the server at it" in text
    rules = run_cli("rules", home=isolated_home).stdout
    assert "`" not in rules
    assert "to do: Move the value out of the file" in rules
