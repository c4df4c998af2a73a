"""Projects the clients know: every project server is found with no --project, through
the real CLI, with its client, project, file and line."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import jsonschema

from mcpaudit.config.validate import load_schema
from tests.conftest import run_cli
from tests.projects.homes import laptop, write


def scan_json(home: Path, *args: str, env: dict[str, str] | None = None) -> dict:  # type: ignore[type-arg]
    out = run_cli(
        "scan", "--format", "json", "--no-processes", "--no-logs", "--fail-on", "never",
        *args, home=home, env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    jsonschema.validate(report, load_schema("report.schema.json"))
    return report


def by_name(report: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {s["name"]: s for s in report["servers"]}


def test_every_project_server_is_found_without_project(isolated_home: Path) -> None:
    p = laptop(isolated_home)
    report = scan_json(isolated_home)
    servers = by_name(report)
    expected = {
        "gh": ("claude-code", p["claude"], ".mcp.json"),
        "cur-in-claude": ("cursor", p["claude"], ".cursor/mcp.json"),
        "vs": ("vscode", p["vscode"], ".vscode/mcp.json"),
        "gem-ws": ("gemini-cli", p["ws"], ".gemini/settings.json"),
        "cur": ("cursor", p["cursor"], ".cursor/mcp.json"),
        "cx": ("codex", p["codex"], ".codex/config.toml"),
        "gem": ("gemini-cli", p["gemini"], ".gemini/settings.json"),
        "jb": ("junie", p["jetbrains"], ".junie/mcp/mcp.json"),
        "roo": ("roo-code", p["vscodium"], ".roo/mcp.json"),
    }
    for name, (client, project, rel) in expected.items():
        s = servers[name]
        assert (s["client"], s["project"], s["file"]) == (client, str(project), str(project / rel))
        assert isinstance(s["line"], int) and s["line"] >= 1
    # The workspace file's own servers, under the workspace's folder.
    assert servers["in-ws"]["file"].endswith("team.code-workspace")
    assert servers["in-ws"]["line"] == 4
    # Each literal token is a finding pointing at its project file and line.
    secret_files = {
        (f["server"], f["file"]) for f in report["findings"] if f["rule_id"] == "MCP101"
    }
    for name, (_, project, rel) in expected.items():
        assert (name, str(project / rel)) in secret_files


def test_projects_list_status_and_found_by(isolated_home: Path) -> None:
    p = laptop(isolated_home)
    report = scan_json(isolated_home)
    projects = {x["path"]: x for x in report["projects"]}
    claude = projects[str(p["claude"])]
    assert claude["status"] == "ok"
    # One entry however many records name it (a symlink to it included).
    assert set(claude["found_by"]) == {"claude-code:projects", "gemini-cli:trustedFolders"}
    assert str(isolated_home / "code" / "claude-link") not in projects
    assert [x["path"] for x in report["projects"]].count(str(p["claude"])) == 1
    assert projects[str(isolated_home / "gone")]["status"] == "missing"
    assert projects[str(p["vscode"])]["found_by"] == ["vscode:workspaceStorage"]
    assert projects[str(p["ws"])]["found_by"] == ["vscode:code-workspace"]
    assert projects[str(p["cursor"])]["found_by"] == ["cursor:recently-opened"]
    assert projects[str(p["codex"])]["found_by"] == ["codex:projects"]
    assert projects[str(p["jetbrains"])]["found_by"] == ["junie:recentProjects"]
    assert projects[str(p["vscodium"])]["found_by"] == ["vscode:recently-opened"]
    remote = projects["vscode-remote://ssh-remote%2Bbox/srv/app"]
    assert remote["status"] == "remote"
    windows = projects["C:/Users/dev/win-app"]
    assert windows["status"] == "missing" and "absolute" in windows["error"]
    # Project files carry their project too.
    files = [f for c in report["clients"] for f in c["files"] if f.get("project")]
    assert {"path": str(p["cursor"] / ".cursor" / "mcp.json")}.items() <= next(
        f for f in files if f["path"].endswith("cursor-app/.cursor/mcp.json")
    ).items()
    # Bad records are notes, never errors.
    notes = "\n".join(report["scan"]["notes"])
    assert "Code - Insiders/User/globalStorage/state.vscdb not read" in notes
    assert "d4/workspace.json: malformed" in notes


def test_approval_in_claude_json_applies_to_the_known_project(isolated_home: Path) -> None:
    p = laptop(isolated_home)
    write(
        p["claude"] / ".mcp.json",
        {"mcpServers": {"gh": {"command": "x"}, "other": {"command": "y"}}},
    )
    servers = by_name(scan_json(isolated_home))
    assert servers["gh"]["disabled"] is False  # approved in projects[<dir>].enabledMcpjsonServers
    assert servers["other"]["disabled"] is True
    assert "not approved" in servers["other"]["disabled_by"]


def test_claude_config_dir_projects(isolated_home: Path, tmp_path: Path) -> None:
    moved = tmp_path / "claude-config"
    proj = tmp_path / "elsewhere"
    write(proj / ".mcp.json", {"mcpServers": {"moved-srv": {"command": "node", "args": ["s.js"]}}})
    write(moved / ".claude.json", {"projects": {str(proj): {}}})
    report = scan_json(isolated_home, env={"CLAUDE_CONFIG_DIR": str(moved)})
    s = by_name(report)["moved-srv"]
    assert s["project"] == str(proj) and s["line"] == 3
    assert {x["path"]: x for x in report["projects"]}[str(proj)]["found_by"] == [
        "claude-code:projects"
    ]


def test_locked_state_vscdb_is_read_without_waiting(isolated_home: Path) -> None:
    p = laptop(isolated_home)
    db = isolated_home / ".config" / "Cursor" / "User" / "globalStorage" / "state.vscdb"
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")  # a running editor in the middle of a write
    try:
        started = time.monotonic()
        report = scan_json(isolated_home)
        assert time.monotonic() - started < 30
        # The editor's write still commits: the scan took no lock and left nothing behind.
        holder.execute("INSERT INTO ItemTable VALUES ('after-scan', '1')")
        holder.commit()
    finally:
        holder.close()
    assert not Path(str(db) + "-wal").exists()
    assert by_name(report)["cur"]["project"] == str(p["cursor"])
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"


def test_state_vscdb_with_wal_and_corrupt_json(isolated_home: Path) -> None:
    db = isolated_home / ".config" / "Code" / "User" / "globalStorage" / "state.vscdb"
    db.parent.mkdir(parents=True)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)")
    con.execute("INSERT INTO ItemTable VALUES ('history.recentlyOpenedPathsList', '{broken')")
    con.commit()  # the WAL stays while this connection is open
    try:
        report = scan_json(isolated_home)
    finally:
        con.close()
    notes = "\n".join(report["scan"]["notes"])
    assert "history.recentlyOpenedPathsList is not JSON" in notes  # the WAL was read


def test_no_projects_flag_keeps_to_the_cwd(isolated_home: Path) -> None:
    laptop(isolated_home)
    report = scan_json(isolated_home, "--no-projects")
    assert "gh" not in by_name(report)
    assert [x["found_by"] for x in report["projects"]] == []


def test_a_hundred_thousand_projects_do_not_hang(isolated_home: Path) -> None:
    projects = {f"/nowhere/p{i}": {} for i in range(100_000)}
    write(isolated_home / ".claude.json", {"projects": projects})
    started = time.monotonic()
    report = scan_json(isolated_home)
    assert time.monotonic() - started < 60
    assert len(report["projects"]) <= 5_001
    assert any("not looked at" in n for n in report["scan"]["notes"])


def test_clients_command_counts_projects(isolated_home: Path) -> None:
    laptop(isolated_home)
    out = run_cli("clients", "--format", "json", home=isolated_home)
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)["clients"]}
    assert rows["claude-code"]["projects"] == 2  # the symlink is the same project
    assert rows["vscode"]["projects"] == 4  # 2 folders, 1 remote, 1 from the workspace file
    assert rows["cursor"]["projects"] == 2
    text = run_cli("clients", home=isolated_home).stdout
    assert "projects" in text


def test_hostile_records_are_notes_not_crashes(isolated_home: Path, tmp_path: Path) -> None:
    ok = tmp_path / "fine"
    write(ok / ".mcp.json", {"mcpServers": {"fine": {"command": "node", "args": ["a.js"]}}})
    a, b = tmp_path / "loop-a", tmp_path / "loop-b"
    a.symlink_to(b)
    b.symlink_to(a)
    write(
        isolated_home / ".claude.json",
        {
            "projects": {
                "/nul\u0000byte": {},
                "relative/path": {},
                str(a): {},
                "/" + "x" * 5000: {},
                str(ok): {},
                str(ok / ".mcp.json"): {},  # a file, not a folder
            }
        },
    )
    storage = isolated_home / ".config" / "Code" / "User" / "workspaceStorage"
    write(storage / "w1" / "workspace.json", {"workspace": "file:///nul%00byte.code-workspace"})
    write(storage / "w2" / "workspace.json", {"folder": "file://server/share/proj%20x"})
    write(storage / "w3" / "workspace.json", ["not", "an", "object"])
    report = scan_json(isolated_home)
    assert by_name(report)["fine"]["project"] == str(ok)
    status = {p["path"]: p["status"] for p in report["projects"]}
    assert status[str(a)] == "unreadable"  # a symlink loop
    assert status["relative/path"] == "missing"
    assert status[str(ok / ".mcp.json")] == "not_a_directory"
    assert status["//server/share/proj x"] == "missing"  # a UNC share is not mounted here
