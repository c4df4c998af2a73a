"""`scan --baseline FILE`: only what is new; fingerprints that survive edits and moves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

MCP_JSON = """{
  "mcpServers": {
    "bad": {"command": 42}
  }
}
"""
PADDED = """{
  "mcpServers": {


    "first": {"command": "node", "args": ["a.js"]},
    "second": {"command": "node", "args": ["b.js"]},

    "bad": {"command": 42}
  }
}
"""


def make_project(home: Path, where: str = "proj") -> Path:
    project = home / where
    project.mkdir(parents=True)
    (project / ".mcp.json").write_text(MCP_JSON)
    return project


def scan_json(home: Path, project: Path, *extra: str) -> tuple[int, dict]:
    proc = run_cli("scan", "--format", "json", "--project", str(project), *extra, home=home)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def only(report: dict, rule: str) -> dict:
    (finding,) = [f for f in report["findings"] if f["rule_id"] == rule]
    return finding


def test_fingerprint_survives_lines_inserted_above_the_finding(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    _, before = scan_json(isolated_home, project)
    (project / ".mcp.json").write_text(PADDED)
    _, after = scan_json(isolated_home, project)
    old, new = only(before, "MCP901"), only(after, "MCP901")
    assert (old["location"]["line"], new["location"]["line"]) == (3, 8)
    assert old["fingerprint"] == new["fingerprint"]


def test_fingerprint_is_the_same_in_another_checkout_and_home(
    isolated_home: Path, tmp_path: Path
) -> None:
    project = make_project(isolated_home)
    _, here = scan_json(isolated_home, project)
    other_home = tmp_path / "elsewhere" / "home"
    other_home.mkdir(parents=True)
    moved = other_home / "ci" / "checkout"
    shutil.copytree(project, moved)
    _, there = scan_json(other_home, moved)
    assert only(here, "MCP901")["file"] != only(there, "MCP901")["file"]
    assert only(here, "MCP901")["fingerprint"] == only(there, "MCP901")["fingerprint"]


def test_baseline_reports_only_new_findings(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    baseline = isolated_home / "baseline.json"
    made = run_cli(
        "scan",
        "--project",
        str(project),
        "--format",
        "json",
        "-o",
        str(baseline),
        "--fail-on",
        "never",
        home=isolated_home,
    )
    assert made.returncode == 0
    # An edit above the old finding, and a new problem in another file.
    (project / ".mcp.json").write_text(PADDED)
    (project / ".vscode").mkdir()
    (project / ".vscode" / "mcp.json").write_text('{"servers": {"new": {"command": ["x"]}}}\n')

    code, report = scan_json(
        isolated_home, project, "--baseline", str(baseline), "--fail-on", "low"
    )
    assert code == 1
    assert [(f["rule_id"], f["file"]) for f in report["findings"]] == [
        ("MCP901", str(project / ".vscode" / "mcp.json"))
    ]
    assert [s["source"] for s in report["suppressed"]] == [f"baseline {baseline}"]
    assert any("already in the baseline" in n for n in report["scan"]["notes"])

    # Once the new problem is fixed, CI is quiet again although the old one remains.
    (project / ".vscode" / "mcp.json").write_text('{"servers": {}}\n')
    proc = run_cli(
        "scan",
        "--project",
        str(project),
        "--baseline",
        str(baseline),
        "--fail-on",
        "low",
        home=isolated_home,
    )
    assert proc.returncode == 0, proc.stdout
    assert "0 finding(s)" in proc.stdout


def test_a_sarif_log_works_as_a_baseline(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    sarif = isolated_home / "old.sarif"
    run_cli(
        "scan",
        "--project",
        str(project),
        "--format",
        "sarif",
        "-o",
        str(sarif),
        home=isolated_home,
    )
    code, report = scan_json(isolated_home, project, "--baseline", str(sarif), "--fail-on", "low")
    assert (code, report["findings"]) == (0, [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "not JSON (line 1"),
        ('{"runs": 3}', "not an mcpaudit JSON report or SARIF log"),
        ("[1, 2]", "not an mcpaudit JSON report or SARIF log"),
        ('{"schema_version": "1.0", "findings": [{"rule_id": "MCP901"}]}', "without fingerprints"),
        (None, "not found"),
    ],
)
def test_bad_baseline_is_a_clear_error(
    isolated_home: Path, content: str | None, message: str
) -> None:
    project = make_project(isolated_home)
    path = isolated_home / "baseline.json"
    if content is not None:
        path.write_text(content)
    out = isolated_home / "report.json"
    proc = run_cli(
        "scan",
        "--project",
        str(project),
        "--baseline",
        str(path),
        "-o",
        str(out),
        home=isolated_home,
    )
    assert proc.returncode == 2
    assert f"baseline {path}" in proc.stderr and message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
