"""Settings in .mcpaudit.toml / [tool.mcpaudit], with ruff's precedence: CLI > project > user."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpaudit.cli import build_parser
from mcpaudit.commands.configure import apply_settings
from mcpaudit.settings import load
from tests.conftest import run_cli

# Findings of this project: MCP101 (high, gh), MCP110 (medium), MCP201 (medium, fs),
# MCP610 (medium, gh), MCP210 (low, fs).
MCP_JSON = {
    "mcpServers": {
        "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]},
        "gh": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-github@1.0.0"],
            "env": {"GITHUB_TOKEN": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"},
        },
    }
}
QUIET = ("--no-logs", "--no-processes", "--no-source")


def project(home: Path, settings: str | None = None, pyproject: str | None = None) -> Path:
    root = home / "proj"
    root.mkdir(exist_ok=True)
    (root / ".mcp.json").write_text(json.dumps(MCP_JSON))
    if settings is not None:
        (root / ".mcpaudit.toml").write_text(settings)
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject)
    return root


def scan(home: Path, root: Path, *args: str):
    return run_cli("scan", *QUIET, *args, home=home, cwd=root)


def rule_ids(proc) -> list[str]:
    return sorted({f["rule_id"] for f in json.loads(proc.stdout)["findings"]})


def test_fail_on_from_the_project_file_and_the_flag_wins(isolated_home):
    root = project(isolated_home, 'fail-on = "never"\n')
    assert scan(isolated_home, root).returncode == 0  # a high finding, but fail-on never
    assert scan(isolated_home, root, "--fail-on", "high").returncode == 1
    (root / ".mcpaudit.toml").write_text('fail-on = "low"\nselect = ["MCP210"]\n')
    assert scan(isolated_home, root).returncode == 1  # only the low finding is left


def test_select_and_ignore_by_id_prefix_glob_and_category(isolated_home):
    root = project(isolated_home, pyproject='[tool.mcpaudit]\nselect = ["MCP2", "toxic_flow"]\n')
    proc = scan(isolated_home, root, "--format", "json")
    assert rule_ids(proc) == ["MCP201", "MCP210", "MCP610"]
    (root / "pyproject.toml").write_text(
        '[tool.mcpaudit]\nselect = ["MCP*"]\nignore = ["config_permissions", "MCP6?0"]\n'
    )
    assert rule_ids(scan(isolated_home, root, "--format", "json")) == ["MCP101", "MCP201", "MCP210"]
    # The flags replace the file's lists (as ruff's --select does).
    proc = scan(isolated_home, root, "--format", "json", "--select", "MCP101,MCP110")
    assert rule_ids(proc) == ["MCP101"]  # MCP110 is still ignored by the file
    proc = scan(isolated_home, root, "--format", "json", "--select", "MCP1", "--ignore", "MCP101")
    assert rule_ids(proc) == ["MCP110"]


def test_format_from_settings_unless_the_flag_or_the_file_name_says(isolated_home):
    root = project(isolated_home, 'format = "json"\nfail-on = "never"\n')
    assert json.loads(scan(isolated_home, root).stdout)["summary"]["servers"] == 2
    assert scan(isolated_home, root, "--format", "text").stdout.lstrip()[:1] != "{"
    proc = scan(isolated_home, root, "-o", "out.sarif")
    assert json.loads((root / "out.sarif").read_text())["version"] == "2.1.0", proc.stderr


def test_user_file_applies_only_without_a_project_file(isolated_home):
    user = isolated_home / ".config" / "mcpaudit" / "mcpaudit.toml"
    user.parent.mkdir(parents=True)
    user.write_text('fail-on = "never"\nignore = ["MCP101"]\n')
    root = project(isolated_home)
    proc = scan(isolated_home, root, "--format", "json", "-v")
    assert proc.returncode == 0 and "MCP101" not in rule_ids(proc)
    assert f"settings from {user}" in proc.stderr
    # A project file wins whole: the user's ignore list does not leak into it.
    (root / ".mcpaudit.toml").write_text('fail-on = "high"\n')
    proc = scan(isolated_home, root, "--format", "json", "-v")
    assert proc.returncode == 1 and "MCP101" in rule_ids(proc)
    assert f"settings from {root / '.mcpaudit.toml'}" in proc.stderr


def test_settings_and_suppressions_share_the_file(isolated_home):
    root = project(
        isolated_home,
        'fail-on = "medium"\n\n[[suppress]]\nrule = "MCP1*"\nreason = "test tokens only"\n',
    )
    proc = scan(isolated_home, root, "--format", "json")
    assert proc.returncode == 1  # the medium MCP201 is left
    report = json.loads(proc.stdout)
    assert "MCP101" not in rule_ids(proc)
    assert {s["rule_id"] for s in report["suppressed"]} == {"MCP101", "MCP110"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('fail_on = "high"\n', "unknown setting(s) fail_on"),
        ("[[suppression]]\nrule = 'MCP901'\n", "unknown setting(s) suppression"),
        ('fail-on = "severe"\n', "fail-on must be one of critical, high"),
        ('format = "pdf"\n', "format must be one of text, json"),
        ("timeout = -1\n", "timeout must be a positive number"),
        ('select = ["MCP9999"]\n', "'MCP9999' is no rule id, prefix or category"),
        ('ignore = "MCP101"\nselect = [1]\n', "select must be a list of strings"),
        ("fail-on = \n", "not valid TOML"),
    ],
)
def test_a_bad_settings_file_is_a_clear_error(isolated_home, content, message):
    root = project(isolated_home, content)
    proc = scan(isolated_home, root)
    assert proc.returncode == 2
    assert message in proc.stderr and str(root / ".mcpaudit.toml") in proc.stderr
    assert "Traceback" not in proc.stderr


def test_live_timeout_and_walk_roots_come_from_the_file(isolated_home, monkeypatch):
    root = project(isolated_home, 'timeout = 42\nwalk = ["~/code", "src"]\n')
    monkeypatch.chdir(root)
    args = build_parser().parse_args(["scan", "--live"])
    args.walk = []  # what `--walk` (laptop-wide discovery) gives when not used
    apply_settings(args)
    assert args.timeout == 42.0
    assert args.walk == [isolated_home / "code", root / "src"]
    args = build_parser().parse_args(["scan", "--live", "--timeout", "3"])
    apply_settings(args)
    assert args.timeout == 3.0 and args.fail_on == "high"
    assert load(root / ".mcpaudit.toml").walk == (isolated_home / "code", root / "src")


def test_quiet_and_verbose(isolated_home):
    root = project(isolated_home, 'fail-on = "never"\n')
    loud = scan(isolated_home, root, "-o", "r.json", "--verbose")
    assert "wrote r.json" in loud.stderr and "settings from" in loud.stderr
    assert "config file(s) read, 2 server(s)" in loud.stderr
    quiet = scan(isolated_home, root, "-o", "r.json", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    both = scan(isolated_home, root, "-q", "-v")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def test_the_readme_settings_example_loads(tmp_path):
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    import re

    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", text, re.S) if "fail-on" in b]
    (tmp_path / ".mcpaudit.toml").write_text(block)
    from mcpaudit.commands.configure import _known_rules

    settings = load(tmp_path / ".mcpaudit.toml", *_known_rules())
    assert settings.fail_on == "medium" and settings.format == "sarif"
    assert settings.timeout == 30.0 and settings.select and settings.ignore
