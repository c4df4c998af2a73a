"""SARIF 2.1.0 for code scanning (GitHub and other SARIF viewers).

Every registered rule is described in `tool.driver.rules` (with `security-severity`,
which GitHub uses to rank alerts); each finding is a result whose location is a URI
relative to a base id (`PROJECTROOT` for files in the audited project — the repository
in CI — or `HOME`), declared in `originalUriBaseIds`. `partialFingerprints` carries the
finding's fingerprint, which leaves line numbers out, so alerts follow edits.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from mcpaudit import PYPI_URL, __version__, rule_doc_url
from mcpaudit.baseline import SARIF_FINGERPRINT
from mcpaudit.model import FileStatus, Finding, ScanResult, Severity
from mcpaudit.report.escape import md_ours, unwrap
from mcpaudit.sanitize import clean

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = PYPI_URL

LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "2.0",
    Severity.INFO: "0.0",
}
PROJECT_BASE, HOME_BASE = "PROJECTROOT", "HOME"


def _dir_uri(path: str) -> str:
    uri = Path(path).absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"


class _Locator:
    """Turns a file path into a SARIF artifactLocation relative to the project or home."""

    def __init__(self, result: ScanResult) -> None:
        self.bases: list[tuple[str, str]] = []
        if result.project:
            self.bases.append((PROJECT_BASE, result.project))
        if result.home:
            self.bases.append((HOME_BASE, result.home))

    def base_ids(self) -> dict[str, Any]:
        descriptions = {
            PROJECT_BASE: "The audited project directory (the repository root in CI).",
            HOME_BASE: "The home directory whose MCP client configs were audited.",
        }
        return {
            base: {"uri": _dir_uri(root), "description": {"text": descriptions[base]}}
            for base, root in self.bases
        }

    def artifact(self, path: str) -> dict[str, Any]:
        p = PurePath(path)
        for base, root in self.bases:
            try:
                rel = p.relative_to(root)
            except ValueError:
                continue
            return {"uri": quote(rel.as_posix()), "uriBaseId": base}
        if p.is_absolute():
            return {"uri": Path(p).as_uri()}
        return {"uri": quote(p.as_posix())}


def _rules() -> list[Any]:
    from mcpaudit.rules.registry import load_all

    return sorted(load_all().values(), key=lambda r: r.id)


def _rule_descriptor(r: Any) -> dict[str, Any]:
    rationale = unwrap(r.rationale)
    help_text = f"{rationale}\n\nRemediation: {r.remediation}"
    return {
        "id": r.id,
        "name": _pascal(r.name),
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": rationale},
        "help": {
            "text": help_text,
            "markdown": f"{md_ours(rationale)}\n\n**Remediation:** {md_ours(r.remediation)}",
        },
        "helpUri": rule_doc_url(r.id),
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {
            "security-severity": SECURITY_SEVERITY[r.severity],
            "precision": "high",
            "problem.severity": _problem_severity(r.severity),
            "tags": ["security", "mcp", r.category],
            "category": r.category,
            "live": r.live,
            "fixable": r.fixable,
        },
    }


def _problem_severity(sev: Severity) -> str:
    return {"error": "error", "warning": "warning", "note": "recommendation"}[LEVEL[sev]]


def _pascal(name: str) -> str:
    """SARIF `name` is an identifier-like string: `config-syntax-error` -> ConfigSyntaxError."""
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-") if part)


def _result(f: Finding, index: int, locator: _Locator) -> dict[str, Any]:
    text = clean(f.message, keep_newlines=True)
    server = clean(f.server) if f.server else ""
    if server and server not in text:  # most messages already name their server
        text = f"{text} (server {server!r})"
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": LEVEL[f.severity],
        "message": {"text": text or clean(f.title)},
        "partialFingerprints": {SARIF_FINGERPRINT: f.fingerprint},
        "properties": {
            "severity": f.severity.value,
            "security-severity": SECURITY_SEVERITY[f.severity],
            "category": f.category,
            "client": f.client,
            "server": clean(f.server) if f.server else None,
            "tool": clean(f.tool) if f.tool else None,
            "pointer": clean(f.location.pointer),
            "evidence": clean(f.evidence),
            "fix": {"description": clean(f.fix.description), "safe": f.fix.safe} if f.fix else None,
        },
    }
    if index >= 0:
        out["ruleIndex"] = index
    path = f.location.path or f.file
    if path:
        physical: dict[str, Any] = {"artifactLocation": locator.artifact(path)}
        if f.location.line and f.location.line >= 1:
            region: dict[str, Any] = {"startLine": f.location.line}
            if f.location.column and f.location.column >= 1:
                region["startColumn"] = f.location.column
            physical["region"] = region
        location: dict[str, Any] = {"physicalLocation": physical}
        if f.location.pointer:
            location["logicalLocations"] = [
                {"fullyQualifiedName": clean(f.location.pointer), "kind": "member"}
            ]
        out["locations"] = [location]
    return out


def _notifications(result: ScanResult, locator: _Locator) -> list[dict[str, Any]]:
    """Files that could not be audited, as tool execution notifications."""
    notes: list[dict[str, Any]] = []
    for f in result.files:
        if f.status not in (FileStatus.MALFORMED, FileStatus.UNREADABLE):
            continue
        notes.append(
            {
                "level": "warning",
                "message": {"text": f"not scanned ({f.status}): {clean(f.error or '')}"},
                "locations": [{"physicalLocation": {"artifactLocation": locator.artifact(f.path)}}],
            }
        )
    return notes


def to_dict(result: ScanResult) -> dict[str, Any]:
    rules = _rules()
    index = {r.id: i for i, r in enumerate(rules)}
    locator = _Locator(result)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if result.started_at:
        invocation["startTimeUtc"] = result.started_at.replace("+00:00", "Z")
    notifications = _notifications(result, locator)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mcpaudit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(r) for r in rules],
            }
        },
        "originalUriBaseIds": locator.base_ids(),
        "invocations": [invocation],
        "results": [_result(f, index.get(f.rule_id, -1), locator) for f in result.findings],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "suppressed": len(result.suppressed),
            "notes": [clean(n) for n in result.notes],
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: ScanResult) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
