"""Discovery follows the variables with which clients move their config (CODEX_HOME, ...).

Each case writes a server only where the variable points, in a real temp home, and
runs the real CLI: the server must be found with the right client, file and line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from mcpaudit.clients.catalog import BY_ID, CLIENTS, RELOCATION_VARS
from mcpaudit.clients.discover import Bases, candidates, locate
from mcpaudit.collect.logs import log_files
from mcpaudit.config.validate import load_schema
from mcpaudit.scan import ScanOptions, scan
from tests.conftest import run_cli

PLACEHOLDER = re.compile(r"\{(\w+)\}")
STDIO_JSON = (
    '{\n  "mcpServers": {\n    "%s": {\n      "command": "npx",\n'
    '      "args": ["-y", "x"]\n    }\n  }\n}\n'
)
OPENCODE_JSON = (
    '{\n  // opencode reads JSONC\n  "mcp": {\n    "%s": {\n      "type": "local",\n'
    '      "command": ["npx", "-y", "x"]\n    }\n  }\n}\n'
)
CODEX_TOML = '# moved\n\n[mcp_servers.%s]\ncommand = "npx"\nargs = ["-y", "x"]\n'

# (variable, client, the value relative to the temp dir (None: the dir itself), the file
# under the variable's target, its content template, the line of the server's entry)
CASES = [
    ("CLAUDE_CONFIG_DIR", "claude-code", None, ".claude.json", STDIO_JSON, 3),
    ("CODEX_HOME", "codex", None, "config.toml", CODEX_TOML, 3),
    ("COPILOT_HOME", "copilot-cli", None, "mcp-config.json", STDIO_JSON, 3),
    ("GEMINI_CLI_HOME", "gemini-cli", None, ".gemini/settings.json", STDIO_JSON, 3),
    ("OPENCODE_CONFIG", "opencode", "team/oc.json", "", OPENCODE_JSON, 4),
    ("OPENCODE_CONFIG_DIR", "opencode", None, "opencode.json", OPENCODE_JSON, 4),
    ("OPENCODE_CONFIG_DIR", "opencode", None, "opencode.jsonc", OPENCODE_JSON, 4),
    ("CLINE_MCP_SETTINGS_PATH", "cline", "mcp/servers.json", "", STDIO_JSON, 3),
    ("CLINE_DATA_DIR", "cline", None, "settings/cline_mcp_settings.json", STDIO_JSON, 3),
    ("CLINE_DIR", "cline", None, "data/settings/cline_mcp_settings.json", STDIO_JSON, 3),
]


def _place(tmp_path: Path, var: str, value: str | None, file: str, content: str) -> tuple:
    """Write the relocated file; (the variable's value, the file's path)."""
    target = tmp_path / "moved" / (value or var.lower())
    path = target / file if file else target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content % f"only-in-{var.lower()}")
    return str(target), path


@pytest.mark.parametrize(
    ("var", "client", "value", "file", "content", "line"),
    CASES,
    ids=[f"{c[0]}-{c[3] or 'file'}" for c in CASES],
)
def test_server_only_in_the_relocated_place_is_found(
    var, client, value, file, content, line, isolated_home: Path, tmp_path: Path
) -> None:
    moved_to, path = _place(tmp_path, var, value, file, content)
    proc = run_cli("scan", "--format", "json", home=isolated_home, env={var: moved_to})
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, load_schema("report.schema.json"))
    got = [(s["client"], s["file"], s["line"]) for s in report["servers"]]
    assert got == [(client, str(path), line)]
    files = {f["path"]: f for c in report["clients"] for f in c["files"]}
    assert files[str(path)]["relocated_by"] == var
    assert "not_read" not in files[str(path)]


def test_clients_command_shows_every_relocated_path(isolated_home: Path, tmp_path: Path) -> None:
    env: dict[str, str] = {}
    expected: dict[tuple[str, str], str] = {}
    for var, client, value, file, content, _ in CASES:
        if var in env:
            continue
        env[var], path = _place(tmp_path, var, value, file, content)
        expected[(client, str(path))] = var
    # CLINE_MCP_SETTINGS_PATH wins over the other Cline variables: leave it out here so
    # that CLINE_DATA_DIR (which wins over CLINE_DIR) is the one shown.
    del env["CLINE_MCP_SETTINGS_PATH"], env["CLINE_DIR"]
    expected = {k: v for k, v in expected.items() if v in env}
    proc = run_cli("clients", "--format", "json", home=isolated_home, env=env)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["clients"]
    shown = {
        (row["id"], f["path"]): f.get("relocated_by")
        for row in rows
        for f in row["files"]
        if f.get("relocated_by") and f["status"] == "ok"
    }
    assert shown == expected
    assert all(f["servers"] == 1 for row in rows for f in row["files"] if f["status"] == "ok")
    # Files the variable moved but that do not exist are listed where the client looks.
    assert ("opencode", f"{env['OPENCODE_CONFIG_DIR']}/opencode.jsonc") in {
        (row["id"], f["path"]) for row in rows for f in row["files"] if f.get("relocated_by")
    }
    table = run_cli("clients", home=isolated_home, env=env).stdout
    assert f"{env['CODEX_HOME']}/config.toml (via $CODEX_HOME)" in table


@pytest.mark.parametrize("var", sorted(RELOCATION_VARS))
@pytest.mark.parametrize("value", ["", "   ", "relative/dir", "~/not-expanded"])
def test_empty_or_relative_values_change_nothing(var: str, value: str) -> None:
    def where(env: dict[str, str]) -> list[tuple[str, str, str | None, str | None]]:
        bases = Bases.from_env(env, "linux")
        return [
            (c.client.id, str(c.path), c.relocated_by, c.not_read)
            for c in candidates(bases, Path("/p"), "linux")
        ]

    assert where({"HOME": "/home/u", var: value}) == where({"HOME": "/home/u"})


def test_relative_value_through_the_cli_keeps_the_default(isolated_home: Path) -> None:
    (isolated_home / ".codex").mkdir()
    (isolated_home / ".codex" / "config.toml").write_text(CODEX_TOML % "default-one")
    (isolated_home / "rel").mkdir()
    (isolated_home / "rel" / "config.toml").write_text(CODEX_TOML % "relative-one")
    proc = run_cli("scan", "--format", "json", home=isolated_home, env={"CODEX_HOME": "rel"})
    report = json.loads(proc.stdout)
    assert [(s["name"], s["file"]) for s in report["servers"]] == [
        ("default-one", str(isolated_home / ".codex" / "config.toml"))
    ]
    assert not any(f["rule_id"] == "MCP904" for f in report["findings"])


def test_stale_default_file_is_audited_and_marked_not_read(
    isolated_home: Path, tmp_path: Path
) -> None:
    """The client reads only the relocated file; the old default file is still on disk,
    so its servers are reported, with a note (MCP904) that the client does not read it."""
    default = isolated_home / ".codex" / "config.toml"
    default.parent.mkdir()
    default.write_text(CODEX_TOML % "stale")
    moved_to, moved = _place(tmp_path, "CODEX_HOME", None, "config.toml", CODEX_TOML)
    proc = run_cli("scan", "--format", "json", home=isolated_home, env={"CODEX_HOME": moved_to})
    report = json.loads(proc.stdout)
    assert sorted((s["name"], s["file"]) for s in report["servers"]) == [
        ("only-in-codex_home", str(moved)),
        ("stale", str(default)),
    ]
    files = {f["path"]: f for c in report["clients"] for f in c["files"]}
    assert files[str(default)]["not_read"] == (
        f"OpenAI Codex reads {moved} instead ($CODEX_HOME is set)"
    )
    notes = [f for f in report["findings"] if f["rule_id"] == "MCP904"]
    assert [(f["file"], f["severity"], f["location"]["line"]) for f in notes] == [
        (str(default), "info", 1)
    ]
    assert "1 server(s)" in notes[0]["message"]
    table = run_cli("clients", home=isolated_home, env={"CODEX_HOME": moved_to}).stdout
    assert "(not read: OpenAI Codex reads" in table


def test_variable_pointing_at_the_default_place_is_not_a_stale_copy(isolated_home: Path) -> None:
    path = isolated_home / ".claude" / ".claude.json"
    path.parent.mkdir()
    path.write_text(STDIO_JSON % "here")
    (isolated_home / ".claude" / "settings.json").write_text("{}")
    env = {"HOME": str(isolated_home), "CLAUDE_CONFIG_DIR": str(isolated_home / ".claude")}
    result = scan(ScanOptions(env=env, clients=(BY_ID["claude-code"],), project=None))
    by_path = {f.path: f for f in result.files}
    # One settings.json (the relocated place is the default one), read by the client.
    assert by_path[str(isolated_home / ".claude" / "settings.json")].not_read is None
    # ~/.claude.json is the default that CLAUDE_CONFIG_DIR replaced: scanned, marked.
    assert by_path[str(isolated_home / ".claude.json")].not_read is not None
    assert [(s.name, s.file) for s in result.servers] == [("here", str(path))]
    assert [f.rule_id for f in result.findings if f.rule_id == "MCP904"] == []  # missing file


def test_discovery_uses_the_scan_environment_not_the_process_one(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved_to, path = _place(tmp_path, "CODEX_HOME", None, "config.toml", CODEX_TOML)
    monkeypatch.setenv("CODEX_HOME", moved_to)
    fake = scan(ScanOptions(env={"HOME": str(isolated_home)}, clients=(BY_ID["codex"],)))
    assert fake.servers == ()
    real = scan(ScanOptions(env={"HOME": str(isolated_home), "CODEX_HOME": moved_to}))
    assert [s.file for s in real.servers] == [str(path)]


def test_cline_variables_take_precedence_like_cline_does(tmp_path: Path) -> None:
    env = {
        "HOME": "/home/u",
        "CLINE_DIR": "/d",
        "CLINE_DATA_DIR": "/data",
        "CLINE_MCP_SETTINGS_PATH": "/explicit.json",
    }

    def read(env: dict[str, str]) -> list[tuple[str, str | None]]:
        spec = BY_ID["cline"].files[0]
        bases = Bases.from_env(env, "linux")
        found = locate(spec, bases, None, "linux", BY_ID["cline"].relocations)
        return [(loc.pattern, loc.relocated_by or loc.superseded_by) for loc in found]

    default = "/home/u/.cline/data/settings/cline_mcp_settings.json"
    assert read(env) == [
        ("/explicit.json", "CLINE_MCP_SETTINGS_PATH"),
        (default, "CLINE_MCP_SETTINGS_PATH"),
    ]
    del env["CLINE_MCP_SETTINGS_PATH"]
    assert read(env)[0] == ("/data/settings/cline_mcp_settings.json", "CLINE_DATA_DIR")
    del env["CLINE_DATA_DIR"]
    assert read(env)[0] == ("/d/data/settings/cline_mcp_settings.json", "CLINE_DIR")
    del env["CLINE_DIR"]
    assert read(env) == [(default, None)]


def test_opencode_extra_files_do_not_replace_the_global_one(tmp_path: Path) -> None:
    env = {"HOME": "/home/u", "OPENCODE_CONFIG": "/team/oc.json"}
    found = {
        (str(c.path), c.not_read)
        for c in candidates(Bases.from_env(env, "linux"), None, "linux", (BY_ID["opencode"],))
    }
    assert ("/team/oc.json", None) in found
    assert ("/home/u/.config/opencode/opencode.json", None) in found  # still read


def test_logs_move_with_the_variable_and_old_logs_are_still_read(
    isolated_home: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "codex-home"
    (moved / "log").mkdir(parents=True)
    (moved / "log" / "codex-tui.log").write_text("new\n")
    (isolated_home / ".codex" / "log").mkdir(parents=True)
    (isolated_home / ".codex" / "log" / "codex-tui.log").write_text("old\n")
    env = {"HOME": str(isolated_home), "CODEX_HOME": str(moved)}
    logs = log_files((BY_ID["codex"],), Bases.from_env(env, "linux"), None, "linux")
    assert sorted(str(f.path) for f in logs) == sorted(
        [str(moved / "log" / "codex-tui.log"), str(isolated_home / ".codex/log/codex-tui.log")]
    )


@pytest.mark.parametrize("client", CLIENTS, ids=lambda c: c.id)
@pytest.mark.parametrize("os_name", ["linux", "macos", "windows"])
def test_every_placeholder_is_declared_and_resolves(client, os_name: str) -> None:
    """A template naming an undeclared placeholder would fail only at scan time."""
    env = {"HOME": "C:/Users/u" if os_name == "windows" else "/home/u"}
    env.update(
        {r.var: ("C:/moved" if os_name == "windows" else "/moved") for r in client.relocations}
    )
    for with_env in ({"HOME": env["HOME"]}, env):
        bases = Bases.from_env(with_env, os_name)
        for spec in (*client.files, *client.logs):
            locate(spec, bases, Path("/p"), os_name, client.relocations)
    used = {
        name
        for spec in (*client.files, *client.logs)
        for t in (spec.linux, spec.macos, spec.windows)
        if t
        for name in PLACEHOLDER.findall(t)
    } | {n for r in client.relocations if r.default for n in PLACEHOLDER.findall(r.default)}
    assert {r.name for r in client.relocations} <= used, "a declared relocation nobody uses"


def test_demo_ignores_the_users_relocation_variables(isolated_home: Path, tmp_path: Path) -> None:
    """`--demo` audits the bundled home only, even when the user's CODEX_HOME is set."""
    moved_to, _ = _place(tmp_path, "CODEX_HOME", None, "config.toml", CODEX_TOML)
    proc = run_cli(
        "--demo", "scan", "--format", "json", home=isolated_home, env={"CODEX_HOME": moved_to}
    )
    report = json.loads(proc.stdout)
    assert report["servers"], proc.stderr
    assert not any(s["file"].startswith(moved_to) for s in report["servers"])
    assert not any(f["rule_id"] == "MCP904" for f in report["findings"])


async def test_tui_tree_marks_the_stale_default_file(isolated_home: Path, tmp_path: Path) -> None:
    from mcpaudit.tui.app import make_app
    from mcpaudit.tui.widgets.server_tree import ServerTree

    default = isolated_home / ".codex" / "config.toml"
    default.parent.mkdir()
    default.write_text(CODEX_TOML % "stale")
    moved_to, _ = _place(tmp_path, "CODEX_HOME", None, "config.toml", CODEX_TOML)
    env = {"HOME": str(isolated_home), "PATH": str(isolated_home / "bin"), "CODEX_HOME": moved_to}
    app = make_app(ScanOptions(env=env, project=isolated_home / "project"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        tree = app.screen.query_one(ServerTree)
        labels = [str(n.label) for n in tree.root.children[0].children]
    assert len(labels) == 2
    assert [lb for lb in labels if "(not read)" in lb] == [
        next(lb for lb in labels if ".codex/config.toml" in lb)
    ]
