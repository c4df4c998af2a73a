"""Every client's project-scope files in each known project, found without guessing.

A folder opened in Claude Code can hold a `.cursor/mcp.json` too: each project is
searched for the project files of every client in the catalogue. The project's
top-level listing (read once by `known`) says which templates can match, so 500
projects cost 500 directory listings, not 500 x 35 stat calls.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from mcpaudit.clients.discover import Bases, locate
from mcpaudit.clients.spec import ClientSpec, FileSpec
from mcpaudit.model import ConfigFile, ProjectStatus
from mcpaudit.projects import records as rec
from mcpaudit.projects.known import DEFAULT_LIMIT, Known, merge
from mcpaudit.projects.workspace import workspace_folders


@dataclass(frozen=True)
class ProjectFile:
    client: ClientSpec
    spec: FileSpec
    path: Path
    project: str


def gather(
    files: list[ConfigFile],
    bases: Bases,
    env: Mapping[str, str],
    os_name: str,
    current: Path | None,
    extra: list[rec.Record] | None = None,
    limit: int = DEFAULT_LIMIT,
    records: bool = True,
) -> tuple[Known, list[tuple[str, Path]]]:
    """Every project the records name (the scan's own project first), and the
    `.code-workspace` files among the records as (client id, path). With
    `records=False` only `current` and `extra` (--walk) are used."""
    found = rec.Found()
    if current is not None:
        found.path(str(current), "cwd")
    if records:
        rec.from_loaded(files, found)
        rec.vscode_family(bases.values, os_name, found)
        rec.gemini_trusted(bases.values, env, found)
        rec.jetbrains_recent(bases.values, os_name, found)
    found.records.extend(extra or ())
    workspaces: dict[str, str] = {}
    for r in list(found.records):
        if r.workspace_file and r.path and r.path not in workspaces:
            if len(workspaces) >= limit:
                break
            workspaces[r.path] = r.found_by.split(":", 1)[0]
            try:
                workspace_folders(r, os_name, found)
            except (OSError, ValueError) as exc:
                found.notes.append(f"projects: {r.path}: not read ({exc})")
    known = merge(found.records, os_name, limit)
    known.notes[:0] = found.notes
    return known, [(cid, Path(p)) for p, cid in workspaces.items()]


def _first_part(template: str) -> str | None:
    """`{project}/.vscode/mcp.json` -> `.vscode`: the entry the project must hold."""
    if not template.startswith("{project}/"):
        return None
    first = template[len("{project}/") :].split("/", 1)[0]
    return None if any(ch in first for ch in "*?[{") else first


def project_files(
    known: Known,
    clients: tuple[ClientSpec, ...],
    bases: Bases,
    os_name: str,
    skip: set[str],
) -> Iterator[ProjectFile]:
    """Each existing project-scope file of every client in every readable project,
    leaving out the paths in `skip` (already read) and adding what it yields to it."""
    specs: list[tuple[ClientSpec, FileSpec, str | None]] = []
    for client in clients:
        for spec in client.files:
            template = spec.template_for(os_name)
            if template and "{project}" in template:
                specs.append((client, spec, _first_part(template)))
    for project in known.projects:
        if project.status != ProjectStatus.OK:
            continue
        names = known.entries.get(project.path, frozenset())
        folder = Path(project.path)
        for client, spec, first in specs:
            if first is not None and first not in names:
                continue
            for loc in locate(spec, bases, folder, os_name, client.relocations):
                for path in loc.paths:
                    text = str(path)
                    if text in skip or not os.path.lexists(path):
                        continue
                    skip.add(text)
                    yield ProjectFile(client, spec, path, project.path)
