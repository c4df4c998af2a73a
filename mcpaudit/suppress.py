"""Suppressions: findings a team has looked at and accepted, each with a reason.

Read from `.mcpaudit.toml` (`[[suppress]]`) or `pyproject.toml` (`[[tool.mcpaudit.suppress]]`)
in the project directory and the current directory, or from `--suppressions FILE`:

    [[suppress]]
    rule = "MCP201"            # a rule id, or a glob such as "MCP2*"
    server = "filesystem"      # a server name as configured (glob allowed)
    fingerprint = "3f2a9c…"    # one exact finding (see the JSON or SARIF report)
    reason = "pinned through our registry mirror"   # required
    expires = 2026-12-31       # optional; from the day after, it stops suppressing

An entry needs a reason and at least one of rule/server/fingerprint; all the ones given
must match. An expired entry suppresses nothing and is itself reported (rule MCP950), so
an accepted risk comes back for review instead of hiding forever.

The scanned repository must not decide the verdict (issue 20): a file found in a project
(or the current) directory, or given with `--suppressions` from inside the project, is
*scoped* to that directory: it hides only findings in files under it, never the user's
home findings. A rule or server pattern with wildcards is reported (rule MCP951), and
mcpaudit's own MCP95x findings cannot be suppressed. `--no-suppressions` ignores them all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any

from mcpaudit.config.document import ParseError, load_document
from mcpaudit.config.read import ReadError, read_bounded
from mcpaudit.config.tomlpos import split_dotted_key
from mcpaudit.model import Finding, Suppressed
from mcpaudit.settings import KEYS as TOP_KEYS

FILE_NAME = ".mcpaudit.toml"
KEYS = frozenset({"rule", "server", "fingerprint", "reason", "expires"})
MAX_BYTES = 1024 * 1024
_HEADER = re.compile(r"^\s*\[\[\s*(.+?)\s*\]\]\s*(?:#.*)?$")
_GLOB = frozenset("*?[")
# mcpaudit's findings about the suppressions themselves: a `rule = "*"` must not hide them.
UNSUPPRESSIBLE = frozenset({"MCP950", "MCP951"})


class SuppressionError(ValueError):
    """A suppressions file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Suppression:
    reason: str
    path: str
    line: int | None = None
    index: int = 0
    rule: str | None = None
    server: str | None = None
    fingerprint: str | None = None
    expires: date | None = None
    prefix: str = ""  # "" for .mcpaudit.toml, "/tool/mcpaudit" for pyproject.toml
    # The directory whose files it may cover (a project's own file); None: every finding
    # (a file the user named with --suppressions from outside the project).
    scope: str | None = None

    @property
    def wildcard(self) -> bool:
        """A rule or server pattern (`*`, `MCP2*`): it may hide findings nobody looked at."""
        return any(ch in _GLOB for v in (self.rule, self.server) if v for ch in v)

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    @property
    def pointer(self) -> str:
        return f"{self.prefix}/suppress/{self.index}"

    def describe(self) -> str:
        parts = [f"{k} {v}" for k, v in self.selectors()]
        return ", ".join(parts)

    def selectors(self) -> list[tuple[str, str]]:
        return [
            (k, v)
            for k, v in (
                ("rule", self.rule),
                ("server", self.server),
                ("fingerprint", self.fingerprint),
            )
            if v is not None
        ]

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires

    def in_scope(self, f: Finding) -> bool:
        """Is `f` in a file this suppression may speak for?"""
        if self.scope is None:
            return True
        return f.file is not None and _inside(f.file, self.scope)

    def matches(self, f: Finding) -> bool:
        return self.selects(f) and self.in_scope(f)

    def selects(self, f: Finding) -> bool:
        """Its rule/server/fingerprint fit `f` (wherever the finding is)."""
        if f.rule_id in UNSUPPRESSIBLE:
            return False
        if self.rule is not None and not fnmatchcase(f.rule_id, self.rule):
            return False
        if self.server is not None and (f.server is None or not fnmatchcase(f.server, self.server)):
            return False
        return self.fingerprint is None or f.fingerprint == self.fingerprint


@lru_cache(maxsize=4096)
def _real(path: str) -> str:
    return os.path.realpath(path)


def _inside(path: str, directory: str) -> bool:
    """`path` is `directory` or below it, symlinks resolved on both sides."""
    real, root = _real(path), _real(directory)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def candidate_files(dirs: Iterable[Path | None]) -> list[Path]:
    """The first of `.mcpaudit.toml` / `pyproject.toml` (with a [tool.mcpaudit]) per directory."""
    found: list[Path] = []
    seen: set[Path] = set()
    for d in dirs:
        if d is None:
            continue
        d = d.resolve()
        if d in seen:
            continue
        seen.add(d)
        own = d / FILE_NAME
        if own.is_file():
            found.append(own)
        elif _mentions_mcpaudit(d / "pyproject.toml"):
            found.append(d / "pyproject.toml")
    return found


def _mentions_mcpaudit(pyproject: Path) -> bool:
    """Only a pyproject.toml with a [tool.mcpaudit] table is ours to read (and to reject)."""
    try:
        return "tool.mcpaudit" in read_bounded(pyproject, MAX_BYTES).text
    except ReadError:
        return False


def discover(project: Path | None, cwd: Path | None = None) -> tuple[Suppression, ...]:
    """Suppressions from the project directory and the current directory."""
    result: list[Suppression] = []
    for path in candidate_files([project, cwd]):
        # Found in a directory: it speaks for that directory's files only.
        result.extend(load(path, scope=path.parent))
    return tuple(result)


def load_given(path: Path, project: Path | None) -> list[Suppression]:
    """`--suppressions FILE`: the user's own file applies everywhere, unless it lives in
    the scanned project (then the repository wrote it, and it is scoped like one found)."""
    inside = project is not None and _inside(str(path.absolute()), str(project))
    return load(path, scope=project if inside else None)


def load(path: Path, scope: Path | None = None) -> list[Suppression]:
    """Parse one suppressions file; raise SuppressionError with file and line on any problem.

    `scope`: the directory whose findings its entries may hide (None: all findings)."""
    try:
        doc = load_document(path, "toml", MAX_BYTES)
    except ReadError as exc:
        raise SuppressionError(f"{path}: {exc}") from None
    except ParseError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise SuppressionError(f"{where}: not valid TOML: {exc}") from None
    data: Any = doc.data
    pyproject = path.name == "pyproject.toml"
    if pyproject:
        data = data.get("tool", {}).get("mcpaudit", {})
        if not isinstance(data, dict):
            raise SuppressionError(f"{path}: [tool.mcpaudit] must be a table")
    # The file may hold settings too (mcpaudit.settings); anything else is a typo such as
    # `[[suppression]]`, which would otherwise silently suppress nothing.
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        table = "[tool.mcpaudit] " if pyproject else ""
        raise SuppressionError(
            f"{path}: unknown {table}key(s) {', '.join(unknown)} "
            f"(known: {', '.join(sorted(TOP_KEYS))})"
        )
    entries = data.get("suppress", [])
    if not isinstance(entries, list):
        raise SuppressionError(f"{path}: `suppress` must be an array of tables ([[suppress]])")
    prefix = ["tool", "mcpaudit"] if pyproject else []
    lines = _entry_lines(doc.text, [*prefix, "suppress"])
    if len(lines) != len(entries):
        lines = [None] * len(entries)  # inline array: no reliable line per entry
    where = str(scope.resolve()) if scope is not None else None
    return [
        replace(_entry(e, path, line, i, "/tool/mcpaudit" if pyproject else ""), scope=where)
        for i, (e, line) in enumerate(zip(entries, lines, strict=True))
    ]


def _entry_lines(text: str, key: list[str]) -> list[int | None]:
    lines: list[int | None] = []
    for n, line in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(line)
        if m and split_dotted_key(m.group(1)) == key:
            lines.append(n)
    return lines


def _entry(raw: Any, path: Path, line: int | None, index: int, prefix: str) -> Suppression:
    where = f"{path}:{line}" if line else f"{path} (suppress entry {index + 1})"
    if not isinstance(raw, dict):
        raise SuppressionError(f"{where}: a suppression must be a table")
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise SuppressionError(
            f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(KEYS))})"
        )
    for key in ("rule", "server", "fingerprint", "reason"):
        if key in raw and not isinstance(raw[key], str):
            raise SuppressionError(f"{where}: `{key}` must be a string")
    reason = str(raw.get("reason", "")).strip()
    if not reason:
        raise SuppressionError(f"{where}: a suppression needs a `reason`")
    if not any(raw.get(k) for k in ("rule", "server", "fingerprint")):
        raise SuppressionError(
            f"{where}: a suppression needs at least one of `rule`, `server`, `fingerprint`"
        )
    return Suppression(
        reason=reason,
        path=str(path),
        line=line,
        index=index,
        rule=raw.get("rule") or None,
        server=raw.get("server") or None,
        fingerprint=raw.get("fingerprint") or None,
        expires=_date(raw.get("expires"), where),
        prefix=prefix,
    )


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SuppressionError(f"{where}: `expires` must be a date such as 2026-12-31")


def apply(
    findings: Sequence[Finding], suppressions: Sequence[Suppression], today: date
) -> tuple[list[Finding], list[Suppressed], list[str]]:
    """Split findings into kept and suppressed; notes name entries that matched nothing."""
    active = [s for s in suppressions if not s.expired(today)]
    kept: list[Finding] = []
    hidden: list[Suppressed] = []
    used: set[int] = set()
    outside: dict[int, int] = {}  # entry -> findings it selects outside its directory
    for f in findings:
        hit = None
        for i, s in enumerate(active):
            if not s.selects(f):
                continue
            if s.in_scope(f):
                hit = i
                break
            outside[i] = outside.get(i, 0) + 1
        if hit is None:
            kept.append(f)
            continue
        used.add(hit)
        s = active[hit]
        expires = s.expires.isoformat() if s.expires else None
        hidden.append(Suppressed(f, s.reason, s.source, expires, covers=s.describe()))
    notes = [
        f"suppression at {s.source} ({s.describe()}) matched no finding"
        for i, s in enumerate(active)
        if i not in used and i not in outside
    ]
    notes.extend(
        f"suppression at {active[i].source} ({active[i].describe()}) applies only to files "
        f"under {active[i].scope}: {n} finding(s) elsewhere are still reported"
        for i, n in sorted(outside.items())
    )
    return kept, hidden, notes
