"""`mcpaudit clients`: every known client, where it keeps configs on this OS, what exists."""

from __future__ import annotations

import json
import sys

from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.model import FileStatus
from mcpaudit.sanitize import clean_tree, one_line
from mcpaudit.scan import ScanOptions, scan


def run_clients_command(options: ScanOptions, fmt: str) -> int:
    result = scan(options)
    servers_per_file: dict[str, int] = {}
    for s in result.servers:
        servers_per_file[s.file] = servers_per_file.get(s.file, 0) + 1
    # How many project folders each client's own records name (after merging).
    projects: dict[str, int] = {}
    for project in result.projects:
        for cid in {by.split(":", 1)[0] for by in project.found_by if ":" in by}:
            projects[cid] = projects.get(cid, 0) + 1
    rows = []
    for client in result.clients:
        spec = next((c for c in CLIENTS if c.id == client.id), None)
        files = [
            {
                "path": f.path,
                "status": f.status,
                "scope": f.scope,
                "servers": servers_per_file.get(f.path, 0),
                **({"relocated_by": f.relocated_by} if f.relocated_by else {}),
                **({"not_read": f.not_read} if f.not_read else {}),
            }
            for f in client.files
        ]
        rows.append(
            {
                "id": client.id,
                "name": client.name,
                "found": any(f["status"] != FileStatus.MISSING for f in files),
                "servers": sum(f["servers"] for f in files),
                "projects": projects.get(client.id, 0),
                "files": files,
                "sources": list(spec.sources) if spec else [],
                "unconfirmed": list(spec.unconfirmed) if spec else [],
            }
        )
    if fmt == "json":
        report = clean_tree({"home": result.home, "clients": rows})
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Paths come from globs over the user's disk: a file name can hold escape sequences.
    table = Table(title=f"MCP clients (home: {one_line(result.home, 500)})", show_lines=False)
    table.add_column("client")
    table.add_column("found")
    table.add_column("servers", justify="right")
    table.add_column("projects", justify="right")
    table.add_column("paths on this OS")
    for row in rows:
        paths = Text()
        for i, f in enumerate(row["files"]):
            if i:
                paths.append("\n")
            mark = {"ok": "✓", "missing": "·"}.get(f["status"], "!")
            style = {"ok": "green", "missing": "dim"}.get(f["status"], "red")
            paths.append(f"{mark} {one_line(f['path'], 500)}", style=style)
            if f["status"] not in ("ok", "missing"):
                paths.append(f" ({f['status']})", style="red")
            if "relocated_by" in f:
                paths.append(f" (via ${f['relocated_by']})", style="cyan")
            if "not_read" in f:
                paths.append(f" (not read: {one_line(f['not_read'], 500)})", style="yellow")
        table.add_row(
            row["name"],
            "yes" if row["found"] else "no",
            str(row["servers"]),
            str(row["projects"]),
            paths,
        )
    # Piped to a file, nothing is wrapped at 80 columns: whole paths, one per line.
    Console(width=None if sys.stdout.isatty() else 100_000).print(table)
    return 0
