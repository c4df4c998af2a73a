"""MCP320's fix narrows only to a folder the user names, never to home or its parents
(issue 16, point 2). Real Claude Desktop configs in a temp home, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

DESKTOP = ".config/Claude/claude_desktop_config.json"


def _home(home: Path, *roots: str) -> Path:
    (home / "code/app").mkdir(parents=True)
    (home / "Documents").mkdir()
    (home / ".ssh").mkdir()
    cfg = home / DESKTOP
    cfg.parent.mkdir(parents=True)
    args = ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", *roots]
    cfg.write_text(json.dumps({"mcpServers": {"fs": {"command": "npx", "args": args}}}, indent=2))
    return cfg


def _fix(home: Path, *extra: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return run_cli("fix", "--unsafe", "--rule", "MCP320", "--yes", *extra, home=home, cwd=cwd)


def test_without_a_path_nothing_is_narrowed_and_candidates_are_named(isolated_home: Path) -> None:
    home = isolated_home
    cfg = _home(home, "/", str(home / "code/app"))
    before = cfg.read_bytes()
    proc = _fix(home, cwd=home)  # standing in the home directory, as in the report
    assert proc.returncode == 0, proc.stderr
    assert "narrowing needs the folder it should keep: add --path DIR" in proc.stdout
    assert f"candidates: {home / 'code/app'}" in proc.stdout
    assert cfg.read_bytes() == before


def test_home_and_its_parents_are_refused(isolated_home: Path) -> None:
    home = isolated_home
    cfg = _home(home, "/")
    before = cfg.read_bytes()
    for target, why in (
        (home, "is the home directory"),
        (home.parent, "is a parent of the home directory"),
        (home / ".ssh", "is ~/.ssh (credentials), which MCP320 flags too"),
        (home / "nowhere", "is not an existing directory"),
    ):
        proc = _fix(home, "--path", str(target))
        assert proc.returncode == 0, proc.stderr
        assert f"--path refused: {target} {why}" in proc.stdout, proc.stdout
        assert cfg.read_bytes() == before


def test_a_chosen_folder_is_applied_and_the_diff_says_what_is_lost(isolated_home: Path) -> None:
    home = isolated_home
    cfg = _home(home, "~")
    dry = run_cli(
        "fix", "--unsafe", "--rule", "MCP320", "--dry-run", "--path", str(home / "code"), home=home
    )
    assert dry.returncode == 0, dry.stderr
    line = next(x for x in dry.stdout.splitlines() if x.startswith("# MCP320"))
    assert f"from ~ to {home / 'code'}; it will no longer reach" in line
    assert "~/.ssh" in line and "~/Documents" in line
    added = [x for x in dry.stdout.splitlines() if x.startswith("+") and not x.startswith("+++")]
    assert added == [f'+        "{home / "code"}"'], dry.stdout

    proc = _fix(home, "--path", str(home / "code"))
    assert proc.returncode == 0, proc.stderr
    args = json.loads(cfg.read_text())["mcpServers"]["fs"]["args"]
    assert args[-1] == str(home / "code")
    scan = run_cli("scan", "--format", "json", "--fail-on", "never", home=home)
    assert "MCP320" not in {f["rule_id"] for f in json.loads(scan.stdout)["findings"]}
