"""Merge every record into one entry per project folder, each with its status.

A folder named by several clients (or by a symlink and its target) is one project with
every record in `found_by`. Bounded: at most `limit` distinct folders are looked at
(one stat and one directory listing each); the rest are counted in a note.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from mcpaudit.model import Project, ProjectStatus
from mcpaudit.projects.records import Record

DEFAULT_LIMIT = 5_000


@dataclass
class Known:
    """The projects (in first-seen order) and, for each one that can be read, the names
    of its top-level entries (so finding its config files costs no further stat)."""

    projects: list[Project] = field(default_factory=list)
    entries: dict[str, frozenset[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def merge(records: Iterable[Record], os_name: str, limit: int = DEFAULT_LIMIT) -> Known:
    pure = PureWindowsPath if os_name == "windows" else PurePosixPath
    by_text: dict[str, dict[str, object]] = {}
    over = 0
    for rec in records:
        if rec.workspace_file:
            continue
        key = _key(rec.path, os_name) if rec.path else f"uri:{rec.uri}"
        slot = by_text.get(key)
        if slot is None:
            if len(by_text) >= limit:
                over += 1
                continue
            slot = by_text[key] = {"rec": rec, "found_by": []}
        found_by: list[str] = slot["found_by"]  # type: ignore[assignment]
        if rec.found_by not in found_by:
            found_by.append(rec.found_by)
    known = Known()
    by_real: dict[tuple[int, int], int] = {}
    for key, slot in by_text.items():
        rec: Record = slot["rec"]  # type: ignore[assignment]
        found_by = tuple(slot["found_by"])  # type: ignore[arg-type]
        if rec.path is None:
            known.projects.append(
                Project(rec.uri or key, ProjectStatus.REMOTE, found_by, rec.unreachable, rec.uri)
            )
            continue
        path = key
        if not pure(path).is_absolute():
            known.projects.append(
                Project(
                    path,
                    ProjectStatus.MISSING,
                    found_by,
                    "not an absolute path on this system",
                    rec.uri,
                )
            )
            continue
        status, error, names = _look(path)
        if status == ProjectStatus.OK:
            try:
                st = os.stat(path)  # one call; a symlinked folder has its target's inode
                real = (st.st_dev, st.st_ino)
            except OSError:
                real = (-1, len(by_real))
            if real in by_real:  # a symlink to a project already listed
                i = by_real[real]
                first = known.projects[i]
                merged = tuple(dict.fromkeys(first.found_by + found_by))
                known.projects[i] = Project(
                    first.path, first.status, merged, first.error, first.uri
                )
                continue
            by_real[real] = len(known.projects)
            known.entries[path] = names
        known.projects.append(Project(path, status, found_by, error, rec.uri))
    if over:
        known.notes.append(
            f"projects: {over:,} more project record(s) not looked at (limit {limit:,} folders)"
        )
    return known


def _key(path: str, os_name: str) -> str:
    """One spelling per folder: normalised, no trailing separator."""
    if os_name == "windows":
        return (
            os.path.normpath(path.replace("/", "\\"))
            if os.name == "nt"
            else path.replace("/", "\\").rstrip("\\") or path
        )
    return os.path.normpath(path) if path.startswith("/") else path


def _look(path: str) -> tuple[str, str | None, frozenset[str]]:
    try:
        with os.scandir(path) as it:
            return ProjectStatus.OK, None, frozenset(e.name for e in it)
    except FileNotFoundError:
        return (
            ProjectStatus.MISSING,
            "not found (moved, deleted, or on a volume that is not mounted)",
            frozenset(),
        )
    except NotADirectoryError:
        return ProjectStatus.NOT_A_DIRECTORY, "not a directory", frozenset()
    except PermissionError:
        return ProjectStatus.UNREADABLE, "permission denied", frozenset()
    except OSError as exc:
        return ProjectStatus.UNREADABLE, exc.strerror or str(exc), frozenset()
    except ValueError:  # an embedded NUL character: no such folder can exist
        return ProjectStatus.MISSING, "not a valid path (it holds a NUL character)", frozenset()
