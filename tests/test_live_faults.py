"""Issue 19: a hostile server against the real CLI. Each test failed before the fix.

A double-forking server, a gzip bomb over loopback HTTP, a server writing to
/proc/$PPID/fd/1 under a real pty, a config that refers to a variable set in mcpaudit's
own environment. `nothing_left_running` (tests/conftest.py) checks after each of them
that no process of the server is left.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.conftest import REPO, run_cli
from tests.live_helpers import findings_by, loopback_server, stdio_entry, write_cursor


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def test_a_double_forking_server_leaves_no_process_behind(isolated_home: Path) -> None:
    marker = f"mcpaudit-escape-{uuid.uuid4().hex}"
    pidfile = isolated_home / "grandchild.pid"
    write_cursor(isolated_home, {"escape": stdio_entry("double_fork.py", str(pidfile), marker)})
    proc = run_cli("scan", "--live", "--format", "json", "--timeout", "3", home=isolated_home)
    report = json.loads(proc.stdout)
    grandchild = int(pidfile.read_text())
    assert not _alive(grandchild), "the grandchild outlived mcpaudit"
    (finding,) = findings_by(report, "MCP508")
    assert finding["server"] == "escape" and finding["severity"] == "medium"
    assert f"pid {grandchild}" in finding["message"] and "killed" in finding["message"]
    assert not [p for p in psutil.process_iter(["cmdline"]) if marker in str(p.info["cmdline"])]


@pytest.fixture
def bomb_url() -> Iterator[str]:
    """A loopback server whose every answer is 256 KiB of gzip inflating to 256 MiB."""
    with loopback_server("http_bomb.py", "256") as port:
        yield f"http://127.0.0.1:{port}/mcp"


def _cli_with_peak(home: Path, *args: str) -> tuple[dict, float]:
    """Run the CLI; its JSON report and its peak RSS in MB (from wait4)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(REPO), NO_COLOR="1")
    out = home / "report.json"
    with out.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "mcpaudit", *args],
            env=env,
            stdout=sink,
            stderr=subprocess.DEVNULL,
        )
        _, _, usage = os.wait4(child.pid, 0)
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return json.loads(out.read_text()), peak


def test_a_gzip_bomb_is_cut_at_the_cap_as_a_flood(isolated_home: Path, bomb_url: str) -> None:
    write_cursor(isolated_home, {"bomb": {"url": bomb_url}})
    started = time.perf_counter()
    report, peak = _cli_with_peak(
        isolated_home, "scan", "--live", "--format", "json", "--timeout", "20"
    )
    elapsed = time.perf_counter() - started
    (failed,) = findings_by(report, "MCP509")
    assert failed["server"] == "bomb"
    assert "flood" in failed["message"] and "more than 33554432 bytes" in failed["message"]
    # The 1 GiB inflation would take GBs; the < 200 MB target is a benchmark row
    # (benchmarks/bench_containment.py), this bound only proves the body was never inflated whole.
    assert peak < 400, f"peak RSS {peak:.0f} MB"
    assert elapsed < 15, elapsed  # stopped by the cap, not by the time limit


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]


AWS_SECRET = "EXAMPLEwJalrXUtnFEMI/K7MDENG/bPxRfiCYKEY"
GITHUB_SECRET = "ghp_EXAMPLE0123456789abcdefghijklmnopqrst"


def test_a_config_cannot_take_mcpaudits_environment(isolated_home: Path) -> None:
    """A cloned repository's config asks for the user's secrets: by default the server gets
    the reference text; only `--pass-env NAME` hands it the real value."""
    entry = stdio_entry(
        "arg_echo.py", "--x=${AWS_SECRET_ACCESS_KEY}", env={"SERVICE_TOKEN": "${env:GH_TOKEN}"}
    )
    write_cursor(isolated_home, {"stranger": entry})
    env = {"AWS_SECRET_ACCESS_KEY": AWS_SECRET, "GH_TOKEN": GITHUB_SECRET}
    args = ("scan", "--live", "--format", "json", "--timeout", "30", "--fail-on", "never")

    proc = run_cli(*args, home=isolated_home, env=env)
    (server,) = json.loads(proc.stdout)["servers"]
    (tool,) = server["tools"]
    assert tool["name"] == (
        f"args_{_digest('--x=${AWS_SECRET_ACCESS_KEY}')}_token_{_digest('${env:GH_TOKEN}')}"
    )
    assert AWS_SECRET not in proc.stdout + proc.stderr

    proc = run_cli(*args, "--pass-env", "stranger", home=isolated_home, env=env)
    (server,) = json.loads(proc.stdout)["servers"]
    (tool,) = server["tools"]
    assert tool["name"] == f"args_{_digest('--x=' + AWS_SECRET)}_token_{_digest(GITHUB_SECRET)}"


def test_the_consent_view_lists_the_variables_a_config_asks_for(isolated_home: Path) -> None:
    from mcpaudit.inspect import InspectOptions, describe_launch
    from mcpaudit.scan import ScanOptions, scan

    entry = stdio_entry("arg_echo.py", "--x=${AWS_SECRET_ACCESS_KEY}", "--home=${HOME}")
    entry["env"] = {"SERVICE_TOKEN": "${env:GH_TOKEN}", "MODE": "${MODE:-test}"}
    write_cursor(isolated_home, {"stranger": entry})
    (server,) = scan(ScanOptions()).servers
    env = {"HOME": str(isolated_home), "AWS_SECRET_ACCESS_KEY": AWS_SECRET, "MODE": "prod"}
    shown = "\n".join(describe_launch(server, InspectOptions(env=env)).display_lines())
    assert (
        "from your environment: AWS_SECRET_ACCESS_KEY, GH_TOKEN, MODE, passed as placeholders "
        "(--pass-env stranger passes the real values)"
    ) in shown
    passing = InspectOptions(env=env, pass_env=("stranger",))
    shown = "\n".join(describe_launch(server, passing).display_lines())
    assert "from your environment (--pass-env): AWS_SECRET_ACCESS_KEY, GH_TOKEN, MODE" in shown
    assert AWS_SECRET not in shown


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_a_server_cannot_write_to_the_terminal_through_proc(isolated_home: Path) -> None:
    """Under a real pty: a server opening /proc/$PPID/fd/1 gets EACCES, and no raw ESC
    reaches the terminal."""
    import shutil

    argv = [sys.executable, "-m", "mcpaudit", "scan", "--live", "--timeout", "20"]
    if os.geteuid() == 0:  # root's CAP_SYS_PTRACE opens any /proc entry: run as a user would
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv to drop CAP_SYS_PTRACE")
        argv = ["setpriv", "--bounding-set", "-sys_ptrace", *argv]
    result = isolated_home / "tty-writer.txt"
    write_cursor(isolated_home, {"writer": stdio_entry("tty_writer.py", str(result))})
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(isolated_home), PYTHONPATH=str(REPO), NO_COLOR="1", TERM="xterm")
    master, slave = os.openpty()
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen = bytearray()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer closed the pty
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert child.wait(10) in (0, 1)
    assert b"MCP509" in seen  # the scan did run and report the server
    assert result.read_text().startswith("1=denied:13 2=denied:13")
    assert b"\x1b" not in seen, seen[:300]


def _sandbox_missing() -> str | None:
    from mcpaudit.inspect.sandbox import sandbox_unavailable_reason

    return sandbox_unavailable_reason()


@pytest.mark.skipif(_sandbox_missing() is not None, reason="needs bubblewrap")
def test_under_sandbox_the_pid_namespace_takes_everything_down(isolated_home: Path) -> None:
    """--sandbox: the double-forked grandchild lives in bubblewrap's PID namespace, and
    goes when the namespace does."""
    marker = f"mcpaudit-escape-{uuid.uuid4().hex}"
    entry = stdio_entry("double_fork.py", str(isolated_home / "gc.pid"), marker)
    write_cursor(isolated_home, {"escape": entry})
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(isolated_home), PYTHONPATH=str(REPO), NO_COLOR="1")
    argv = [sys.executable, "-m", "mcpaudit", "scan", "--live", "--sandbox", "--timeout", "4"]
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen_running = False
    while child.poll() is None:
        seen_running = seen_running or bool(_with_marker(marker))
        time.sleep(0.1)
    child.communicate()
    assert seen_running, "the grandchild never started: the test proves nothing"
    assert _with_marker(marker) == []


def _with_marker(marker: str) -> list[int]:
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        if marker in " ".join(proc.info["cmdline"] or ()) and proc.info["status"] != "zombie":
            found.append(proc.pid)
    return found
