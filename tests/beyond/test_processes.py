"""Process list: a real child process whose command line carries a (fake) secret."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import psutil
import pytest

from mcpaudit.collect.processes import running_servers
from mcpaudit.model import Severity
from tests.beyond.helpers import FAKE_GITHUB_TOKEN, claude_desktop_config, run_scan
from tests.conftest import run_cli

# Unique per test run: parallel test runs on one machine must not see each other's children.
SLEEPER = f"import time; time.sleep(60)  # mcpaudit-test-{uuid.uuid4().hex}"


@pytest.fixture
def child():
    """A running 'server' that got its token as an argument (the client expanded ${env:X})."""
    proc = subprocess.Popen([sys.executable, "-c", SLEEPER, "--token", FAKE_GITHUB_TOKEN])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # wait until the kernel shows the full command line
        try:
            if FAKE_GITHUB_TOKEN in psutil.Process(proc.pid).cmdline():
                break
        except psutil.Error:
            pass
        time.sleep(0.05)
    yield proc
    proc.kill()
    proc.wait(timeout=10)


def _config(home):
    return claude_desktop_config(
        home,
        {
            "sleeper": {
                "command": sys.executable,
                "args": ["-c", SLEEPER, "--token", "${GITHUB_TOKEN}"],
            },
            "other": {"command": sys.executable, "args": ["-c", "print('not running')"]},
        },
    )


def test_secret_on_a_running_servers_command_line_is_reported(isolated_home, child):
    _config(isolated_home)
    result = run_scan(isolated_home, logs=False, source=False)
    [leak] = [f for f in result.findings if f.rule_id == "MCP710"]
    assert leak.server == "sleeper" and leak.category == "secret_in_args"
    assert leak.severity == Severity.HIGH
    assert f"process {child.pid}" in leak.message
    assert FAKE_GITHUB_TOKEN not in leak.evidence and "ghp_" in leak.evidence
    # Points at the config entry that hands the token over (the reference in args).
    assert leak.location.pointer == "/mcpServers/sleeper/args/3"
    root = [f for f in result.findings if f.rule_id == "MCP711"]
    if os.geteuid() == 0:
        assert [f.server for f in root] == ["sleeper"]
    else:
        assert root == []


def test_stopped_server_and_other_configs_are_not_matched(isolated_home, child):
    _config(isolated_home)
    child.kill()
    child.wait(timeout=10)
    result = run_scan(isolated_home, logs=False, source=False)
    assert not [f for f in result.findings if f.rule_id in ("MCP710", "MCP711")]


def test_matcher_needs_the_configured_args(isolated_home, child):
    from mcpaudit.scan import ScanOptions, scan

    _config(isolated_home)
    servers = scan(ScanOptions(env={"HOME": str(isolated_home)}, project=isolated_home)).servers
    scan_result = running_servers(servers)
    assert [r.pid for r in scan_result.running] == [child.pid]
    assert scan_result.running[0].server_id == next(s.id for s in servers if s.name == "sleeper")


def test_cli_no_processes_and_json_never_show_the_token(isolated_home, child):
    _config(isolated_home)
    on = run_cli("scan", "--format", "json", "--no-logs", "--no-source", home=isolated_home)
    assert FAKE_GITHUB_TOKEN not in on.stdout
    assert "MCP710" in {f["rule_id"] for f in json.loads(on.stdout)["findings"]}
    off = run_cli("scan", "--format", "json", "--no-processes", home=isolated_home)
    assert "MCP710" not in off.stdout and "MCP711" not in off.stdout


def test_two_processes_of_one_server_give_one_finding_each(isolated_home, child):
    second = subprocess.Popen([sys.executable, "-c", SLEEPER, "--token", FAKE_GITHUB_TOKEN])
    try:
        _config(isolated_home)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if FAKE_GITHUB_TOKEN in psutil.Process(second.pid).cmdline():
                    break
            except psutil.Error:
                pass
            time.sleep(0.05)
        result = run_scan(isolated_home, logs=False, source=False)
        assert len([f for f in result.findings if f.rule_id == "MCP710"]) == 1
        assert len([f for f in result.findings if f.rule_id == "MCP711"]) == (
            1 if os.geteuid() == 0 else 0
        )
    finally:
        second.kill()
        second.wait(timeout=10)


def test_demo_does_not_look_at_this_machines_processes(isolated_home):
    proc = run_cli("--demo", "scan", "--format", "json", "--fail-on", "never", home=isolated_home)
    notes = json.loads(proc.stdout)["scan"]["notes"]
    assert any(n.startswith("logs:") for n in notes)
    assert not any(n.startswith("processes:") for n in notes)
