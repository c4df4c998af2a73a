"""The JSON report: the machine contract (schema in mcpaudit/schemas/report.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from mcpaudit import __version__
from mcpaudit.model import Finding, Project, ScanResult, Server
from mcpaudit.sanitize import clean

SCHEMA_VERSION = "1.0"


def to_dict(result: ScanResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mcpaudit", "version": __version__},
        "scan": {
            "started_at": result.started_at,
            "duration_s": round(result.duration_s, 3),
            "home": result.home,
            "project": result.project,
            "notes": [clean(n) for n in result.notes],
            # Only with --online: what each network look-up did (e.g. "osv": status, url).
            **({"online": _online(result)} if result.online else {}),
        },
        "clients": [
            {
                "id": c.id,
                "name": c.name,
                "files": [
                    {
                        "path": f.path,
                        "status": f.status,
                        "format": f.format,
                        "scope": f.scope,
                        **({"error": clean(f.error)} if f.error else {}),
                        **({"relocated_by": f.relocated_by} if f.relocated_by else {}),
                        **({"not_read": clean(f.not_read)} if f.not_read else {}),
                        **({"project": f.project} if f.project else {}),
                    }
                    for f in c.files
                ],
            }
            for c in result.clients
        ],
        # Every project folder the clients' records name (and --walk found), once each.
        "projects": [project_dict(p) for p in result.projects],
        "servers": [server_dict(s, result) for s in result.servers],
        "findings": [finding_dict(f) for f in result.findings],
        "summary": summary(result),
        # Findings hidden by a suppression or the baseline, and why (for review).
        "suppressed": [
            {
                "rule_id": x.finding.rule_id,
                "severity": x.finding.severity.value,
                "file": x.finding.file,
                "server": clean(x.finding.server) if x.finding.server else None,
                "fingerprint": x.finding.fingerprint,
                "reason": clean(x.reason),
                "source": x.source,
                "expires": x.expires,
            }
            for x in result.suppressed
        ],
    }


def project_dict(p: Project) -> dict[str, Any]:
    return {
        "path": clean(p.path),
        "status": p.status,
        "found_by": list(p.found_by),
        **({"error": clean(p.error)} if p.error else {}),
        **({"uri": clean(p.uri)} if p.uri else {}),
    }


def _online(result: ScanResult) -> dict[str, Any]:
    return {
        key: {k: clean(v) if isinstance(v, str) else v for k, v in report.items()}
        for key, report in result.online.items()
    }


def server_dict(s: Server, result: ScanResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "client": s.client,
        "name": clean(s.name),
        "file": s.file,
        "line": s.line,
        "pointer": s.pointer,
        "scope": s.scope,
        "transport": s.transport.value,
        "disabled": s.disabled,
        # The switch that turned it off, and where it is off while running elsewhere.
        "disabled_by": clean(s.disabled_by) if s.disabled_by else None,
        "disabled_in": [clean(p) for p in s.disabled_in],
        # Commands and args may carry secrets: they are shown through the rules' redaction,
        # and here only with literal secrets masked.
        "command": clean(s.command.text) if s.command else None,
        "args": [clean(a) for a in masked_args(s)],
        "url": clean(masked_url(s.url.text)) if s.url else None,
        "env": sorted(v.key or "" for v in s.env),
    }
    if s.project:
        out["project"] = s.project
    if s.origin:
        out["origin"] = clean(s.origin)
    tools = result.tools.get(s.id)
    if tools is not None:
        out["tools"] = [{"name": clean(t.name), "kind": t.kind} for t in tools]
    return out


def masked_args(s: Server) -> list[str]:
    from mcpaudit.secrets_mask import mask_args  # deferred: pulls in the secret patterns

    return mask_args([a.text for a in s.args])


def masked_url(url: str) -> str:
    from mcpaudit.secrets_mask import mask_url

    return mask_url(url)


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "category": f.category,
        "severity": f.severity.value,
        "title": f.title,
        "message": clean(f.message),
        "client": f.client,
        "file": f.file,
        "server": clean(f.server) if f.server else None,
        "server_id": f.server_id,
        "tool": clean(f.tool) if f.tool else None,
        "location": {
            "path": f.location.path,
            "line": f.location.line,
            "pointer": f.location.pointer,
        },
        "evidence": clean(f.evidence),
        "remediation": f.remediation,
        "fingerprint": f.fingerprint,
        "fix": {"id": f.fix.id, "description": f.fix.description, "safe": f.fix.safe}
        if f.fix
        else None,
    }


def summary(result: ScanResult) -> dict[str, Any]:
    counts = {s: 0 for s in ("critical", "high", "medium", "low", "info")}
    for f in result.findings:
        counts[f.severity.value] += 1
    return {
        "files_found": sum(1 for f in result.files if f.status != "missing"),
        "servers": len(result.servers),
        "findings": len(result.findings),
        "by_severity": counts,
    }


def render(result: ScanResult) -> str:
    # json only uses its C encoder without indentation: huge reports stay compact and fast.
    indent = 2 if len(result.servers) + len(result.findings) < 2000 else None
    return json.dumps(to_dict(result), indent=indent, ensure_ascii=False) + "\n"
