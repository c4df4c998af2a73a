"""A fix to a project file inside a git repository says so in its diff header."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.projects.homes import TOKEN, server, write


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_fix_preview_names_the_repository(isolated_home: Path) -> None:
    repo = isolated_home / "code" / "app"
    write(repo / ".mcp.json", {"mcpServers": {"gh": server()}})
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    write(isolated_home / ".claude.json", {"projects": {str(repo): {}}})
    out = run_cli("fix", "--dry-run", "--unsafe", "--no-processes", home=isolated_home)
    assert out.returncode == 0, out.stderr
    assert f"{repo / '.mcp.json'} is inside the git repository {repo}" in out.stdout
    assert TOKEN not in out.stdout
    # A file outside any repository gets no such line.
    plain = isolated_home / ".cursor" / "mcp.json"
    write(plain, {"mcpServers": {"cur": server()}})
    out = run_cli("fix", "--dry-run", "--unsafe", "--no-processes", home=isolated_home)
    assert f"{plain} is inside" not in out.stdout
