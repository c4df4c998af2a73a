"""The data every stage passes on: small frozen dataclasses, no behaviour beyond views.

discover -> parse -> model -> (inspect) -> rules -> findings. Everything here is
plain data so the CLI, the reports and the TUI render the same scan result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: critical=4 … info=0."""
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None


_SEVERITY_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}

# The fixed vocabulary of finding categories (DESIGN.md). A test keeps rules inside it.
CATEGORIES: tuple[str, ...] = (
    "secret_in_config",
    "secret_in_args",
    "secret_in_logs",
    "config_permissions",
    "unpinned_package",
    "known_vulnerable_package",
    "shell_command",
    "dangerous_docker",
    "broad_filesystem",
    "insecure_transport",
    "malicious_oauth",
    "tool_poisoning",
    "hidden_unicode",
    "ansi_escape",
    "tool_shadowing",
    "rug_pull",
    "auto_approve",
    "toxic_flow",
    "untrusted_source_code",
    "malformed_config",
)


@dataclass(frozen=True)
class Location:
    """Where a finding points: a file, a 1-based line (when known) and a JSON pointer."""

    path: str
    line: int | None = None
    pointer: str = ""
    column: int | None = None


@dataclass(frozen=True)
class Value:
    """A string taken from a config file, with the spot it came from.

    `reference` is set when the value is (only) a reference such as `${env:X}`,
    `${input:x}`, `${X}`, `$X` or `{env:X}`: the secret then lives elsewhere.
    """

    text: str
    pointer: str
    known_line: int | None = None
    key: str | None = None
    reference: str | None = None
    # Where `line` is looked up when `known_line` was not given: a config file with
    # 10,000 servers has ~40,000 values, and only those in a finding need their line.
    source: _LineSource | None = field(default=None, compare=False, repr=False)

    @property
    def line(self) -> int | None:
        """1-based line of the value in its file, or None when unknown."""
        if self.known_line is None and self.source is not None:
            return self.source.line_of(self.pointer)
        return self.known_line

    @property
    def is_reference(self) -> bool:
        return self.reference is not None


class _LineSource(Protocol):
    def line_of(self, pointer: str) -> int | None: ...


class Transport(StrEnum):
    STDIO = "stdio"
    HTTP = "http"
    SSE = "sse"
    WS = "ws"
    UNKNOWN = "unknown"


class FileStatus:
    """Status strings of a ConfigFile, as they appear in reports."""

    OK = "ok"
    MISSING = "missing"
    MALFORMED = "malformed"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class ConfigFile:
    """One config file a client reads, as mcpaudit found it.

    `data` is the parsed document (None when unreadable or malformed) and
    `document` gives positions for any JSON pointer inside it.
    """

    path: str
    client: str
    format: str
    scope: str
    status: str
    error: str | None = None
    error_line: int | None = None
    error_column: int | None = None
    sha256: str | None = None
    mode: int | None = None
    dir_mode: int | None = None
    owner_uid: int | None = None
    data: Any = field(default=None, compare=False, repr=False)
    document: Any = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = ()
    relocated_by: str | None = None  # the environment variable that put the file here
    not_read: str | None = None  # why the client does not read it (a variable moved it)
    project: str | None = None  # the project folder a project-scope file belongs to
    # Keys defined twice in one object: (pointer, every line it is on); the last one wins.
    duplicate_keys: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def line_of(self, pointer: str) -> int | None:
        """1-based line of the value at `pointer`, or None when unknown."""
        if self.document is None:
            return None
        return self.document.line_of(pointer)


@dataclass(frozen=True)
class Tool:
    name: str
    description: str = ""
    input_schema: Mapping[str, Any] = field(default_factory=dict)
    kind: str = "tool"  # tool | prompt | resource | resource_template
    title: str = ""
    # readOnlyHint, destructiveHint, openWorldHint…: the server's hints (not in the pins)
    annotations: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Server:
    """One MCP server entry in one config file."""

    name: str
    client: str
    file: str
    pointer: str
    line: int | None
    transport: Transport
    scope: str = "user"
    command: Value | None = None
    args: tuple[Value, ...] = ()
    env: tuple[Value, ...] = ()
    cwd: Value | None = None
    url: Value | None = None
    headers: tuple[Value, ...] = ()
    disabled: bool = False
    auto_approve: tuple[Value, ...] = ()
    project: str | None = None
    # The entry exactly as parsed (nested keys too), so rules need not walk the file again.
    entry: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # What switched the server off (a file and key, or "not approved"), when `disabled`.
    disabled_by: str | None = None
    # Where it is switched off while it still runs elsewhere (e.g. the projects whose
    # disabledMcpServers name a user-scope server); `disabled` stays False then.
    disabled_in: tuple[str, ...] = ()
    # The extension or plugin that brought the server ("Claude Code plugin x@market").
    origin: str | None = None

    def __hash__(self) -> int:
        # Servers key caches in the rules; hashing every field (env, args…) each time is slow.
        return hash(self.id)

    @cached_property
    def id(self) -> str:
        """Stable id: same file, same entry -> same id across scans (computed once)."""
        digest = hashlib.sha256(f"{self.client}\0{self.file}\0{self.pointer}".encode()).hexdigest()
        return f"{self.client}:{self.name}:{digest[:8]}"

    @property
    def command_line(self) -> list[str]:
        parts = [self.command.text] if self.command else []
        return parts + [a.text for a in self.args]


@dataclass(frozen=True)
class Edit:
    """One change at one JSON pointer; the fix engine turns it into a text edit."""

    op: str  # set | delete | append | chmod | rename ...
    pointer: str = ""
    value: Any = None


@dataclass(frozen=True)
class Fix:
    id: str
    rule_id: str
    description: str
    safe: bool
    path: str
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule_id: str
    category: str
    severity: Severity
    title: str
    message: str
    location: Location
    client: str | None = None
    file: str | None = None
    server: str | None = None
    server_id: str | None = None
    tool: str | None = None
    evidence: str = ""  # always redacted and escaped before it gets here
    remediation: str = ""
    fix: Fix | None = None
    # The file as the fingerprint sees it: set by the scan to a path relative to the
    # project (`project:.mcp.json`) or home (`~/.cursor/mcp.json`), so that a baseline
    # made on one machine or checkout matches on another.
    fingerprint_path: str | None = None
    offer_fix: bool = True  # False: the rule judged that no fix fits (a collision of equals)

    @cached_property  # asked by suppressions, the baseline, every report and the TUI
    def fingerprint(self) -> str:
        """Identity that survives line moves: rule, file, server, pointer, evidence."""
        parts = (
            self.rule_id,
            self.fingerprint_path if self.fingerprint_path is not None else (self.file or ""),
            self.server or "",
            self.tool or "",
            self.location.pointer,
            self.evidence,
        )
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Suppressed:
    """A finding left out of the result by a suppression or a baseline, and why."""

    finding: Finding
    reason: str
    source: str  # "path/.mcpaudit.toml:12" or "baseline path/report.json"
    expires: str | None = None  # ISO date, for suppressions that have one


@dataclass(frozen=True)
class ClientReport:
    """A known client, and every file mcpaudit looked at for it."""

    id: str
    name: str
    files: tuple[ConfigFile, ...]


class ProjectStatus:
    """Status strings of a Project, as they appear in reports."""

    OK = "ok"
    MISSING = "missing"  # gone, renamed, or on a volume that is not mounted
    UNREADABLE = "unreadable"
    NOT_A_DIRECTORY = "not_a_directory"
    REMOTE = "remote"  # vscode-remote://, ssh, WSL, a container: not reachable from here
    SKIPPED = "skipped"  # over the limit of projects one scan looks into


@dataclass(frozen=True)
class Project:
    """A project folder some client's records name (or `--walk` found), and its state.

    `found_by` says whose records named it: "claude-code:projects", "vscode:workspaceStorage",
    "walk", "cwd" ... Each folder appears once, however many records name it.
    """

    path: str
    status: str
    found_by: tuple[str, ...] = ()
    error: str | None = None
    uri: str | None = None  # the record's URI when it was not a plain path


@dataclass(frozen=True)
class ScanResult:
    clients: tuple[ClientReport, ...]
    servers: tuple[Server, ...]
    findings: tuple[Finding, ...]
    home: str
    project: str | None = None
    started_at: str = ""
    duration_s: float = 0.0
    notes: tuple[str, ...] = ()
    tools: Mapping[str, tuple[Tool, ...]] = field(default_factory=dict)
    suppressed: tuple[Suppressed, ...] = ()
    online: Mapping[str, Any] = field(default_factory=dict)  # --online stages' reports ("osv")
    projects: tuple[Project, ...] = ()  # every project folder the clients' records name

    @property
    def files(self) -> tuple[ConfigFile, ...]:
        return tuple(f for c in self.clients for f in c.files)

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)
