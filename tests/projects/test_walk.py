"""`scan --walk DIR`: project configs under code folders, bounded, symlinks not followed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import run_cli
from tests.projects.homes import server, write


def walk_json(home: Path, *roots: Path) -> dict:  # type: ignore[type-arg]
    out = run_cli(
        "scan", "--format", "json", "--no-processes", "--no-logs", "--fail-on", "never",
        "--no-projects", "--walk", *map(str, roots), home=home,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_walk_finds_cloned_repositories_and_skips_what_it_should(
    isolated_home: Path, tmp_path: Path
) -> None:
    code = isolated_home / "code"
    write(code / "cloned" / ".mcp.json", {"mcpServers": {"fresh": server()}})
    write(code / "org" / "svc" / ".vscode" / "mcp.json", {"servers": {"nested": server()}})
    write(code / "cloned" / "node_modules" / "dep" / ".mcp.json", {"mcpServers": {"dep": {}}})
    write(code / "cloned" / ".git" / "x" / ".mcp.json", {"mcpServers": {"git": {}}})
    venv = code / "env1"
    write(venv / "pyvenv.cfg", "home = /usr/bin\n")
    write(venv / "lib" / ".mcp.json", {"mcpServers": {"venv": {}}})
    outside = tmp_path / "outside"
    write(outside / ".mcp.json", {"mcpServers": {"outside": {}}})
    (code / "link-out").symlink_to(outside, target_is_directory=True)
    (code / "org" / "loop").symlink_to(code, target_is_directory=True)
    deep = code.joinpath(*[f"d{i}" for i in range(9)])
    write(deep / ".mcp.json", {"mcpServers": {"too-deep": {}}})
    write(code / "team.code-workspace", {"folders": [{"path": "org/svc"}]})

    report = walk_json(isolated_home, code)
    servers = {s["name"]: s for s in report["servers"]}
    assert servers["fresh"]["project"] == str(code / "cloned")
    assert servers["fresh"]["file"] == str(code / "cloned" / ".mcp.json")
    assert servers["fresh"]["line"] == 3
    assert servers["nested"]["client"] == "vscode"
    for name in ("dep", "git", "venv", "outside", "too-deep"):
        assert name not in servers
    projects = {p["path"]: p for p in report["projects"]}
    assert projects[str(code / "cloned")]["found_by"] == ["walk"]
    # Named by the walk and by the workspace file the walk found: one entry.
    assert set(projects[str(code / "org" / "svc")]["found_by"]) == {"walk", "walk:code-workspace"}
    assert str(outside) not in projects
    notes = "\n".join(report["scan"]["notes"])
    assert "symlink (not followed)" in notes
    assert "dependency, VCS, venv or cache folder" in notes
    assert "deeper than 6 levels" in notes
    assert "2 project folder(s) with MCP configs" in notes


def test_walk_of_an_unreadable_folder_is_a_note(isolated_home: Path) -> None:
    code = isolated_home / "code"
    write(code / "ok" / ".cursor" / "mcp.json", {"mcpServers": {"cur": server()}})
    locked = code / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        report = walk_json(isolated_home, code)
    finally:
        locked.chmod(0o755)
    assert {s["name"] for s in report["servers"]} == {"cur"}
    if os.geteuid() != 0:  # root reads any folder
        assert "unreadable" in "\n".join(report["scan"]["notes"])


def test_walk_root_that_is_not_a_directory_is_a_usage_error(isolated_home: Path) -> None:
    out = run_cli("scan", "--walk", str(isolated_home / "nope"), home=isolated_home)
    assert out.returncode == 2
    assert "--walk" in out.stderr and "not a directory" in out.stderr
