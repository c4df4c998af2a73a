"""Items 4 and 5 of issue 20: walks bounded and loop-proof, special files refused, reads
with a deadline. Real symlink loops, a real symlink to `/`, real FIFOs."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from mcpaudit.config.read import ReadError, read_fd
from mcpaudit.walk import Walk, WalkLimits, bounded_glob
from tests.conftest import run_cli

TOKEN = "ghp_" + "Qw3e" * 9


def _claude_logs(home: Path) -> Path:
    projects = home / ".claude" / "projects"
    (projects / "real").mkdir(parents=True)
    (projects / "real" / "s.jsonl").write_text(json.dumps({"text": f"token {TOKEN}"}) + "\n")
    return projects


def test_symlink_to_root_and_loops_under_a_log_folder_end_quickly(isolated_home: Path) -> None:
    projects = _claude_logs(isolated_home)
    (projects / "x").symlink_to("/")  # the issue's own: walked the whole disk before
    (projects / "a").symlink_to(projects / "b")
    (projects / "b").symlink_to(projects / "a")  # two symlinks pointing at each other
    (projects / "self").symlink_to(projects)  # a folder that contains itself
    started = time.monotonic()
    r = run_cli("scan", "--format", "json", "--no-processes", home=isolated_home, timeout=60)
    elapsed = time.monotonic() - started
    assert r.returncode in (0, 1), r.stderr
    assert elapsed < 30, elapsed
    report = json.loads(r.stdout)
    logs = [f for f in report["findings"] if f["rule_id"] == "MCP700"]
    # The real transcript is read once, under its own path only.
    assert [f["file"] for f in logs] == [str(projects / "real" / "s.jsonl")]


def test_bounded_glob_stops_at_its_entry_limit_and_says_so(tmp_path: Path) -> None:
    for i in range(50):
        (tmp_path / f"d{i}").mkdir()
        (tmp_path / f"d{i}" / "f.log").write_text("x")
    found = bounded_glob(str(tmp_path / "**" / "*.log"), WalkLimits(max_entries=60))
    assert found.truncated == "entry limit of 60 reached"
    assert 0 < len(found.paths) < 50
    whole = bounded_glob(str(tmp_path / "**" / "*.log"))
    assert whole.truncated is None and len(whole.paths) == 50


def test_walk_skips_symlinks_out_of_its_root_and_loops(tmp_path: Path) -> None:
    outside = tmp_path / "outside.js"
    outside.write_text("x")
    root = tmp_path / "pkg"
    (root / "lib").mkdir(parents=True)
    (root / "lib" / "a.js").write_text("a")
    (root / "in.js").symlink_to(root / "lib" / "a.js")  # inside: kept
    (root / "out.js").symlink_to(outside)  # outside the root: never read
    (root / "kmsg.js").symlink_to("/proc/self/status")
    (root / "lib" / "up").symlink_to(root)  # a loop
    files = sorted(p.relative_to(root).as_posix() for p in Walk(root).files())
    assert files == ["in.js", "lib/a.js"]


def test_fifo_config_and_fifo_log_are_refused_at_once(isolated_home: Path) -> None:
    proj = isolated_home / "proj"
    proj.mkdir()
    os.mkfifo(proj / ".mcp.json")  # nobody will ever write to it
    logs = isolated_home / ".config" / "Claude" / "logs"
    logs.mkdir(parents=True)
    os.mkfifo(logs / "mcp-server-x.log")
    (isolated_home / ".cursor").mkdir()
    (isolated_home / ".cursor" / "mcp.json").symlink_to("/proc/self/status")
    r = run_cli("scan", "--project", str(proj), "--no-processes", home=isolated_home, timeout=30)
    assert r.returncode in (0, 1), r.stderr
    assert f"{proj / '.mcp.json'} is not a regular file" in r.stdout
    assert "is a special file (/proc/" in r.stdout  # the symlink into /proc


def test_a_read_that_blocks_is_abandoned_at_its_deadline(tmp_path: Path) -> None:
    fifo = tmp_path / "blocks"
    os.mkfifo(fifo)
    # A writer holds the FIFO open and never writes: a blocking read never ends.
    writer = os.open(fifo, os.O_RDWR)  # O_RDWR: opening does not wait for a reader
    reader = os.open(fifo, os.O_RDONLY)
    try:
        started = time.monotonic()
        with pytest.raises(ReadError, match=r"did not finish within 0\.5s"):
            read_fd(reader, 1024, fifo, deadline_s=0.5)
        assert time.monotonic() - started < 3
    finally:
        os.close(writer)
        os.close(reader)
