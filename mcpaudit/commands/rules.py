"""`mcpaudit rules`: every rule with its id, category, severity and rationale."""

from __future__ import annotations

import json
import sys

from mcpaudit.rules.registry import load_all


def run_rules_command(fmt: str) -> int:
    rules = sorted(load_all().values(), key=lambda r: r.id)
    if fmt == "json":
        payload = [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category,
                "severity": r.severity.value,
                "title": r.title,
                "rationale": r.rationale,
                "remediation": r.remediation,
                "live": r.live,
                "fixable": r.fixable,
            }
            for r in rules
        ]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return 0
    for r in rules:
        mode = " (live)" if r.live else ""
        sys.stdout.write(f"{r.id}  {r.severity.value:8} {r.category:24} {r.title}{mode}\n")
        for line in r.rationale.splitlines():
            sys.stdout.write(f"      {line}\n")
        sys.stdout.write("\n")
    return 0
