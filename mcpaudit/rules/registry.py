"""The rule registry: each rule is a small function with a stable id and its doc.

Ids are grouped by family, like bandit's:
  MCP1xx secrets · MCP2xx supply chain · MCP3xx containment (shell, docker, file system)
  MCP4xx transport and remote · MCP5xx tool content (live) · MCP6xx approval and flows
  MCP7xx beyond the config (logs, processes, source) · MCP9xx config health
A rule's docstring is its rationale ("why is this dangerous"). Rules never do I/O.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from mcpaudit.clients.switches import awaiting_approval
from mcpaudit.model import CATEGORIES, ConfigFile, Finding, Fix, Location, Server, Severity, Value

T = TypeVar("T")


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at: the model, and live results when present."""

    files: tuple[ConfigFile, ...]
    servers: tuple[Server, ...]
    home: str
    project: str | None = None
    live: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def file(self, path: str) -> ConfigFile | None:
        return self._files_by_path.get(path)

    def server(self, server_id: str) -> Server | None:
        return self._servers_by_id.get(server_id)

    def extra_of(self, key: str, kind: type[T]) -> T | None:
        """`extra[key]` when its stage ran and left a `kind` there, else None."""
        value = self.extra.get(key)
        return value if isinstance(value, kind) else None

    @cached_property  # looked up by id by the log, process, source and OAuth rules
    def _servers_by_id(self) -> dict[str, Server]:
        return {s.id: s for s in self.servers}

    @cached_property  # asked once per server by several rules
    def _files_by_path(self) -> dict[str, ConfigFile]:
        by_path: dict[str, ConfigFile] = {}
        for f in self.files:
            by_path.setdefault(f.path, f)  # the first, as a linear search would find
        return by_path


Check = Callable[[RuleContext, "Rule"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    severity: Severity
    title: str
    rationale: str
    remediation: str
    check: Check = field(repr=False)
    live: bool = False  # needs live inspection data
    fixable: bool = False

    def finding(
        self,
        message: str,
        *,
        server: Server | None = None,
        at: Value | None = None,
        file: ConfigFile | str | None = None,
        pointer: str | None = None,
        line: int | None = None,
        evidence: str = "",
        severity: Severity | None = None,
        tool: str | None = None,
        fix: Fix | None = None,
        client: str | None = None,
    ) -> Finding:
        """Build a finding; the location comes from `at`, else the server, else the file."""
        path = file.path if isinstance(file, ConfigFile) else file
        if server is not None:
            path = path or server.file
            client = client or server.client
        if isinstance(file, ConfigFile):
            client = client or file.client
        if at is not None:
            pointer, line = at.pointer, at.line
        elif pointer is None and server is not None:
            pointer, line = server.pointer, server.line
        elif pointer is not None and line is None and isinstance(file, ConfigFile):
            line = file.line_of(pointer)
        severity = severity or self.severity
        # A risk that exists only while the server runs, on a server its client does not
        # start: still reported (it returns when switched on), one step lower. A .mcp.json
        # server waiting for approval is one key press from running: not lowered.
        if (
            server is not None
            and server.disabled
            and self.category in RUNTIME_ONLY
            and not awaiting_approval(server)
        ):
            severity = LOWER[severity]
            message = f"{message} (lowered: the server is off, {server.disabled_by})"
        return Finding(
            rule_id=self.id,
            category=self.category,
            severity=severity,
            title=self.title,
            message=message,
            location=Location(path or "", line, pointer or ""),
            client=client,
            file=path,
            server=server.name if server else None,
            server_id=server.id if server else None,
            tool=tool,
            evidence=evidence,
            remediation=self.remediation,
            fix=fix,
        )


# Categories whose risk needs the server running (not secrets or files on disk).
RUNTIME_ONLY = frozenset(
    {
        "unpinned_package",
        "known_vulnerable_package",
        "shell_command",
        "dangerous_docker",
        "broad_filesystem",
        "insecure_transport",
        "malicious_oauth",
        "auto_approve",
        "toxic_flow",
        "untrusted_source_code",
    }
)
LOWER = {
    Severity.CRITICAL: Severity.HIGH,
    Severity.HIGH: Severity.MEDIUM,
    Severity.MEDIUM: Severity.LOW,
    Severity.LOW: Severity.INFO,
    Severity.INFO: Severity.INFO,
}

RULES: dict[str, Rule] = {}


def rule(
    id: str,
    name: str,
    category: str,
    severity: Severity,
    title: str,
    remediation: str,
    *,
    live: bool = False,
    fixable: bool = False,
) -> Callable[[Check], Check]:
    """Register a rule; its docstring becomes the rationale shown to users."""

    def register(check: Check) -> Check:
        if id in RULES:
            raise ValueError(f"duplicate rule id {id}")
        if category not in CATEGORIES:
            raise ValueError(f"{id}: unknown category {category!r}")
        rationale = inspect.cleandoc(check.__doc__ or "")
        if not rationale:
            raise ValueError(f"{id}: a rule needs a docstring (its rationale)")
        RULES[id] = Rule(
            id, name, category, severity, title, rationale, remediation, check, live, fixable
        )
        return check

    return register


def load_all() -> dict[str, Rule]:
    """Import every rule family so the registry is complete."""
    from mcpaudit.rules import families  # noqa: F401  (imports register the rules)

    return RULES


def run_rules(
    ctx: RuleContext, include_live: bool = False, notes: list[str] | None = None
) -> list[Finding]:
    """Every rule's findings. A rule that crashes (a bug met by hostile input) keeps what it
    found so far, is named in `notes` (when given) and the other rules still run."""
    from mcpaudit.rules.remedies import fit

    findings: list[Finding] = []
    for r in load_all().values():
        if r.live and not include_live:
            continue
        try:
            for finding in r.check(ctx, r):
                findings.append(fit(finding, ctx))  # the remediation for its own client
        except Exception as exc:
            if notes is None:
                raise
            notes.append(f"rule {r.id} failed: {type(exc).__name__}: {exc}"[:300])
    return findings
