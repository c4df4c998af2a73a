"""`scan --format sqlite`: the inventory database, its documented queries, and osquery ATC."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from mcpaudit.inventory.osquery import EXPOSED, PATHS, atc_config
from mcpaudit.inventory.sqlite import SCHEMA_VERSION, TABLES, rows
from tests.conftest import REPO, run_cli

FLEET = (REPO / "docs" / "fleet.md").read_text()
DEMO = REPO / "mcpaudit" / "demo" / "home"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    """The demo home scanned twice, as SQLite and as JSON, by the real CLI."""
    work = tmp_path_factory.mktemp("inventory")
    home = work / "home"
    home.mkdir()
    db = work / "state" / "inventory.sqlite"
    db.parent.mkdir()
    proc = run_cli("--demo", "scan", "--format", "sqlite", "-o", str(db), home=home)
    report = run_cli("--demo", "scan", "--format", "json", home=home)
    return {"db": db, "proc": proc, "json": json.loads(report.stdout)}


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # as osquery opens it


def test_the_database_has_every_table_and_the_json_reports_rows(demo):
    assert demo["proc"].returncode == 1  # the demo has high findings: --fail-on high
    assert "wrote" in demo["proc"].stderr and "Traceback" not in demo["proc"].stderr
    db = connect(demo["db"])
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == set(TABLES)
    for name, columns in TABLES.items():
        got = [(r[1], r[2]) for r in db.execute(f"PRAGMA table_info({name})")]
        assert got == list(columns), name
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    report = demo["json"]
    (scan,) = db.execute("SELECT home, tool_name, tool_version FROM scan").fetchall()
    assert scan == (report["scan"]["home"], "mcpaudit", report["tool"]["version"])
    servers = db.execute("SELECT id, client, name, transport, command FROM servers").fetchall()
    assert sorted(servers) == sorted(
        (s["id"], s["client"], s["name"], s["transport"], s["command"]) for s in report["servers"]
    )
    findings = db.execute("SELECT rule_id, server, file, line, evidence FROM findings").fetchall()
    assert sorted(findings, key=repr) == sorted(
        (
            (f["rule_id"], f["server"], f["file"], f["location"]["line"], f["evidence"])
            for f in report["findings"]
        ),
        key=repr,
    )
    projects = db.execute("SELECT path, status, found_by FROM projects").fetchall()
    assert sorted(projects) == sorted(
        (p["path"], p["status"], json.dumps(p["found_by"])) for p in report.get("projects", [])
    )
    files = db.execute("SELECT count(*) FROM files").fetchone()[0]
    assert files == sum(len(c["files"]) for c in report["clients"])
    args = db.execute("SELECT args FROM servers WHERE name = 'linear-remote'").fetchone()[0]
    assert json.loads(args) == ["-y", "mcp-remote", "https://mcp.linear.app/sse"]


def test_no_secret_is_in_the_file_only_its_prefix_and_length(demo):
    literals = set()
    for path in DEMO.rglob("*"):
        if path.is_file():
            literals |= set(
                re.findall(r"(?:ghp|github_pat)_\w{30,}", path.read_text(errors="replace"))
            )
    assert literals, "the demo home carries a GitHub token"
    data = demo["db"].read_bytes()
    for secret in literals:
        assert secret.encode() not in data
        assert secret[8:24].encode() not in data
    db = connect(demo["db"])
    evidence = [r[0] for r in db.execute("SELECT evidence FROM findings WHERE rule_id='MCP101'")]
    assert any("ghp_…(" in e for e in evidence)


def test_new_inventory_gets_the_umask_mode_and_an_existing_one_keeps_its_own(tmp_path, demo):
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(demo["db"].stat().st_mode) == 0o666 & ~mask
    target = tmp_path / "inv.db"  # .db: the format follows the suffix
    target.write_bytes(b"old")
    target.chmod(0o640)
    proc = run_cli("--demo", "scan", "--fail-on", "never", "-o", str(target), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert connect(target).execute("SELECT count(*) FROM servers").fetchone()[0] > 10
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".inv")) == []


def test_sqlite_needs_a_file_and_a_bad_one_is_a_clear_error(tmp_path):
    proc = run_cli("--demo", "scan", "--format", "sqlite", home=tmp_path)
    assert proc.returncode == 2
    assert "--format sqlite writes a file: give it with -o PATH" in proc.stderr
    missing = tmp_path / "no" / "such" / "dir" / "inv.sqlite"
    proc = run_cli("--demo", "scan", "-o", str(missing), home=tmp_path)
    assert proc.returncode == 2
    assert f"cannot write {missing}" in proc.stderr and "Traceback" not in proc.stderr
    assert not missing.parent.exists()


def test_projects_table_takes_the_reports_projects_and_tolerates_none():
    report = {"scan": {"home": "/h"}, "tool": {}, "clients": [], "servers": [], "findings": []}
    assert rows(report)["projects"] == []
    report["projects"] = [{"path": "/h/app", "status": "found", "found_by": ["claude-code"]}]
    assert rows(report)["projects"] == [("/h/app", "found", '["claude-code"]', None, None)]


# --- the documentation, run as written --------------------------------------------------


def sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", FLEET, re.S)


def osquery_tables(path: Path) -> sqlite3.Connection:
    """What osquery builds from the ATC configuration: each table's query run against the
    file (opened read-only), every column TEXT, rows under the configured table name."""
    fleet = sqlite3.connect(":memory:")
    source = connect(path)
    for name, table in atc_config("darwin")["auto_table_construction"].items():
        cursor = source.execute(table["query"])
        assert [d[0] for d in cursor.description] == table["columns"], name
        columns = ", ".join(f"{c} TEXT" for c in table["columns"])
        fleet.execute(f"CREATE TABLE {name} ({columns})")
        marks = ", ".join("?" * len(table["columns"]))
        values = [tuple(None if v is None else str(v) for v in row) for row in cursor]
        fleet.executemany(f"INSERT INTO {name} VALUES ({marks})", values)
    return fleet


def test_the_atc_configuration_in_the_docs_is_the_one_mcpaudit_describes(demo):
    (block,) = re.findall(r"```json\n(.*?)```", FLEET, re.S)
    assert json.loads(block) == atc_config("darwin")
    for platform in ("linux", "windows"):
        assert json.dumps(PATHS[platform])[1:-1] in FLEET
    assert set(EXPOSED) >= {"clients", "files", "projects", "servers", "tools", "findings"}
    fleet = osquery_tables(demo["db"])
    for table in EXPOSED:
        got = fleet.execute(f"SELECT count(*) FROM mcpaudit_{table}").fetchone()[0]
        want = connect(demo["db"]).execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert got == want, table
    homes = {r[0] for r in fleet.execute("SELECT DISTINCT home FROM mcpaudit_servers")}
    assert homes == {demo["json"]["scan"]["home"]}


def test_every_query_in_the_docs_runs_and_the_fleet_ones_answer(demo):
    fleet, local = osquery_tables(demo["db"]), connect(demo["db"])
    answers = {}
    for sql in sql_blocks():
        db = fleet if "mcpaudit_" in sql else local
        answers[sql.splitlines()[0]] = db.execute(sql).fetchall()
    assert len(answers) == len(sql_blocks()) >= 6
    remote = next(v for k, v in answers.items() if "mcp-remote" in k or "s.args" in k)
    assert {r[2] for r in remote} == {"linear-remote"}
    tokens = next(v for k, v in answers.items() if "evidence" in k)
    assert tokens and all("GitHub" in r[5] and " chars) " in r[5] for r in tokens)
    assert {r[3] for r in tokens} >= {"github"}
    unpinned = next(v for k, v in answers.items() if k.startswith("-- every server"))
    assert {"linear-remote", "github"} <= {r[1] for r in unpinned}
