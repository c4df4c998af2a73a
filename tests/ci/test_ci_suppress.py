"""Suppressions in .mcpaudit.toml / pyproject.toml: by rule, server or fingerprint, with expiry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mcpaudit.report import render
from mcpaudit.rules.registry import load_all
from mcpaudit.scan import ScanOptions, scan
from mcpaudit.suppress import Suppression, SuppressionError, load
from mcpaudit.suppress import apply as apply_suppressions
from tests.conftest import run_cli

MCP_JSON = """{
  "mcpServers": {
    "ok": {"command": "node", "args": ["server.js"]},
    "bad": {"command": 42},
    "worse": {"command": ["x"]}
  }
}
"""


def make_project(home: Path, name: str = "proj") -> Path:
    project = home / name
    project.mkdir()
    (project / ".mcp.json").write_text(MCP_JSON)
    return project


def scan_json(home: Path, project: Path, *extra: str, cwd: Path | None = None) -> dict:
    proc = run_cli(
        "scan", "--format", "json", "--project", str(project), *extra, home=home, cwd=cwd
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def mcp901(report: dict) -> list[str]:
    return sorted(f["location"]["pointer"] for f in report["findings"] if f["rule_id"] == "MCP901")


def test_rule_suppression_hides_findings_and_keeps_them_for_review(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    before = run_cli("scan", "--project", str(project), "--fail-on", "low", home=isolated_home)
    assert before.returncode == 1
    assert mcp901(scan_json(isolated_home, project)) == [
        "/mcpServers/bad/command",
        "/mcpServers/worse/command",
    ]

    (project / ".mcpaudit.toml").write_text(
        '# accepted\n[[suppress]]\nrule = "MCP901"\nreason = "schema checked upstream"\n'
    )
    after = run_cli("scan", "--project", str(project), "--fail-on", "low", home=isolated_home)
    assert after.returncode == 0, after.stdout
    report = scan_json(isolated_home, project)
    assert mcp901(report) == []
    assert sorted(s["rule_id"] for s in report["suppressed"]) == ["MCP901", "MCP901"]
    first = report["suppressed"][0]
    assert first["reason"] == "schema checked upstream"
    assert first["source"] == f"{project / '.mcpaudit.toml'}:2"
    assert first["expires"] is None


def test_fingerprint_suppression_hides_exactly_one_finding(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    report = scan_json(isolated_home, project)
    bad = next(
        f for f in report["findings"] if f["location"]["pointer"] == "/mcpServers/bad/command"
    )
    (project / ".mcpaudit.toml").write_text(
        f'[[suppress]]\nfingerprint = "{bad["fingerprint"]}"\nreason = "tracked in JIRA-1"\n'
    )
    assert mcp901(scan_json(isolated_home, project)) == ["/mcpServers/worse/command"]


def test_pyproject_in_the_current_directory_is_read(isolated_home: Path, tmp_path: Path) -> None:
    project = make_project(isolated_home)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[[tool.mcpaudit.suppress]]\nrule = "MCP90*"\n'
        'reason = "config health is checked elsewhere"\n'
    )
    # The current directory's file speaks only for files under it (issue 20): the
    # project elsewhere keeps its findings, and a note says why.
    report = scan_json(isolated_home, project, cwd=repo)
    assert len(mcp901(report)) == 2
    assert any(f"applies only to files under {repo}" in n for n in report["scan"]["notes"])
    inner = make_project(repo, "inner")
    report = scan_json(isolated_home, inner, cwd=repo)
    assert mcp901(report) == []
    assert report["suppressed"][0]["source"] == f"{repo / 'pyproject.toml'}:4"


def test_explicit_suppressions_file_replaces_discovery(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    (project / ".mcpaudit.toml").write_text('[[suppress]]\nrule = "MCP901"\nreason = "x"\n')
    other = isolated_home / "empty.toml"
    other.write_text("# nothing suppressed here\n")
    report = scan_json(isolated_home, project, "--suppressions", str(other))
    assert len(mcp901(report)) == 2


def test_expired_suppression_stops_suppressing_and_is_reported(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    (project / ".mcpaudit.toml").write_text(
        '[[suppress]]\nrule = "MCP901"\nreason = "until the migration"\nexpires = 2020-01-31\n'
        '\n[[suppress]]\nrule = "MCP902"\nreason = "not relevant"\nexpires = 2999-12-31\n'
    )
    report = scan_json(isolated_home, project)
    assert len(mcp901(report)) == 2  # suppressed no more
    (expired,) = [f for f in report["findings"] if f["rule_id"] == "MCP950"]
    assert expired["file"] == str(project / ".mcpaudit.toml")
    assert expired["location"]["line"] == 1
    assert expired["location"]["pointer"] == "/suppress/0"
    assert "expired on 2020-01-31" in expired["message"]
    assert "until the migration" in expired["message"]
    # The unexpired entry matched nothing: said so, not an error.
    assert any("matched no finding" in n for n in report["scan"]["notes"])


def test_expiry_day_itself_still_suppresses(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    (project / ".mcpaudit.toml").write_text(
        '[[suppress]]\nrule = "MCP901"\nreason = "r"\nexpires = "2026-03-01"\n'
    )
    env = {"HOME": str(isolated_home)}

    def run(today: date):  # type: ignore[no-untyped-def]
        return scan(ScanOptions(env=env, project=project, today=today))

    on_the_day = run(date(2026, 3, 1))
    assert not [f for f in on_the_day.findings if f.rule_id == "MCP901"]
    assert {x.expires for x in on_the_day.suppressed} == {"2026-03-01"}
    day_after = run(date(2026, 3, 2))
    assert len([f for f in day_after.findings if f.rule_id == "MCP901"]) == 2
    assert [f.rule_id for f in day_after.findings if f.rule_id == "MCP950"] == ["MCP950"]
    assert not day_after.suppressed


def test_server_suppression_matches_by_name_and_glob(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    result = scan(ScanOptions(env={"HOME": str(isolated_home)}, project=project, suppressions=()))
    servers = {s.name: s for s in result.servers}
    rule = load_all()["MCP901"]
    findings = [
        rule.finding("a", server=servers["bad"]),
        rule.finding("b", server=servers["worse"]),
        rule.finding("c", file=str(project / ".mcp.json"), pointer=""),  # no server
    ]
    by_name = Suppression("r", "x.toml", server="bad")
    kept, hidden, _ = apply_suppressions(findings, [by_name], date.today())
    assert [f.message for f in kept] == ["b", "c"] and hidden[0].finding.message == "a"
    both = Suppression("r", "x.toml", rule="MCP9*", server="w*")
    kept, hidden, _ = apply_suppressions(findings, [both], date.today())
    assert [f.message for f in kept] == ["a", "c"]
    other_rule = Suppression("r", "x.toml", rule="MCP2*", server="*")
    assert apply_suppressions(findings, [other_rule], date.today())[0] == findings


def test_markdown_lists_suppressed_findings_with_their_reason(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    (project / ".mcpaudit.toml").write_text(
        '[[suppress]]\nrule = "MCP901"\nreason = "pipe | and <b>html</b>"\nexpires = 2999-01-01\n'
    )
    md = render(scan(ScanOptions(env={"HOME": str(isolated_home)}, project=project)), "markdown")
    assert "### Suppressed" in md
    assert "pipe \\| and \\<b\\>html\\</b\\> | 2999-01-01 |" in md


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[suppress]]\nrule = "MCP901"\n', ":1: a suppression needs a `reason`"),
        ('[[suppress]]\nreason = "r"\n', "at least one of `rule`, `server`, `fingerprint`"),
        (
            '[[suppress]]\nrule = "MCP901"\nreason = "r"\nexpire = 2020-01-01\n',
            "unknown key(s) expire",
        ),
        (
            '[[suppress]]\nrule = "MCP901"\nreason = "r"\nexpires = "soon"\n',
            "`expires` must be a date",
        ),
        ("[[suppress]]\nrule = MCP901\n", "not valid TOML"),
        ("suppress = 3\n", "must be an array of tables"),
        ('[[suppress]]\nrule = 901\nreason = "r"\n', "`rule` must be a string"),
    ],
)
def test_bad_suppressions_file_is_a_clear_error(
    isolated_home: Path, content: str, message: str
) -> None:
    project = make_project(isolated_home)
    (project / ".mcpaudit.toml").write_text(content)
    proc = run_cli("scan", "--project", str(project), home=isolated_home)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert str(project / ".mcpaudit.toml") in proc.stderr
    assert "Traceback" not in proc.stderr
    with pytest.raises(SuppressionError):
        load(project / ".mcpaudit.toml")


def test_missing_suppressions_file_is_a_usage_error(isolated_home: Path) -> None:
    proc = run_cli("scan", "--suppressions", "nope.toml", home=isolated_home)
    assert proc.returncode == 2
    assert "--suppressions nope.toml: no such file" in proc.stderr


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("team.toml", '[[suppression]]\nrule = "MCP901"\nreason = "r"\n', "suppression"),
        ("team.toml", 'supress = [{rule = "MCP901", reason = "r"}]\n', "supress"),
        ("pyproject.toml", '[[tool.mcpaudit.supress]]\nrule = "MCP901"\nreason = "r"\n', "supress"),
    ],
)
def test_a_typo_in_a_given_suppressions_files_top_level_is_a_clear_error(
    isolated_home: Path, name: str, content: str, key: str
) -> None:
    """Regression (stop 13): `--suppressions FILE` with `[[suppression]]` suppressed nothing
    and said nothing. Settings keys (fail-on, select…) may share the file."""
    project = make_project(isolated_home)
    given = isolated_home / "elsewhere" / name
    given.parent.mkdir()
    given.write_text(content)
    proc = run_cli(
        "scan", "--project", str(project), "--suppressions", str(given), home=isolated_home
    )
    assert proc.returncode == 2, proc.stdout
    (line,) = proc.stderr.strip().splitlines()
    assert str(given) in line and "unknown " in line and f" {key} " in line, line
    # The same file with the right key works, next to a setting.
    fixed = content.replace(key, "suppress")
    given.write_text(("" if name == "pyproject.toml" else 'fail-on = "high"\n') + fixed)
    report = scan_json(isolated_home, project, "--suppressions", str(given))
    assert mcp901(report) == []


def test_a_broken_pyproject_without_our_table_is_ignored(isolated_home: Path) -> None:
    project = make_project(isolated_home)
    (project / "pyproject.toml").write_text("[project\nname = \n")
    report = scan_json(isolated_home, project)
    assert len(mcp901(report)) == 2


def test_json_report_with_suppressed_findings_matches_its_schema(isolated_home: Path) -> None:
    import jsonschema

    from tests.conftest import REPO

    schema = json.loads((REPO / "mcpaudit" / "schemas" / "report.schema.json").read_text())
    project = make_project(isolated_home)
    (project / ".mcpaudit.toml").write_text(
        '[[suppress]]\nrule = "MCP901"\nreason = "r"\nexpires = 2999-01-01\n'
    )
    report = scan_json(isolated_home, project)
    assert len(report["suppressed"]) == 2
    jsonschema.validate(report, schema)
    report["suppressed"][0]["severity"] = "severe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema)
