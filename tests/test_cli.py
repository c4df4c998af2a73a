"""The command-line contract: commands, exit codes, JSON shape, no Textual in headless paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from mcpaudit import __version__
from mcpaudit.config.validate import load_schema
from tests.conftest import REPO, copy_home, run_cli


def test_version(isolated_home):
    proc = run_cli("--version", home=isolated_home)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"mcpaudit {__version__} (distribution mcp-laptop-audit)"


def test_empty_home_says_where_to_look_and_offers_the_demo(isolated_home):
    proc = run_cli("scan", home=isolated_home)
    assert proc.returncode == 0
    assert "No MCP client configs found" in proc.stdout
    assert "mcpaudit --demo" in proc.stdout


def test_json_report_matches_its_schema_on_the_demo_home(isolated_home):
    proc = run_cli("--demo", "scan", "--format", "json", "--fail-on", "never", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, load_schema("report.schema.json"))
    assert report["tool"] == {"name": "mcpaudit", "version": __version__}
    clients = {s["client"] for s in report["servers"]}
    assert {
        "claude-desktop",
        "claude-code",
        "vscode",
        "cursor",
        "codex",
        "goose",
        "continue",
    } <= clients
    assert len(report["servers"]) >= 30


def test_output_file_is_written_whole(isolated_home):
    copy_home("cursor", isolated_home)
    out = isolated_home / "out" / "report.json"
    out.parent.mkdir()
    proc = run_cli(
        "scan", "--format", "json", "-o", str(out), "--fail-on", "never", home=isolated_home
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["summary"]["servers"] == 3
    assert list(out.parent.iterdir()) == [out], "no temp files left behind"


def test_exit_codes_follow_fail_on(isolated_home):
    (isolated_home / ".cursor").mkdir()
    (isolated_home / ".cursor" / "mcp.json").write_text("{ broken")  # a low-severity finding
    assert run_cli("scan", home=isolated_home).returncode == 0  # default: high
    assert run_cli("scan", "--fail-on", "low", home=isolated_home).returncode == 1
    assert run_cli("scan", "--fail-on", "info", home=isolated_home).returncode == 1
    assert run_cli("scan", "--fail-on", "never", home=isolated_home).returncode == 0


def test_usage_errors_exit_2(isolated_home):
    for args in (
        ("scan", "--format", "pdf"),
        ("scan", "--fail-on", "severe"),
        ("scan", "--config", str(isolated_home / "nope.json")),
        ("scan", "--project", str(isolated_home / "missing-dir")),
        ("frobnicate",),
    ):
        proc = run_cli(*args, home=isolated_home)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr
        assert proc.stderr.strip(), "a usage error says what is wrong"


def test_config_option_guesses_the_client(isolated_home, tmp_path):
    extra = tmp_path / "elsewhere"
    extra.mkdir()
    (extra / "settings.json").write_text('{"context_servers": {"z": {"command": "zed-mcp"}}}')
    (extra / "agent.toml").write_text('[mcp_servers.c]\ncommand = "codex-mcp"\n')
    (extra / "claude_desktop_config.json").write_text('{"mcpServers": {"d": {"command": "x"}}}')
    (extra / "blocks.yaml").write_text("mcpServers:\n  - name: y\n    command: cont\n")
    (extra / "plain.json").write_text('{"mcpServers": {"p": {"url": "https://p.example/mcp"}}}')
    args = ["scan", "--format", "json"]
    for f in sorted(extra.iterdir()):
        args += ["--config", str(f)]
    report = json.loads(run_cli(*args, home=isolated_home).stdout)
    got = {(s["name"], s["client"]) for s in report["servers"]}
    assert got == {
        ("z", "zed"),
        ("c", "codex"),
        ("d", "claude-desktop"),
        ("y", "continue"),
        ("p", "custom"),
    }


def test_project_option_adds_project_files(isolated_home, tmp_path):
    project = tmp_path / "proj"
    (project / ".vscode").mkdir(parents=True)
    (project / ".vscode" / "mcp.json").write_text(
        '{"servers": {"w": {"command": "node", "args": ["s.js"]}}}'
    )
    (project / ".mcp.json").write_text('{"mcpServers": {"cc": {"command": "npx"}}}')
    report = json.loads(
        run_cli("scan", "--format", "json", "--project", str(project), home=isolated_home).stdout
    )
    assert {(s["client"], s["name"]) for s in report["servers"]} == {
        ("vscode", "w"),
        ("claude-code", "cc"),
    }
    # The default project is the current directory.
    report = json.loads(run_cli("scan", "--format", "json", home=isolated_home, cwd=project).stdout)
    assert len(report["servers"]) == 2


def test_xdg_config_home_is_followed(isolated_home, tmp_path):
    xdg = tmp_path / "xdg"
    (xdg / "zed").mkdir(parents=True)
    (xdg / "zed" / "settings.json").write_text('{"context_servers": {"x": {"command": "c"}}}')
    proc = run_cli(
        "scan", "--format", "json", home=isolated_home, env={"XDG_CONFIG_HOME": str(xdg)}
    )
    assert [s["file"] for s in json.loads(proc.stdout)["servers"]] == [
        str(xdg / "zed" / "settings.json")
    ]


def test_clients_command_lists_paths_and_counts(isolated_home):
    copy_home("codex", isolated_home)
    proc = run_cli("clients", "--format", "json", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    rows = {c["id"]: c for c in json.loads(proc.stdout)["clients"]}
    assert len(rows) >= 21
    assert rows["codex"]["found"] and rows["codex"]["servers"] == 3
    assert not rows["cursor"]["found"]
    assert str(isolated_home / ".cursor" / "mcp.json") in [
        f["path"] for f in rows["cursor"]["files"]
    ]
    text = run_cli("clients", home=isolated_home).stdout
    assert "OpenAI Codex" in text and ".codex/config.toml" in text


def test_rules_command_lists_every_rule(isolated_home):
    proc = run_cli("rules", "--format", "json", home=isolated_home)
    rules = json.loads(proc.stdout)
    assert any(r["id"] == "MCP900" and r["category"] == "malformed_config" for r in rules)
    assert all(r["rationale"] for r in rules)


def test_python_dash_m_and_console_script_agree(isolated_home):
    proc = subprocess.run(
        [sys.executable, "-m", "mcpaudit", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert proc.returncode == 0 and "scan" in proc.stdout


def test_headless_commands_do_not_import_textual(isolated_home):
    code = (
        "import sys; from mcpaudit.cli import main\n"
        "for argv in (['scan', '--format', 'json'], ['clients', '--format', 'json'], ['rules']):\n"
        "    main(argv)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual',))\n"
        "sys.stderr.write('TEXTUAL:' + ','.join(bad))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"HOME": str(isolated_home), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    )
    assert proc.stderr.strip().endswith("TEXTUAL:"), proc.stderr[-500:]


def test_demo_home_is_realistic(isolated_home):
    report = json.loads(run_cli("--demo", "scan", "--format", "json", home=isolated_home).stdout)
    found = [f for c in report["clients"] for f in c["files"] if f["status"] == "ok"]
    assert len({Path(f["path"]).name for f in found}) >= 10
    transports = {s["transport"] for s in report["servers"]}
    assert {"stdio", "http", "sse"} <= transports


def test_demo_copy_is_refreshed_when_the_packaged_demo_changes(isolated_home):
    from mcpaudit.demo import MARKER, materialize

    home = materialize()
    cursor = home / ".cursor" / "mcp.json"
    cursor.write_text('{"mcpServers": {}}')  # a user's fix survives the next run…
    assert materialize() == home and cursor.read_text() == '{"mcpServers": {}}'
    (home / MARKER).write_text("from-an-older-release\n")  # …but not an upgrade
    materialize()
    assert "mcpServers" in cursor.read_text() and cursor.read_text() != '{"mcpServers": {}}'


def test_unchanged_configs_skip_jsonschema_on_the_next_scan(isolated_home):
    copy_home("cursor", isolated_home)
    (isolated_home / ".lmstudio").mkdir()
    (isolated_home / ".lmstudio" / "mcp.json").write_text('{"mcpServers": []}')  # a schema problem
    code = (
        "import sys, io, contextlib\nfrom mcpaudit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    main(['scan', '--format', 'json', '--fail-on', 'never'])\n"
        "sys.stderr.write(str('jsonschema' in sys.modules) + '\\n')\nprint(out.getvalue())\n"
    )
    env = {"HOME": str(isolated_home), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=isolated_home, env=env
        )
        for _ in range(2)
    ]
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    findings = [
        [
            (f["rule_id"], f["location"]["pointer"])
            for f in json.loads(r.stdout)["findings"]
            if f["rule_id"] == "MCP901"
        ]
        for r in runs
    ]
    assert findings[0] == findings[1] == [("MCP901", "/mcpServers")]
