"""Who can replace the programs servers start: the real permission chain on disk.

For each program or script a server runs (the MCP304 targets), stat the file and every
directory above it: a directory others can write without the sticky bit, or that belongs
to another user, lets them swap the file between starts; so does a file others can write.
Paths that do not exist are recorded too (the rule then keeps its prefix check, lower).
Only `stat` calls: nothing is opened or run.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mcpaudit.model import Server

PATHS = "paths"  # key under RuleContext.extra


@dataclass(frozen=True)
class PathCheck:
    text: str  # the target as the config writes it
    path: str  # the absolute path that was checked ("" when it could not be resolved)
    exists: bool
    weak: str | None = None  # why someone else can replace it; None: only you (and root)


def check_targets(servers: Iterable[Server], env: Mapping[str, str]) -> dict[str, PathCheck]:
    """target text -> PathCheck, for every target of every server (POSIX only)."""
    from mcpaudit.rules.containment.shapes import exec_targets

    if os.name != "posix":
        return {}
    out: dict[str, PathCheck] = {}
    home = env.get("HOME") or str(Path.home())
    for server in servers:
        for value in exec_targets(server):
            if value.text not in out:
                out[value.text] = _check(value.text, env.get("PATH", ""), home)
    return out


def _check(text: str, search_path: str, home: str) -> PathCheck:
    raw = text.strip()
    if raw.startswith("~"):
        raw = home + raw[1:]
    if "/" not in raw:
        found = shutil.which(raw, path=search_path) if search_path else None
        if found is None:
            return PathCheck(text, "", False)
        raw = found
    if not os.path.isabs(raw):
        return PathCheck(text, "", False)
    real = os.path.realpath(raw)
    try:
        st = os.stat(real)
    except OSError:
        return PathCheck(text, real, False)
    return PathCheck(text, real, True, _weakness(Path(real), st))


def _weakness(path: Path, st: os.stat_result) -> str | None:
    me = os.getuid()
    if st.st_mode & stat.S_IWOTH:
        return f"{path} is writable by every user"
    if st.st_uid not in (me, 0):
        return f"{path} belongs to another user (uid {st.st_uid})"
    for folder in path.parents:
        try:
            dst = os.stat(folder)
        except OSError:
            continue
        if dst.st_mode & stat.S_IWOTH and not dst.st_mode & stat.S_ISVTX:
            return f"{folder} is writable by every user (mode {stat.S_IMODE(dst.st_mode):o})"
        if dst.st_uid not in (me, 0):
            return f"{folder} belongs to another user (uid {dst.st_uid})"
    return None
