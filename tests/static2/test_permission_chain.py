"""MCP304 reads the real permission chain of the programs servers start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.rules.homes import write
from tests.static2.cli import findings, one, scan_json, value_line, where

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _script(path: Path, mode: int = 0o755) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexec true\n")
    path.chmod(mode)
    return path


def test_permission_chain(isolated_home: Path, tmp_path: Path) -> None:
    private = tmp_path / "private"  # under /tmp, but only its owner can enter it
    private.mkdir(mode=0o700)
    ok = _script(private / "server")
    open_bin = isolated_home / "bin"
    bad_dir = _script(open_bin / "server")
    open_bin.chmod(0o777)  # a world-writable ~/bin
    bad_file = _script(isolated_home / "opt" / "mcp" / "server", 0o777)
    sticky = tmp_path / "shared"  # like /tmp itself: 1777, the file is mine
    sticky.mkdir()
    sticky.chmod(0o1777)
    fine_sticky = _script(sticky / "server")
    path = write(isolated_home, "claude-desktop", {
        "private": {"command": str(ok)},
        "bin": {"command": str(bad_dir)},
        "file": {"command": "node", "args": [str(bad_file)]},
        "sticky": {"command": str(fine_sticky)},
        "gone": {"command": "/tmp/mcpaudit-test-cleaned-up/server"},
    })  # fmt: skip
    report = scan_json(isolated_home)
    f = one(report, "MCP304", "bin")
    assert where(f) == ("bin", str(path), value_line(path, str(bad_dir), '"bin"'), "high")
    assert f"{open_bin} is writable by every user" in f["message"]
    f = one(report, "MCP304", "file")
    assert where(f)[3] == "high" and f"{bad_file} is writable by every user" in f["message"]
    f = one(report, "MCP304", "gone")
    assert where(f)[3] == "medium" and "does not exist" in f["message"]
    for server in ("private", "sticky"):
        assert not findings(report, "MCP304", server)
