"""What the screen shows, computed from a ScanResult without any Textual import.

Filtering, sorting, counts and display paths live here so they are testable on
their own and the widgets stay thin renderers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from mcpaudit.model import ConfigFile, FileStatus, Finding, ScanResult, Server, Severity
from mcpaudit.sanitize import one_line

SEVERITY_ORDER: tuple[Severity, ...] = tuple(sorted(Severity, key=lambda s: -s.rank))
SEVERITY_LETTER = {
    Severity.CRITICAL: "C",
    Severity.HIGH: "H",
    Severity.MEDIUM: "M",
    Severity.LOW: "L",
    Severity.INFO: "I",
}
# `s` cycles the minimum severity shown: everything, then critical only, high and up, …
SEVERITY_FLOORS: tuple[Severity | None, ...] = (None, *SEVERITY_ORDER[:-1])
SORT_COLUMNS: tuple[str, ...] = ("severity", "rule", "server", "title")


def display_path(path: str, home: str) -> str:
    """`~/.cursor/mcp.json` for paths under the audited home; others unchanged, sanitized."""
    if home:
        prefix = home.rstrip(os.sep) + os.sep
        if path.startswith(prefix):
            path = "~" + os.sep + path[len(prefix) :]
    return one_line(path, 300)


def shorten_home(text: str, home: str) -> str:
    """Every mention of the audited home folder written as `~` (lines of a launch plan)."""
    if not home:
        return text
    home = home.rstrip(os.sep)
    return text.replace(home + os.sep, "~" + os.sep).replace(home, "~")


def location_text(finding: Finding, home: str) -> str:
    where = display_path(finding.location.path or finding.file or "", home)
    return f"{where}:{finding.location.line}" if finding.location.line else where


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def worst(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)


def found_files(result: ScanResult) -> list[ConfigFile]:
    """Files that exist (ok, malformed or unreadable): the ones the tree shows."""
    return [f for f in result.files if f.status != FileStatus.MISSING]


def is_empty(result: ScanResult) -> bool:
    """Nothing to show: no config file was found anywhere."""
    return not found_files(result) and not result.servers


@dataclass(frozen=True)
class Scope:
    """What the tree selection narrows the table to (all None: everything)."""

    client: str | None = None
    file: str | None = None
    server_id: str | None = None
    server_ids: frozenset[str] | None = None  # a group of servers (one Claude Code project)
    files: frozenset[str] | None = None  # a known project's files
    label: str = field(default="", compare=False)  # the tree node's name, for the header

    @property
    def narrowed(self) -> bool:
        return any(
            v is not None
            for v in (self.client, self.file, self.server_id, self.server_ids, self.files)
        )

    def matches(self, finding: Finding) -> bool:
        if self.server_id is not None:
            return finding.server_id == self.server_id
        if self.server_ids is not None:
            return finding.server_id in self.server_ids
        if self.files is not None:
            return (finding.file or finding.location.path) in self.files
        if self.file is not None:
            return (finding.file or finding.location.path) == self.file
        if self.client is not None:
            return finding.client == self.client
        return True


@dataclass(frozen=True)
class FindingFilter:
    """The table's filters: tree scope, minimum severity and a search text."""

    scope: Scope = Scope()
    min_severity: Severity | None = None
    query: str = ""

    def matches(self, finding: Finding) -> bool:
        if self.min_severity is not None and finding.severity.rank < self.min_severity.rank:
            return False
        if not self.scope.matches(finding):
            return False
        if self.query:
            return self.query.casefold() in _haystack(finding)
        return True

    def next_severity(self) -> FindingFilter:
        i = SEVERITY_FLOORS.index(self.min_severity)
        return replace(self, min_severity=SEVERITY_FLOORS[(i + 1) % len(SEVERITY_FLOORS)])

    def describe(self) -> str:
        parts = []
        if self.scope.narrowed and self.scope.label:
            parts.append(f"in {one_line(self.scope.label, 60)}")
        if self.min_severity is not None:
            parts.append(f"severity ≥ {self.min_severity.value}")
        if self.query:
            parts.append(f"search “{one_line(self.query, 40)}”")
        return ", ".join(parts)


def empty_table_message(flt: FindingFilter, total: int) -> str:
    """The one line an empty table shows: why it is empty and the key that changes that."""
    if not total:
        return "No findings: nothing risky was seen in these configs."
    why, keys = [], []
    if flt.scope.narrowed:
        why.append(f"in {one_line(flt.scope.label, 60)}" if flt.scope.label else "in this part")
    if flt.min_severity is not None:
        why.append(f"at severity ≥ {flt.min_severity.value}")
        keys.append("press s to change")
    if flt.query:
        why.append(f"matching “{one_line(flt.query, 40)}”")
        keys.append("/ edits the search")
    if flt.scope.narrowed:  # last: the keys of the filters above fit a narrow table first
        keys.append("Enter on “All servers” widens")
    return f"No findings {' '.join(why)} — {', '.join(keys)}"


def _haystack(f: Finding) -> str:
    fields = (
        f.rule_id,
        f.category,
        f.severity.value,
        f.title,
        f.message,
        f.server or "",
        f.client or "",
        f.file or "",
        f.tool or "",
        f.evidence,
    )
    return "\n".join(fields).casefold()


def filter_findings(findings: Sequence[Finding], flt: FindingFilter) -> list[Finding]:
    return [f for f in findings if flt.matches(f)]


def sort_findings(findings: Sequence[Finding], column: str, reverse: bool = False) -> list[Finding]:
    """Sort by a table column; severity sorts worst first, ties keep the scan's order."""
    keys = {
        "severity": lambda f: -f.severity.rank,
        "rule": lambda f: f.rule_id,
        "server": lambda f: (f.server or "").casefold(),
        "title": lambda f: f.title.casefold(),
    }
    return sorted(findings, key=keys[column], reverse=reverse)


def findings_of_server(result: ScanResult, server: Server) -> list[Finding]:
    return [f for f in result.findings if f.server_id == server.id]


def safe_fixes(findings: Iterable[Finding]) -> list[Finding]:
    """Findings with a safe fix, one per fix id (two findings may share a fix)."""
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.fix is not None and f.fix.safe and f.fix.id not in seen:
            seen.add(f.fix.id)
            out.append(f)
    return out


def export_format() -> str:
    """Markdown when that format is available, else the text report."""
    from mcpaudit.report import FORMATS

    return "markdown" if "markdown" in FORMATS else "text"
