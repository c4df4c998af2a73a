"""secret_in_logs: real log folders in a fake home, read within limits."""

from __future__ import annotations

import json
import os

from mcpaudit.collect.logs import LogLimits
from mcpaudit.model import Severity
from tests.beyond.helpers import FAKE_GITHUB_TOKEN, claude_desktop_config, run_scan
from tests.conftest import run_cli

DB_PASSWORD = "EXAMPLEs3cretPw9"


def _write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


def _claude_desktop_logs(home):
    logs = home / ".config" / "Claude" / "logs"
    per_server = _write(
        logs / "mcp-server-github.log",
        [
            "2026-11-27T10:00:00.000Z [github] [info] Initializing server...",
            "2026-11-27T10:00:01.000Z [github] [info] Server started and connected successfully",
            f"GitHub MCP Server running on stdio with token {FAKE_GITHUB_TOKEN}",
        ],
    )
    general = _write(
        logs / "mcp.log",
        [
            "2026-11-27T10:00:00.000Z [info] [postgres] Initializing server...",
            "2026-11-27T10:00:02.000Z [error] [postgres] connect failed: "
            f"postgresql://app:{DB_PASSWORD}@db.internal:5432/app",
        ],
    )
    return per_server, general


def test_claude_desktop_logs_name_file_line_and_server(isolated_home):
    claude_desktop_config(
        isolated_home,
        {
            "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]},
            "postgres": {"command": "uvx", "args": ["postgres-mcp"]},
        },
    )
    per_server, general = _claude_desktop_logs(isolated_home)
    result = run_scan(isolated_home, processes=False, source=False)
    found = {(f.file, f.location.line): f for f in result.findings if f.rule_id == "MCP700"}
    token = found[(str(per_server), 3)]
    assert token.server == "github" and token.server_id and token.severity == Severity.HIGH
    assert token.category == "secret_in_logs" and token.client == "claude-desktop"
    assert "ghp_" in token.evidence and FAKE_GITHUB_TOKEN not in token.evidence
    password = found[(str(general), 2)]
    assert password.server == "postgres"
    assert DB_PASSWORD not in password.evidence and "db.internal" in password.evidence


def test_vscode_and_claude_code_log_layouts(isolated_home):
    vscode = _write(
        isolated_home
        / ".config/Code/logs/20261127T100000/window1/mcpServer.mcp.config.usrlocal.gh.tools.log",
        ["2026-11-27 10:00:00.000 [warning] [server stderr] env GITHUB_TOKEN=" + FAKE_GITHUB_TOKEN],
    )
    claude_code = _write(
        isolated_home / ".cache/claude-cli-nodejs/-home-me-proj/mcp-logs-linear/2026-11-27.txt",
        ["debug", json.dumps({"debug": f"Authorization: Bearer {FAKE_GITHUB_TOKEN}"})],
    )
    clean = _write(
        isolated_home / ".config/Code/logs/20261127T100000/window1/mcpServer.mcp.config.ws0.x.log",
        ["token=${env:GITHUB_TOKEN}", "api_key: <your-api-key>", "nothing to see here"],
    )
    result = run_scan(isolated_home, processes=False, source=False)
    hits = {f.file: f for f in result.findings if f.rule_id == "MCP700"}
    assert hits[str(vscode)].server == "gh.tools" and hits[str(vscode)].client == "vscode"
    assert hits[str(claude_code)].server == "linear"
    assert hits[str(claude_code)].location.line == 2
    assert str(clean) not in hits


def test_a_token_pasted_into_a_claude_code_prompt_is_found_in_its_history(isolated_home):
    history = _write(
        isolated_home / ".claude/history.jsonl",
        [
            json.dumps({"display": "fix the failing test", "project": "/home/me/proj"}),
            json.dumps({"display": f"use this token {FAKE_GITHUB_TOKEN}", "project": "/x"}),
        ],
    )
    result = run_scan(isolated_home, processes=False, source=False)
    hit = next(f for f in result.findings if f.rule_id == "MCP700" and f.file == str(history))
    assert hit.client == "claude-code" and hit.location.line == 2
    assert FAKE_GITHUB_TOKEN not in hit.evidence and FAKE_GITHUB_TOKEN not in hit.message


def test_only_the_tail_of_a_large_log_is_read(isolated_home):
    log = isolated_home / ".config/Claude/logs/mcp-server-big.log"
    log.parent.mkdir(parents=True)
    filler = ("x" * 99 + "\n").encode()
    with log.open("wb") as fh:
        fh.write(f"old secret {FAKE_GITHUB_TOKEN}\n".encode())
        fh.write(filler * 30_000)  # 3 MB
        fh.write(f"new secret {FAKE_GITHUB_TOKEN}\n".encode())
    limits = LogLimits(tail_bytes=1_000_000, time_budget_s=120)
    result = run_scan(isolated_home, processes=False, source=False, log_limits=limits)
    [hit] = [f for f in result.findings if f.rule_id == "MCP700"]
    assert "counted from the start of the part read" in hit.message
    assert hit.server == "big"


def test_budget_exhaustion_is_reported_not_silent(isolated_home):
    _claude_desktop_logs(isolated_home)
    limits = LogLimits(total_bytes=0)
    result = run_scan(isolated_home, processes=False, source=False, log_limits=limits)
    [note] = [f for f in result.findings if f.rule_id == "MCP701"]
    assert note.severity == Severity.INFO and "2 older log file(s) not read" in note.message
    assert not [f for f in result.findings if f.rule_id == "MCP700"]


def test_cli_reports_log_secrets_redacted_and_no_logs_turns_it_off(isolated_home):
    _claude_desktop_logs(isolated_home)
    claude_desktop_config(isolated_home, {})
    on = run_cli("scan", "--format", "json", "--no-processes", "--no-source", home=isolated_home)
    assert on.returncode == 1, on.stderr
    assert FAKE_GITHUB_TOKEN not in on.stdout and DB_PASSWORD not in on.stdout
    rules = [f["rule_id"] for f in json.loads(on.stdout)["findings"]]
    assert rules.count("MCP700") == 2
    off = run_cli("scan", "--format", "json", "--no-logs", "--no-processes", home=isolated_home)
    assert "MCP700" not in off.stdout
    text = run_cli("scan", "--no-processes", "--no-source", home=isolated_home)
    assert FAKE_GITHUB_TOKEN not in text.stdout and "MCP700" in text.stdout


def test_binary_and_hostile_log_lines_do_not_break_the_scan(isolated_home):
    log = isolated_home / ".config/Claude/logs/mcp-server-evil.log"
    log.parent.mkdir(parents=True)
    log.write_bytes(
        b"\x00\xff\xfe binary junk\n"
        + f"\x1b[31mtoken {FAKE_GITHUB_TOKEN}\x1b[0m\x1b]0;title\x07\n".encode()
        + b"a" * 200_000
        + f" {FAKE_GITHUB_TOKEN}\n".encode()
    )
    result = run_scan(isolated_home, processes=False, source=False)
    hits = [f for f in result.findings if f.rule_id == "MCP700"]
    hits.sort(key=lambda f: f.location.line)
    assert [f.location.line for f in hits] == [2, 3]
    assert all("\x1b" not in f.evidence for f in hits)


def test_log_budget_must_be_positive(isolated_home):
    proc = run_cli("scan", "--log-budget", "0", home=isolated_home)
    assert proc.returncode == 2 and "--log-budget" in proc.stderr


def test_demo_home_shows_a_log_secret_and_dangerous_server_code(isolated_home):
    proc = run_cli("--demo", "scan", "--format", "json", "--fail-on", "never", home=isolated_home)
    findings = json.loads(proc.stdout)["findings"]
    by_rule = {(f["rule_id"], f["server"]): f for f in findings}
    log = by_rule[("MCP700", "github")]
    assert log["file"].endswith(".config/Claude/logs/mcp-server-github.log")
    assert log["location"]["line"] == 4 and "ghp_EXAMPLE" not in log["evidence"]
    shell = by_rule[("MCP721", "local-tools")]
    assert shell["severity"] == "critical" and shell["file"].endswith("mcp/tools_server.py")
    assert not [f for f in findings if f["server"] == "db" and f["rule_id"].startswith("MCP72")]


def test_symlink_loops_and_special_files_are_read_once_or_not_at_all(isolated_home):
    logs = isolated_home / ".local/state/goose/logs"
    (logs / "cli").mkdir(parents=True)
    (logs / "cli" / "loop").symlink_to(logs)
    (logs / "cli" / "session.log").write_text(f"token {FAKE_GITHUB_TOKEN}\n")
    (logs / "zero.log").symlink_to("/dev/zero")
    os.mkfifo(logs / "fifo.log")
    result = run_scan(isolated_home, processes=False, source=False)
    hits = [f for f in result.findings if f.rule_id == "MCP700"]
    assert [(f.client, f.location.line) for f in hits] == [("goose", 1)]


def test_two_secrets_on_one_line_are_both_redacted_in_each_excerpt(isolated_home):
    claude_desktop_config(isolated_home, {"github": {"command": "npx", "args": ["-y", "gh"]}})
    db_url = f"postgresql://app:{DB_PASSWORD}@db.internal:5432/app"
    _write(
        isolated_home / ".config" / "Claude" / "logs" / "mcp-server-github.log",
        [f"token {FAKE_GITHUB_TOKEN} then {db_url}"],
    )
    result = run_scan(isolated_home, processes=False, source=False)
    evidence = [f.evidence for f in result.findings if f.rule_id == "MCP700"]
    assert len(evidence) == 2
    for text in evidence:
        assert FAKE_GITHUB_TOKEN not in text and DB_PASSWORD not in text
