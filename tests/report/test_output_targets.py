"""`-o` writes where it points: regular files atomically with the umask's mode, symlinks
through to their target, and FIFOs, devices and process substitutions straight into."""

from __future__ import annotations

import json
import os
import shlex
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli


def run_in_bash(script: str, home: Path) -> subprocess.CompletedProcess[str]:
    """A shell line as a user types it: `mcpaudit` is this checkout's CLI."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update({"HOME": str(home), "PYTHONPATH": str(REPO), "NO_COLOR": "1"})
    mcpaudit = f"{shlex.quote(sys.executable)} -m mcpaudit"
    return subprocess.run(
        ["bash", "-c", f'mcpaudit() {{ {mcpaudit} "$@"; }}\n{script}'],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("mask", "mode"), [("022", 0o644), ("027", 0o640), ("077", 0o600)])
def test_a_new_report_gets_the_mode_the_umask_gives(isolated_home, mask, mode):
    proc = run_in_bash(f"umask {mask}; mcpaudit --demo scan -o report.sarif", isolated_home)
    assert proc.returncode == 1, proc.stderr  # the demo has high findings
    report = isolated_home / "report.sarif"
    assert stat.S_IMODE(report.stat().st_mode) == mode
    assert json.loads(report.read_text())["version"] == "2.1.0"


def test_an_existing_report_keeps_its_mode(isolated_home):
    report = isolated_home / "report.json"
    report.write_text("{}")
    report.chmod(0o604)
    proc = run_cli("--demo", "scan", "--fail-on", "never", "-o", str(report), home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o604
    assert json.loads(report.read_text())["summary"]["servers"] > 10


@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlink_is_written_through_and_stays_a_link(isolated_home, dangling):
    real = isolated_home / "reports" / "mcpaudit.md"
    real.parent.mkdir()
    if not dangling:
        real.write_text("old\n")
        real.chmod(0o640)
    link = isolated_home / "latest.md"
    link.symlink_to(Path("reports") / "mcpaudit.md")
    proc = run_cli("--demo", "scan", "--fail-on", "never", "-o", str(link), home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("reports") / "mcpaudit.md")
    assert real.read_text().startswith("# ")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(real.stat().st_mode) == (0o666 & ~mask if dangling else 0o640)
    assert sorted(p.name for p in real.parent.iterdir()) == ["mcpaudit.md"]  # no temp left


def read_fifo(path: Path, sink: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as fh:
            sink.append(fh.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(("fmt", "magic"), [("json", b"{"), ("sqlite", b"SQLite format 3\x00")])
def test_a_fifo_gets_the_report_and_stays_a_fifo(isolated_home, fmt, magic):
    fifo = isolated_home / "report.pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    proc = run_cli(
        "--demo", "scan", "--format", fmt, "--fail-on", "never", "-o", str(fifo), home=isolated_home
    )
    thread.join(30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(magic)
    if fmt == "json":
        assert json.loads(got[0])["summary"]["servers"] > 10


def test_a_process_substitution_gets_the_report(isolated_home):
    proc = run_in_bash(
        "mcpaudit --demo scan --format json --fail-on never -o >(cat > seen.json); wait",
        isolated_home,
    )
    assert proc.returncode == 0, proc.stderr
    seen = isolated_home / "seen.json"
    for _ in range(50):  # bash's `wait` covers the substitution from bash 5.1 on
        if seen.exists() and seen.stat().st_size:
            break
        threading.Event().wait(0.1)
    assert json.loads(seen.read_text())["summary"]["servers"] > 10


def test_a_character_device_is_written_into_not_replaced(isolated_home):
    """/dev/null as root was once replaced by a regular file. A private copy of the device
    (root only) keeps the machine's own /dev/null out of harm's way."""
    null = isolated_home / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("making a device node needs root")
    proc = run_cli("--demo", "scan", "--fail-on", "never", "-o", str(null), home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [p.name for p in isolated_home.iterdir() if p.name.startswith(".null")] == []


def test_a_directory_is_a_clear_error(isolated_home):
    proc = run_cli("--demo", "scan", "-o", str(isolated_home), home=isolated_home)
    assert proc.returncode == 2
    assert f"cannot write {isolated_home}: is a directory" in proc.stderr
