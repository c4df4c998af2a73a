"""Hostile and broken config files: each becomes a finding or a clear note, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mcpaudit.scan import ScanOptions, scan
from tests.conftest import run_cli

CURSOR = Path(".cursor/mcp.json")
GOOD = '{"mcpServers": {"ok": {"command": "uvx", "args": ["mcp-server-time==1.0.0"]}}}'


def _write(home: Path, rel: Path, data: bytes | str) -> Path:
    path = home / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _scan(home: Path):
    # A good file of another client proves that one bad file does not stop the scan.
    _write(home, Path(".lmstudio/mcp.json"), GOOD)
    return scan(ScanOptions(env={"HOME": str(home)}))


def _only_file(result, rel: Path):
    (cfg,) = [f for f in result.files if f.path.endswith(str(rel))]
    return cfg


def _findings_for(result, path: Path):
    """Config-health findings (MCP9xx) for one file; other families judge content."""
    return [f for f in result.findings if f.file == str(path) and f.rule_id.startswith("MCP9")]


@pytest.mark.parametrize(
    ("rel", "content", "line", "column", "fragment"),
    [
        (CURSOR, '{\n  "mcpServers": {\n    "a": {"command": "x",}\n  ', 3, None, "invalid JSON"),
        (
            Path(".codex/config.toml"),
            '[mcp_servers.a]\ncommand = "x"\nargs = [\n',
            None,
            None,
            "invalid TOML",
        ),
        (
            Path(".continue/config.yaml"),
            "mcpServers:\n  - name: a\n    command: [x\n",
            4,
            None,
            "invalid YAML",
        ),
        (
            Path(".config/zed/settings.json"),
            '{\n  // c\n  "context_servers": {"a" "b"}\n}',
            3,
            27,
            "invalid JSON",
        ),
    ],
)
def test_syntax_errors_name_line_and_column(isolated_home, rel, content, line, column, fragment):
    path = _write(isolated_home, rel, content)
    result = _scan(isolated_home)
    cfg = _only_file(result, rel)
    assert cfg.status == "malformed"
    assert fragment in cfg.error
    (finding,) = _findings_for(result, path)
    assert finding.rule_id == "MCP900"
    assert finding.category == "malformed_config"
    if line is not None:
        assert finding.location.line == line
        assert f"line {line}" in finding.message
    if column is not None:
        assert f"column {column}" in finding.message
    assert any(s.name == "ok" for s in result.servers), "the good file was still scanned"


def test_wrong_shape_is_reported_at_its_pointer(isolated_home):
    path = _write(isolated_home, CURSOR, '{\n  "mcpServers": [\n    {"command": "x"}\n  ]\n}\n')
    result = _scan(isolated_home)
    (finding,) = _findings_for(result, path)
    assert finding.rule_id == "MCP901"
    assert finding.location.pointer == "/mcpServers"
    assert finding.location.line == 2
    assert "should be an object, found array" in finding.message


def test_wrong_type_inside_a_server_does_not_echo_the_value(isolated_home):
    secret = "ghp_EXAMPLE0123456789abcdefghijklmnopqrs"
    path = _write(
        isolated_home, CURSOR, json.dumps({"mcpServers": {"a": {"command": "x", "args": secret}}})
    )
    result = _scan(isolated_home)
    (finding,) = _findings_for(result, path)
    assert finding.location.pointer == "/mcpServers/a/args"
    assert secret not in finding.message


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b'{"mcpServers": {"a": {"command": "caf\xe9"}}}', "not valid UTF-8"),
    ],
)
def test_unparseable_bytes(isolated_home, content, fragment):
    path = _write(isolated_home, CURSOR, content)
    result = _scan(isolated_home)
    cfg = _only_file(result, CURSOR)
    assert cfg.status in ("malformed", "unreadable")
    assert fragment in cfg.error
    assert len(_findings_for(result, path)) == 1


def test_utf8_bom_is_accepted(isolated_home):
    _write(isolated_home, CURSOR, b"\xef\xbb\xbf" + GOOD.encode())
    result = _scan(isolated_home)
    assert _only_file(result, CURSOR).status == "ok"
    assert [s.client for s in result.servers if s.file.endswith(str(CURSOR))] == ["cursor"]


def test_file_over_the_limit_is_not_parsed(isolated_home):
    path = _write(
        isolated_home, CURSOR, b'{"mcpServers": {}, "pad": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    )
    result = _scan(isolated_home)
    cfg = _only_file(result, CURSOR)
    assert cfg.status == "unreadable"
    assert "limit" in cfg.error
    (finding,) = _findings_for(result, path)
    assert finding.rule_id == "MCP903"


def test_directory_where_a_file_is_expected(isolated_home):
    (isolated_home / CURSOR).mkdir(parents=True)
    result = _scan(isolated_home)
    assert "is a directory" in _only_file(result, CURSOR).error


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(isolated_home):
    path = _write(isolated_home, CURSOR, GOOD)
    path.chmod(0)
    try:
        result = _scan(isolated_home)
    finally:
        path.chmod(0o600)
    assert "permission denied" in _only_file(result, CURSOR).error


def test_permission_denied_as_root_via_unreadable_dir(isolated_home):
    """Root ignores file modes, so simulate the same with a FIFO: must not block or crash."""
    (isolated_home / ".cursor").mkdir()
    os.mkfifo(isolated_home / CURSOR)
    result = _scan(isolated_home)
    assert "not a regular file" in _only_file(result, CURSOR).error


def test_symlink_loop(isolated_home):
    (isolated_home / ".cursor").mkdir()
    a, b = isolated_home / ".cursor" / "a.json", isolated_home / CURSOR
    a.symlink_to(b)
    b.symlink_to(a)
    result = _scan(isolated_home)
    assert "symlink loop" in _only_file(result, CURSOR).error


def test_dangling_symlink(isolated_home):
    (isolated_home / ".cursor").mkdir()
    (isolated_home / CURSOR).symlink_to(isolated_home / "nowhere.json")
    result = _scan(isolated_home)
    assert "dangling symlink" in _only_file(result, CURSOR).error


def test_symlinked_config_is_followed(isolated_home):
    target = _write(isolated_home, Path("dotfiles/cursor-mcp.json"), GOOD)
    (isolated_home / ".cursor").mkdir()
    (isolated_home / CURSOR).symlink_to(target)
    result = _scan(isolated_home)
    assert _only_file(result, CURSOR).status == "ok"


def test_strict_json_client_with_comments_is_flagged_but_still_audited(isolated_home):
    path = _write(
        isolated_home, CURSOR, '{\n  // mine\n  "mcpServers": {"a": {"command": "x",},},\n}\n'
    )
    result = _scan(isolated_home)
    assert [f.rule_id for f in _findings_for(result, path)] == ["MCP902"]
    assert [s.name for s in result.servers if s.file == str(path)] == ["a"]


def test_yaml_alias_bomb_is_refused(isolated_home):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines.append("extensions: {}")
    _write(isolated_home, Path(".config/goose/config.yaml"), "\n".join(lines) + "\n")
    result = _scan(isolated_home)
    assert "alias bomb" in _only_file(result, Path(".config/goose/config.yaml")).error


def test_deeply_nested_json_is_an_error_not_a_crash(isolated_home):
    _write(isolated_home, CURSOR, "[" * 100_000 + "]" * 100_000)
    result = _scan(isolated_home)
    assert _only_file(result, CURSOR).status == "malformed"


def test_cli_never_shows_a_traceback_on_a_home_full_of_bad_files(isolated_home):
    _write(isolated_home, CURSOR, b"\xff\xfe\x00garbage")
    _write(isolated_home, Path(".codex/config.toml"), "= = =")
    _write(isolated_home, Path(".continue/config.yaml"), "mcpServers: {a: [")
    (isolated_home / ".lmstudio").mkdir()
    (isolated_home / ".lmstudio" / "mcp.json").symlink_to(isolated_home / ".lmstudio" / "mcp.json")
    for fmt in ("text", "json"):
        proc = run_cli("scan", "--format", fmt, "--fail-on", "never", home=isolated_home)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
    report = json.loads(run_cli("scan", "--format", "json", home=isolated_home).stdout)
    statuses = {
        f["path"].removeprefix(str(isolated_home) + "/"): f["status"]
        for c in report["clients"]
        for f in c["files"]
        if f["status"] != "missing"
    }
    assert statuses == {
        ".cursor/mcp.json": "malformed",  # a UTF-16 BOM, then garbage
        ".codex/config.toml": "malformed",
        ".continue/config.yaml": "malformed",
        ".lmstudio/mcp.json": "unreadable",
    }
