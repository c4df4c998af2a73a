"""The scan result as a SQLite database, for fleet tools (osquery ATC) and ad-hoc SQL.

Built from the JSON report's dictionary (`report.jsonfmt.to_dict`), so every field has
the same meaning and the same redaction as there: a secret is never in the file, only
its ≤ 4-character prefix and length where the JSON report shows that. Lists and objects
(args, env keys, notes, found_by) are stored as JSON text. Written atomically by
`mcpaudit.output.write_report_built`: a reader (osquery on its schedule) never sees a
half-built database.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mcpaudit.model import ScanResult

# Bump when a table or column changes meaning or goes away (adding columns is compatible).
SCHEMA_VERSION = 1

# table -> columns (name, SQL type). Order is the order of `SELECT *` and of the ATC config.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "scan": (
        ("started_at", "TEXT"),
        ("duration_s", "REAL"),
        ("home", "TEXT"),
        ("project", "TEXT"),
        ("tool_name", "TEXT"),
        ("tool_version", "TEXT"),
        ("report_schema_version", "TEXT"),
        ("notes", "TEXT"),
    ),
    "clients": (("id", "TEXT"), ("name", "TEXT")),
    "files": (
        ("client", "TEXT"),
        ("path", "TEXT"),
        ("status", "TEXT"),
        ("format", "TEXT"),
        ("scope", "TEXT"),
        ("project", "TEXT"),
        ("error", "TEXT"),
        ("relocated_by", "TEXT"),
        ("not_read", "TEXT"),
    ),
    "projects": (
        ("path", "TEXT"),
        ("status", "TEXT"),
        ("found_by", "TEXT"),
        ("error", "TEXT"),
        ("uri", "TEXT"),
    ),
    "servers": (
        ("id", "TEXT"),
        ("client", "TEXT"),
        ("name", "TEXT"),
        ("file", "TEXT"),
        ("line", "INTEGER"),
        ("pointer", "TEXT"),
        ("scope", "TEXT"),
        ("project", "TEXT"),
        ("transport", "TEXT"),
        ("disabled", "INTEGER"),
        ("disabled_by", "TEXT"),
        ("disabled_in", "TEXT"),
        ("command", "TEXT"),
        ("args", "TEXT"),
        ("url", "TEXT"),
        ("env", "TEXT"),
    ),
    "tools": (("server_id", "TEXT"), ("name", "TEXT"), ("kind", "TEXT")),
    "findings": (
        ("rule_id", "TEXT"),
        ("category", "TEXT"),
        ("severity", "TEXT"),
        ("title", "TEXT"),
        ("message", "TEXT"),
        ("client", "TEXT"),
        ("file", "TEXT"),
        ("server", "TEXT"),
        ("server_id", "TEXT"),
        ("tool", "TEXT"),
        ("path", "TEXT"),
        ("line", "INTEGER"),
        ("pointer", "TEXT"),
        ("evidence", "TEXT"),
        ("remediation", "TEXT"),
        ("fingerprint", "TEXT"),
        ("fix_id", "TEXT"),
        ("fix_description", "TEXT"),
        ("fix_safe", "INTEGER"),
    ),
    "suppressed": (
        ("rule_id", "TEXT"),
        ("severity", "TEXT"),
        ("file", "TEXT"),
        ("server", "TEXT"),
        ("fingerprint", "TEXT"),
        ("reason", "TEXT"),
        ("source", "TEXT"),
        ("expires", "TEXT"),
    ),
    "schema_version": (("version", "INTEGER"),),
}


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _flag(value: Any) -> int | None:
    return None if value is None else int(bool(value))


def rows(report: Mapping[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table, from the JSON report's dictionary."""
    scan = report.get("scan", {})
    tool = report.get("tool", {})
    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    out["scan"].append(
        (
            scan.get("started_at"),
            scan.get("duration_s"),
            scan.get("home"),
            scan.get("project"),
            tool.get("name"),
            tool.get("version"),
            report.get("schema_version"),
            _json(scan.get("notes", [])),
        )
    )
    out["schema_version"].append((SCHEMA_VERSION,))
    for c in report.get("clients", []):
        out["clients"].append((c.get("id"), c.get("name")))
        for f in c.get("files", []):
            out["files"].append(
                (
                    c.get("id"),
                    f.get("path"),
                    f.get("status"),
                    f.get("format"),
                    f.get("scope"),
                    f.get("project"),
                    f.get("error"),
                    f.get("relocated_by"),
                    f.get("not_read"),
                )
            )
    # Projects arrive with laptop-wide discovery; absent or empty, the table stays empty.
    for p in report.get("projects") or []:
        if isinstance(p, Mapping):
            out["projects"].append(
                (
                    p.get("path"),
                    p.get("status"),
                    _json(p.get("found_by")),
                    p.get("error"),
                    p.get("uri"),
                )
            )
    for s in report.get("servers", []):
        out["servers"].append(
            (
                s.get("id"),
                s.get("client"),
                s.get("name"),
                s.get("file"),
                s.get("line"),
                s.get("pointer"),
                s.get("scope"),
                s.get("project"),
                s.get("transport"),
                _flag(s.get("disabled")),
                s.get("disabled_by"),
                _json(s.get("disabled_in", [])),
                s.get("command"),
                _json(s.get("args", [])),
                s.get("url"),
                _json(s.get("env", [])),
            )
        )
        for t in s.get("tools") or []:
            out["tools"].append((s.get("id"), t.get("name"), t.get("kind")))
    for f in report.get("findings", []):
        loc, fix = f.get("location") or {}, f.get("fix") or {}
        out["findings"].append(
            (
                f.get("rule_id"),
                f.get("category"),
                f.get("severity"),
                f.get("title"),
                f.get("message"),
                f.get("client"),
                f.get("file"),
                f.get("server"),
                f.get("server_id"),
                f.get("tool"),
                loc.get("path"),
                loc.get("line"),
                loc.get("pointer"),
                f.get("evidence"),
                f.get("remediation"),
                f.get("fingerprint"),
                fix.get("id"),
                fix.get("description"),
                _flag(fix.get("safe")) if fix else None,
            )
        )
    for x in report.get("suppressed", []):
        out["suppressed"].append(
            tuple(
                _json(x.get(k)) if isinstance(x.get(k), list | dict) else x.get(k)
                for k, _ in TABLES["suppressed"]
            )
        )
    return out


def create_tables(db: sqlite3.Connection) -> None:
    for name, columns in TABLES.items():
        db.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {t}' for c, t in columns)})")
    db.execute("CREATE INDEX findings_rule ON findings (rule_id)")
    db.execute("CREATE INDEX findings_server ON findings (server_id)")


def write_database(path: Path, table_rows: Mapping[str, Iterable[tuple[Any, ...]]]) -> None:
    """Create `path` (which must not exist) with every table and its rows."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = DELETE")  # no -wal/-shm files next to the report
        db.execute("BEGIN")
        create_tables(db)
        for name, columns in TABLES.items():
            marks = ", ".join("?" * len(columns))
            db.executemany(f"INSERT INTO {name} VALUES ({marks})", table_rows.get(name, ()))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    finally:
        db.close()


def build(result: ScanResult, path: Path) -> None:
    from mcpaudit.report.jsonfmt import to_dict

    write_database(path, rows(to_dict(result)))
