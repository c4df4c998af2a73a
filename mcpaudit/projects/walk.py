"""`scan --walk DIR...`: project configs under code folders no client has opened yet.

Bounded in depth, folders and time; skips version-control, dependency, virtual
environment and cache folders; never follows a symbolic link (so it cannot leave DIR
or loop); says what it skipped and why.
"""

from __future__ import annotations

import glob
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mcpaudit.clients.spec import ClientSpec
from mcpaudit.projects.records import Record

SKIP_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", "__pycache__",
        ".venv", "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        ".cache", ".gradle", ".next", ".nuxt", ".terraform", "target", ".cargo",
        "site-packages", ".idea", ".DS_Store",
    }
)  # fmt: skip


@dataclass(frozen=True)
class WalkLimits:
    max_depth: int = 6
    max_dirs: int = 20_000
    time_budget_s: float = 5.0


def _markers(clients: Sequence[ClientSpec], os_name: str) -> dict[str, list[str]]:
    """First path part after {project}/ -> the templates starting with it."""
    out: dict[str, list[str]] = {}
    for client in clients:
        for spec in client.files:
            t = spec.template_for(os_name)
            if t and t.startswith("{project}/"):
                first = t[len("{project}/") :].split("/", 1)[0]
                out.setdefault(first, []).append(t)
    return out


def _holds_config(folder: str, names: set[str], markers: dict[str, list[str]]) -> bool:
    for first, templates in markers.items():
        if first not in names:
            continue
        for t in templates:
            path = t.replace("{project}", glob.escape(folder))
            if any(ch in t for ch in "*?["):
                if glob.glob(path, include_hidden=True):
                    return True
            elif os.path.lexists(path):
                return True
    return False


def walk_roots(
    roots: Sequence[Path],
    clients: Sequence[ClientSpec],
    os_name: str,
    limits: WalkLimits | None = None,
) -> tuple[list[Record], list[str]]:
    """Records (found_by "walk") for each folder under `roots` holding a project config
    of any client (and each .code-workspace file), and notes on what was skipped."""
    limits = limits or WalkLimits()
    markers = _markers(clients, os_name)
    records: list[Record] = []
    notes: list[str] = []
    skipped: Counter[str] = Counter()
    examples: dict[str, str] = {}
    deadline = time.monotonic() + limits.time_budget_s
    visited = 0
    stopped = ""
    for root in roots:
        if not root.is_dir():
            notes.append(f"walk: {root} is not a directory; not searched")
            continue
        found_here = 0
        stack: list[tuple[str, int]] = [(str(root.absolute()), 0)]
        while stack:
            if visited >= limits.max_dirs:
                stopped = f"the limit of {limits.max_dirs:,} folders"
                break
            if time.monotonic() > deadline:
                stopped = f"the {limits.time_budget_s:g} s time limit"
                break
            folder, depth = stack.pop()
            visited += 1
            try:
                with os.scandir(folder) as it:
                    entries = list(it)
            except OSError as exc:
                reason = "unreadable" if isinstance(exc, PermissionError) else "could not list"
                skipped[reason] += 1
                examples.setdefault(reason, folder)
                continue
            names = {e.name for e in entries}
            if _holds_config(folder, names, markers):
                records.append(Record(folder, "walk"))
                found_here += 1
            subdirs: list[str] = []
            for e in entries:
                if e.name.endswith(".code-workspace") and e.is_file(follow_symlinks=False):
                    records.append(Record(e.path, "walk", workspace_file=True))
                try:
                    if e.is_symlink():
                        if e.is_dir():
                            skipped["symlink (not followed)"] += 1
                            examples.setdefault("symlink (not followed)", e.path)
                        continue
                    if not e.is_dir(follow_symlinks=False):
                        continue
                except OSError:
                    continue
                if e.name in SKIP_DIRS or os.path.exists(os.path.join(e.path, "pyvenv.cfg")):
                    skipped["dependency, VCS, venv or cache folder"] += 1
                    examples.setdefault("dependency, VCS, venv or cache folder", e.path)
                    continue
                subdirs.append(e.path)
            if depth >= limits.max_depth:
                if subdirs:
                    skipped[f"deeper than {limits.max_depth} levels"] += len(subdirs)
                    examples.setdefault(f"deeper than {limits.max_depth} levels", subdirs[0])
                continue
            stack.extend((d, depth + 1) for d in sorted(subdirs, reverse=True))
        notes.append(f"walk: {root}: {found_here} project folder(s) with MCP configs")
        if stopped:
            left = len(stack)
            notes.append(f"walk: stopped at {stopped}; {left:,} folder(s) not searched")
            break
    for reason, count in skipped.items():
        notes.append(f"walk: skipped {count:,} {reason} (e.g. {examples[reason]})")
    return records, notes
