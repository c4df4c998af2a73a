"""What a started server gets: its config's env plus PATH/HOME/LANG; the plan is shown first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpaudit.inspect import InspectOptions, describe_launch
from mcpaudit.inspect.sandbox import sandbox_unavailable_reason
from mcpaudit.scan import ScanOptions, scan
from tests.conftest import run_cli
from tests.live_helpers import stdio_entry, write_cursor

AUDITOR_SECRET = "sk-EXAMPLE-auditor-own-secret-0000000000"


def test_child_gets_config_env_and_minimal_base_only(isolated_home: Path) -> None:
    project = isolated_home / "work"
    project.mkdir()
    entry = stdio_entry("env_echo.py", env={"API_TOKEN": "${env:MY_TOKEN}", "MODE": "test"})
    entry["cwd"] = str(project)
    write_cursor(isolated_home, {"echo": entry})
    parent = {
        "HOME": str(isolated_home),
        "PATH": "/usr/bin:/bin",
        "MY_TOKEN": "tok-EXAMPLE-123456",
        "OPENAI_API_KEY": AUDITOR_SECRET,
    }
    result = scan(
        ScanOptions(
            env=parent,
            live=True,
            inspect=InspectOptions(timeout=30, pins_path=isolated_home / "pins.json"),
        )
    )
    (server,) = result.servers
    (tool,) = result.tools[server.id]
    names = tool.description.split("|")[0].split()[1:]
    # Python itself may add LC_CTYPE; nothing of the auditor's environment gets through.
    assert set(names) - {"LC_CTYPE"} == {"API_TOKEN", "HOME", "LANG", "MODE", "PATH"}
    assert f"cwd: {project}" in tool.description

    plan = describe_launch(server, InspectOptions(env=parent))
    assert plan.env_names == ("API_TOKEN", "HOME", "LANG", "MODE", "PATH")
    assert plan.cwd == str(project)
    shown = "\n".join(plan.display_lines())
    assert "tok-EXAMPLE-123456" not in shown and AUDITOR_SECRET not in shown
    assert "API_TOKEN" in shown and "env_echo.py" in shown


def test_unresolvable_input_reference_is_left_unset_and_noted(isolated_home: Path) -> None:
    write_cursor(
        isolated_home, {"s": {"command": "node", "env": {"KEY": "${input:api-key}"}, "args": []}}
    )
    (server,) = scan(ScanOptions()).servers
    plan = describe_launch(server, InspectOptions(env={"PATH": "/nonexistent"}))
    assert "KEY" not in plan.env_names
    assert any("asks the user for input" in n for n in plan.notes)
    assert any("not found on PATH" in n for n in plan.notes)


def test_websocket_servers_are_skipped_with_a_reason(isolated_home: Path) -> None:
    write_cursor(isolated_home, {"ws": {"type": "ws", "url": "ws://127.0.0.1:1/x"}})
    result = scan(
        ScanOptions(live=True, inspect=InspectOptions(pins_path=isolated_home / "pins.json"))
    )
    (finding,) = [f for f in result.findings if f.rule_id == "MCP509"]
    assert finding.severity.value == "info" and "not supported" in finding.message


def test_live_flags_need_live_and_demo_refuses_live(isolated_home: Path) -> None:
    proc = run_cli("scan", "--server", "x", home=isolated_home)
    assert proc.returncode == 2 and "--server needs --live" in proc.stderr
    proc = run_cli("--demo", "scan", "--live", home=isolated_home)
    assert proc.returncode == 2 and "demo" in proc.stderr


@pytest.mark.skipif(sandbox_unavailable_reason() is None, reason="bubblewrap is installed")
def test_sandbox_without_bubblewrap_is_a_clear_error(isolated_home: Path) -> None:
    proc = run_cli("scan", "--live", "--sandbox", home=isolated_home)
    assert proc.returncode == 2 and "bubblewrap" in proc.stderr


@pytest.mark.skipif(sandbox_unavailable_reason() is not None, reason="needs bubblewrap")
def test_sandbox_blocks_writes_and_network(isolated_home: Path) -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        entry = stdio_entry("sandbox_probe.py", env={"PROBE_PORT": str(port)})
        write_cursor(isolated_home, {"probe": entry})
        results = {}
        for sandbox in (False, True):
            (isolated_home / "sandbox-probe.txt").unlink(missing_ok=True)
            inspect = InspectOptions(
                timeout=30, sandbox=sandbox, pins_path=isolated_home / f"pins-{sandbox}.json"
            )
            result = scan(ScanOptions(live=True, inspect=inspect))
            (tools,) = result.tools.values()
            results[sandbox] = tools[0].description
    assert results[False] == "write=allowed net=allowed"
    assert results[True] == "write=denied net=denied"


def test_escapes_from_servers_and_configs_never_reach_the_terminal(isolated_home: Path) -> None:
    write_cursor(isolated_home, {"dates\x1b[2J": stdio_entry("ansi.py")})
    proc = run_cli("scan", "--live", "--timeout", "30", home=isolated_home)
    assert "MCP503" in proc.stdout
    assert "\\x1b[8m" in proc.stdout  # shown escaped
    assert "\x1b" not in proc.stdout and "\x1b" not in proc.stderr
    assert "\x1b" not in run_cli("pins", home=isolated_home).stdout


def test_crash_is_reported_with_stderr_and_no_secret(isolated_home: Path) -> None:
    token = "ghp_EXAMPLE0123456789abcdefghijklmnopqrstuv"
    write_cursor(
        isolated_home, {"leaky": stdio_entry("leaky_crash.py", env={"SERVICE_TOKEN": token})}
    )
    proc = run_cli("scan", "--live", "--format", "json", "--timeout", "30", home=isolated_home)
    (finding,) = [f for f in json.loads(proc.stdout)["findings"] if f["rule_id"] == "MCP509"]
    assert "crash" in finding["message"] and "status 3" in finding["message"]
    assert finding["evidence"] == "Error: cannot connect to the service"
    assert token not in proc.stdout and token not in proc.stderr
