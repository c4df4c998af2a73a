"""osquery automatic table construction (ATC) over every user's inventory database.

osquery globs `path` (`%` matches within one folder level), runs `query` against each
database it finds, read-only, and concatenates the rows; every column is TEXT there.
The rows of many users end up in one table, so each query adds the scanned `home`
from the `scan` table. docs/fleet.md shows these configurations; a test keeps the two
equal and runs each query against a real inventory file.
"""

from __future__ import annotations

from typing import Any

from mcpaudit.inventory.sqlite import TABLES

FILE_NAME = "inventory.sqlite"
# Where `mcpaudit scan --format sqlite -o …` is told to write, per user: platformdirs'
# user_state_dir("mcpaudit", appauthor=False) on each OS, with `%` for the user name.
PATHS = {
    "darwin": f"/Users/%/Library/Application Support/mcpaudit/{FILE_NAME}",
    "linux": f"/home/%/.local/state/mcpaudit/{FILE_NAME}",
    "windows": f"C:\\Users\\%\\AppData\\Local\\mcpaudit\\{FILE_NAME}",
}
# The tables a fleet asks about; `scan` says when each inventory was written (stale ones
# show), with the database's schema version.
EXPOSED = ("scan", "clients", "files", "projects", "servers", "tools", "findings")


def table_query(table: str) -> tuple[str, list[str]]:
    names = [name for name, _ in TABLES[table]]
    if table == "scan":
        version = "(SELECT version FROM schema_version) AS schema_version"
        query = f"SELECT {', '.join(names)}, {version} FROM scan"
        return query, [*names, "schema_version"]
    query = f"SELECT (SELECT home FROM scan) AS home, {', '.join(names)} FROM {table}"
    return query, ["home", *names]


def atc_config(platform: str) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in EXPOSED:
        query, columns = table_query(table)
        tables[f"mcpaudit_{table}"] = {
            "query": query,
            "path": PATHS[platform],
            "columns": columns,
            "platform": platform,
        }
    return {"auto_table_construction": tables}


def render(platform: str) -> str:
    """The configuration as JSON, column lists on one line (as docs/fleet.md shows it)."""
    import json
    import re

    text = json.dumps(atc_config(platform), indent=2, ensure_ascii=False)
    return re.sub(
        r"\[\n\s+(.*?)\n\s+\]",
        lambda m: "[" + re.sub(r",\n\s+", ", ", m[1]) + "]",
        text,
        flags=re.S,
    )


if __name__ == "__main__":  # python -m mcpaudit.inventory.osquery [darwin|linux|windows]
    import sys

    print(render(sys.argv[1] if len(sys.argv) > 1 else "darwin"))
