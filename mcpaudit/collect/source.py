"""Walk the code each stdio server runs and look for dangerous sinks, within hard limits.

Only local files are read; nothing is executed or imported. A root shared by
several servers (one npx package configured in two clients) is scanned once.
Minified bundles are reported as opaque instead of being scanned line by line,
since a hit on a 40 000-character line tells the user nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mcpaudit.collect.bundles import attribute
from mcpaudit.collect.jssinks import language_for, scan_javascript
from mcpaudit.collect.patterns import JS_GATE, PYTHON_GATE
from mcpaudit.collect.pysinks import scan_python
from mcpaudit.collect.results import CodeRoot, OpaqueFile, SinkHit, Skipped, SourceScan
from mcpaudit.config.read import ReadError, open_regular, read_fd
from mcpaudit.walk import Walk, WalkLimits

_SKIP_DIRS = {
    "node_modules",  # dependencies: out of scope (and unbounded)
    ".git",
    "__pycache__",
    ".venv",
    "venv",
    ".tox",
    "test",
    "tests",
    "__tests__",
    "__mocks__",
    "spec",
    "examples",
    "docs",
    "coverage",
    ".cache",
}
_TEST_SUFFIXES = (".test.js", ".test.ts", ".spec.js", ".spec.ts", ".test.mjs", ".spec.mjs")


@dataclass(frozen=True)
class SourceLimits:
    max_files_per_root: int = 2000
    max_files: int = 6000
    max_file_bytes: int = 1_000_000
    time_budget_s: float = 15.0
    max_entries_per_root: int = 100_000  # directory entries listed, code or not


def is_minified(text: str) -> bool:
    """Long lines with little else: a bundler's output, not reviewable source."""
    if len(text) < 2048:
        return False
    lines = text.count("\n") + 1
    longest = max((len(line) for line in text.splitlines()), default=0)
    return longest >= 1000 and len(text) / lines >= 200


def language_of(path: Path, head: bytes = b"") -> str | None:
    name = path.name
    if name.endswith((".py", ".pyw")):
        return "python"
    lang = language_for(name)
    if lang:
        return lang
    if head.startswith(b"#!"):
        first = head.split(b"\n", 1)[0]
        if b"python" in first:
            return "python"
        if b"node" in first or b"deno" in first or b"bun" in first:
            return "javascript"
    return None


def scan_file(path: Path, limits: SourceLimits) -> list[SinkHit] | OpaqueFile | None:
    """Hits in one file, an OpaqueFile when it cannot be read as source, None when not code."""
    try:
        size = path.stat().st_size
        # Regular files only (a server "script" that is /proc/kmsg or a FIFO would block),
        # and the read has a deadline.
        fd = open_regular(path)
        try:
            data = read_fd(fd, limits.max_file_bytes + 1, path)
        finally:
            os.close(fd)
    except OSError as exc:
        return OpaqueFile(str(path), f"unreadable: {exc.strerror or exc}")
    except ReadError as exc:
        return OpaqueFile(str(path), f"unreadable: {exc}")
    language = language_of(path, data[:200])
    if language is None:
        return None
    if size > limits.max_file_bytes:
        return OpaqueFile(str(path), f"larger than {limits.max_file_bytes // 1000} kB")
    text = data.decode("utf-8", "replace")
    if path.name.endswith((".min.js", ".min.mjs")) or is_minified(text):
        return OpaqueFile(str(path), "minified bundle")
    gate = PYTHON_GATE if language == "python" else JS_GATE
    if gate.search(text) is None:
        return []
    if language == "python":
        try:
            return scan_python(text, str(path))
        except (SyntaxError, ValueError, RecursionError) as exc:
            return OpaqueFile(str(path), f"does not parse as Python: {exc.__class__.__name__}")
    try:
        return attribute(scan_javascript(data, str(path), language), text, path)
    except ImportError:
        return OpaqueFile(str(path), "no JavaScript parser installed (tree-sitter)")


def source_files(root: Path, walk: Walk | None = None) -> Iterator[Path]:
    """Code files under `root` in a stable order: a bounded walk (entries, time, depth)
    that never follows symlinked folders and stops at loops; `walk.truncated` says why
    it stopped early."""
    walk = walk or Walk(root, skip_dirs=_SKIP_DIRS)
    for path in walk.files():
        if not path.name.endswith(_TEST_SUFFIXES) and language_of(path) is not None:
            yield path


def scan_roots(roots: Iterable[CodeRoot], limits: SourceLimits | None = None) -> SourceScan:
    limits = limits or SourceLimits()
    roots = tuple(roots)
    started = time.monotonic()
    hits: list[tuple[str, SinkHit]] = []
    opaque: list[tuple[str, OpaqueFile]] = []
    skipped: list[Skipped] = []
    scanned = 0
    owners_of: dict[str, list[str]] = {}  # each root folder is scanned once
    for root in roots:
        owners_of.setdefault(root.path, []).append(root.server_id)
    for root_path, owner_list in owners_of.items():
        owners = tuple(owner_list)
        in_root = 0
        seen_lines: set[tuple[str, int, str]] = set()
        left = max(limits.time_budget_s - (time.monotonic() - started), 0.0)
        walk = Walk(
            Path(root_path),
            WalkLimits(max_entries=limits.max_entries_per_root, time_budget_s=left),
            skip_dirs=_SKIP_DIRS,
        )
        for path in source_files(Path(root_path), walk):
            if time.monotonic() - started > limits.time_budget_s:
                skipped.append(
                    Skipped(root_path, f"time budget of {limits.time_budget_s:g}s spent", owners)
                )
                break
            if in_root >= limits.max_files_per_root or scanned >= limits.max_files:
                skipped.append(
                    Skipped(root_path, f"file limit reached after {in_root} files", owners)
                )
                break
            result = scan_file(path, limits)
            if result is None:
                continue
            in_root += 1
            scanned += 1
            if isinstance(result, OpaqueFile):
                opaque.append((root_path, result))
                continue
            for hit in result:
                key = (hit.path, hit.line, hit.kind)
                if key not in seen_lines:  # one finding per kind and line
                    seen_lines.add(key)
                    hits.append((root_path, hit))
        if walk.truncated:
            skipped.append(Skipped(root_path, f"listing stopped: {walk.truncated}", owners))
    return SourceScan(
        roots=roots,
        hits=tuple(hits),
        opaque=tuple(opaque),
        skipped=tuple(skipped),
        files_scanned=scanned,
    )
