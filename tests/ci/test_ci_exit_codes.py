"""Exit codes CI relies on: 0 clean, 1 findings at/above --fail-on, 2 usage or fatal errors."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from mcpaudit.cli import main
from mcpaudit.model import Severity
from tests.conftest import REPO, run_cli

THRESHOLDS = ("critical", "high", "medium", "low", "info")


def test_demo_exit_code_follows_fail_on_for_every_threshold(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(run_cli("--demo", "scan", "--format", "json", home=isolated_home).stdout)
    ranks = [Severity(f["severity"]).rank for f in report["findings"]]
    # In-process (same entry point as the console script) to keep the test fast.
    for threshold in THRESHOLDS:
        expected = 1 if any(r >= Severity(threshold).rank for r in ranks) else 0
        assert main(["--demo", "scan", "--fail-on", threshold]) == expected, threshold
    assert main(["--demo", "scan", "--fail-on", "never"]) == 0
    capsys.readouterr()
    default = run_cli("--demo", "scan", home=isolated_home)
    assert default.returncode == (1 if any(r >= Severity.HIGH.rank for r in ranks) else 0)


@pytest.fixture
def low_only(isolated_home: Path) -> Path:
    """A project whose only findings are low (a schema mismatch) and info (a binary file)."""
    project = isolated_home / "p"
    project.mkdir()
    (project / ".mcp.json").write_text('{"mcpServers": {"x": {"command": 1}}}\n')
    (project / ".vscode").mkdir()
    (project / ".vscode" / "mcp.json").write_bytes(b"\x00\x01binary")
    return project


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ("critical", 0),
        ("high", 0),
        ("HIGH", 0),
        ("medium", 0),
        ("low", 1),
        ("info", 1),
        ("never", 0),
    ],
)
def test_fail_on_threshold(isolated_home: Path, low_only: Path, fail_on: str, code: int) -> None:
    proc = run_cli("scan", "--project", str(low_only), "--fail-on", fail_on, home=isolated_home)
    assert proc.returncode == code, proc.stdout
    assert "MCP901" in proc.stdout and "MCP903" in proc.stdout


def test_info_only_fails_only_at_info(isolated_home: Path, low_only: Path) -> None:
    (low_only / ".mcp.json").unlink()
    args = ("scan", "--project", str(low_only))
    assert run_cli(*args, "--fail-on", "low", home=isolated_home).returncode == 0
    assert run_cli(*args, "--fail-on", "info", home=isolated_home).returncode == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("scan", "--fail-on", "severe"), "invalid choice: 'severe'"),
        (("scan", "--format", "html"), "invalid choice: 'html'"),
        (("scan", "--project", "/does/not/exist"), "is not a directory"),
        (("scan", "--config", "missing.json"), "--config missing.json: no such file"),
        (("scan", "missing.json"), "--config missing.json: no such file"),
        (("scan", "--no-discover"), "--no-discover needs at least one config file"),
        (("scan", "-o", "/does/not/exist/report.sarif", "--format", "sarif"), "cannot write"),
    ],
)
def test_usage_and_fatal_errors_exit_2(isolated_home: Path, args: tuple, message: str) -> None:
    proc = run_cli(*args, home=isolated_home)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_discover_audits_only_the_given_files(isolated_home: Path, low_only: Path) -> None:
    # A risky user-level config exists, but --no-discover leaves the home alone.
    (isolated_home / ".cursor").mkdir()
    (isolated_home / ".cursor" / "mcp.json").write_text('{"mcpServers": {"y": {"command": 2}}}')
    proc = run_cli(
        "scan", "--no-discover", "--format", "json", ".mcp.json", home=isolated_home, cwd=low_only
    )
    report = json.loads(proc.stdout)
    assert {f["file"] for f in report["findings"]} == {str(low_only / ".mcp.json")}
    assert [s["name"] for s in report["servers"]] == ["x"]


def test_pre_commit_hook_runs_on_the_project_configs(isolated_home: Path, tmp_path: Path) -> None:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "mcpaudit" and hook["language"] == "python"
    assert hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    repo = tmp_path / "repo"
    files = {
        ".mcp.json": '{"mcpServers": {"x": {"command": 1}}}\n',
        ".cursor/mcp.json": '{"mcpServers": {"ok": {"command": "node", "args": ["s.js"]}}}\n',
        ".vscode/mcp.json": '{"servers": {"v": {"command": ["bad"]}}}\n',
        "sub/.mcp.json": '{"mcpServers": {}}\n',
        "package.json": '{"name": "x"}\n',
        ".vscode/settings.json": "{}\n",
    }
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
    # What pre-commit does: entry + args + the staged files that match `files`.
    staged = sorted(rel for rel in files if pattern.search(rel))
    assert staged == [".cursor/mcp.json", ".mcp.json", ".vscode/mcp.json", "sub/.mcp.json"]
    entry = shlex.split(hook["entry"])
    assert entry[0] == "mcpaudit"
    proc = run_cli(*entry[1:], "--fail-on", "low", *staged, home=isolated_home, cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "MCP901" in proc.stdout and ".vscode/mcp.json" in proc.stdout
    ok = run_cli(*entry[1:], ".cursor/mcp.json", home=isolated_home, cwd=repo)
    assert ok.returncode == 0, ok.stdout
    assert "1 config file(s), 1 server(s), 0 finding(s)" in ok.stdout


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("r.sarif", '{\n  "$schema"'),
        ("r.json", '{\n  "schema_version"'),
        ("r.md", "# mcpaudit"),
        ("r.out", "mcpaudit: "),
    ],
)
def test_output_suffix_picks_the_format(isolated_home: Path, name: str, starts: str) -> None:
    out = isolated_home / name
    proc = run_cli("--demo", "scan", "-o", str(out), "--fail-on", "never", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().startswith(starts)
    # An explicit --format wins over the suffix.
    run_cli("--demo", "scan", "--format", "text", "-o", str(out), home=isolated_home)
    assert out.read_text().startswith("mcpaudit: ")
