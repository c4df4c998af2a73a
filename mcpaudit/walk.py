"""Bounded directory walks: every folder mcpaudit lists is someone else's, and may be hostile.

A symlink under a scanned folder (`~/.claude/projects/x -> /`), two symlinks pointing at
each other, a bind mount of a parent, or a million empty folders must not walk the file
system or hang the scan. Every walk here

- lists at most `max_entries` directory entries and stops after `time_budget_s`,
- never descends into a symlinked folder (and a folder seen before, by device and
  inode, is not walked twice: loops through bind mounts end too),
- yields a symlinked *file* only when its target is inside the walk's root,
- and says why it stopped early (`truncated`), so the caller can report what was left.

Two entry points, both iterate lazily and share one budget per call:

    walk = Walk(root, limits, skip_dirs={"node_modules"})
    for path in walk.files():   # regular files under root, stable order
        ...
    walk.truncated               # None, or "entry limit of 200,000 reached" …

    found = bounded_glob("/home/u/.claude/projects/**/*.jsonl")
    found.paths, found.truncated
    glob_under(Path(cache), "_npx", "*", "node_modules")   # `cache` taken literally

Glob semantics: `*`, `?`, `[…]` match one path component (hidden names too), `**` any
number of folders (not following symlinked ones). Components without wildcards are
plain path steps and may be symlinks, as the user's own folders often are (dotfiles).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

_MAGIC = frozenset("*?[")


@dataclass(frozen=True)
class WalkLimits:
    max_entries: int = 200_000  # directory entries listed (files and folders alike)
    max_depth: int = 64
    time_budget_s: float = 5.0


@dataclass
class Walk:
    """One bounded walk of `root` (see the module docstring)."""

    root: Path
    limits: WalkLimits = field(default_factory=WalkLimits)
    skip_dirs: frozenset[str] = frozenset()
    truncated: str | None = None
    entries: int = 0
    _started: float = field(default_factory=time.monotonic, repr=False)
    _seen: set[tuple[int, int]] = field(default_factory=set, repr=False)
    _listings: dict[tuple[int, int], list[os.DirEntry[str]]] = field(
        default_factory=dict, repr=False
    )
    _real_root: str | None = field(default=None, repr=False)

    def over_budget(self) -> bool:
        """True (and `truncated` set) once the entry or time budget is spent."""
        if self.truncated is not None:
            return True
        if self.entries >= self.limits.max_entries:
            self.truncated = f"entry limit of {self.limits.max_entries:,} reached"
        elif time.monotonic() - self._started > self.limits.time_budget_s:
            self.truncated = f"time budget of {self.limits.time_budget_s:g}s spent"
        return self.truncated is not None

    def listdir(self, folder: Path) -> list[os.DirEntry[str]]:
        """The entries of `folder` (sorted by name), listed once per walk and counted against
        the budget; [] when it cannot be read or the budget is spent."""
        key = self._key(folder)
        if key is None:
            return []
        cached = self._listings.get(key)
        if cached is not None:
            return cached
        if self.over_budget():
            return []
        out: list[os.DirEntry[str]] = []
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    self.entries += 1
                    out.append(entry)
                    if self.over_budget():
                        break
        except OSError:
            pass
        out.sort(key=lambda e: e.name)
        self._listings[key] = out
        return out

    @staticmethod
    def _key(folder: Path) -> tuple[int, int] | None:
        try:
            st = os.stat(folder)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def first_visit(self, folder: Path) -> bool:
        """False for a folder walked before (a loop through a bind mount or hard link)."""
        key = self._key(folder)
        if key is None or key in self._seen:
            return False
        self._seen.add(key)
        return True

    def inside_root(self, path: str) -> bool:
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        real = os.path.realpath(path)
        root = self._real_root.rstrip(os.sep) + os.sep
        return real.startswith(root) or real == self._real_root

    def file_entry(self, entry: os.DirEntry[str]) -> bool:
        """A regular file, or a symlink to one inside the root (never to /dev, /proc…)."""
        try:
            if entry.is_symlink():
                return self.inside_root(entry.path) and stat.S_ISREG(os.stat(entry.path).st_mode)
            return entry.is_file(follow_symlinks=False)
        except OSError:
            return False

    def folder_entry(self, entry: os.DirEntry[str]) -> bool:
        try:
            return entry.is_dir(follow_symlinks=False) and entry.name not in self.skip_dirs
        except OSError:
            return False

    def files(self) -> Iterator[Path]:
        """Every regular file under `root`, depth first in name order, within the limits."""
        try:
            if not os.path.isdir(self.root):
                if os.path.isfile(self.root):
                    yield self.root
                return
        except OSError:
            return
        stack: list[tuple[Path, int]] = [(self.root, 0)]
        while stack:
            folder, depth = stack.pop()
            if not self.first_visit(folder):
                continue
            subdirs: list[Path] = []
            for entry in self.listdir(folder):
                if self.folder_entry(entry):
                    if depth + 1 <= self.limits.max_depth:
                        subdirs.append(Path(entry.path))
                elif self.file_entry(entry):
                    yield Path(entry.path)
            if self.over_budget():
                return
            stack.extend((d, depth + 1) for d in reversed(subdirs))

    def folders(self, top: Path) -> Iterator[Path]:
        """`top` and every folder below it (for `**`), not following symlinked folders."""
        stack: list[tuple[Path, int]] = [(top, 0)]
        while stack:
            folder, depth = stack.pop()
            if not self.first_visit(folder):
                continue
            yield folder
            if depth >= self.limits.max_depth:
                continue
            subdirs = [Path(e.path) for e in self.listdir(folder) if self.folder_entry(e)]
            if self.over_budget():
                return
            stack.extend((d, depth + 1) for d in reversed(subdirs))


@dataclass(frozen=True)
class GlobResult:
    paths: tuple[Path, ...]
    truncated: str | None = None  # why the listing stopped early, if it did


def has_magic(pattern: str) -> bool:
    return any(ch in _MAGIC for ch in pattern)


def glob_under(root: Path, *pattern: str, limits: WalkLimits | None = None) -> GlobResult:
    """`bounded_glob` of the components `pattern` below `root`, which is taken literally
    (a home folder named `a[1]` is not a pattern)."""
    walk = Walk(root, limits or WalkLimits())
    found = sorted(set(_match(walk, root, pattern))) if os.path.isdir(root) else []
    return GlobResult(tuple(found), walk.truncated)


def bounded_glob(pattern: str, limits: WalkLimits | None = None) -> GlobResult:
    """Existing paths matching `pattern` (absolute), sorted, within `limits`."""
    parts = Path(pattern).parts
    fixed = next((i for i, p in enumerate(parts) if has_magic(p)), len(parts))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    if fixed == len(parts):
        return GlobResult((root,) if os.path.lexists(root) else ())
    walk = Walk(root, limits or WalkLimits())
    found = sorted(set(_match(walk, root, parts[fixed:])))
    return GlobResult(tuple(found), walk.truncated)


def _match(walk: Walk, base: Path, rest: tuple[str, ...]) -> Iterator[Path]:
    if not rest:
        yield base
        return
    head, tail = rest[0], rest[1:]
    if head == "**":
        for folder in walk.folders(base):
            yield from _match(walk, folder, tail)
            if walk.over_budget():
                return
        return
    if not has_magic(head):
        step = base / head
        if tail:
            if os.path.isdir(step):
                yield from _match(walk, step, tail)
        elif os.path.lexists(step):
            yield step
        return
    for entry in walk.listdir(base):
        if not fnmatchcase(entry.name, head):
            continue
        if tail:
            # One level through a symlinked folder is bounded (no recursion follows it).
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                yield from _match(walk, Path(entry.path), tail)
        elif walk.file_entry(entry) or walk.folder_entry(entry):
            yield Path(entry.path)
