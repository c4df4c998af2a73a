"""`mcpaudit rules`: every rule with its id, category, severity and rationale."""

from __future__ import annotations

import json
import sys
import textwrap

from mcpaudit.prose import plain
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
        # Plain text: the prose's `code` backticks are Markdown's, not the reader's.
        for paragraph in r.rationale.split("\n\n"):
            sys.stdout.write(
                textwrap.fill(
                    plain(paragraph), 94, initial_indent="      ", subsequent_indent="      "
                )
                + "\n"
            )
        sys.stdout.write(
            textwrap.fill(
                plain(r.remediation), 94, initial_indent="      to do: ", subsequent_indent="      "
            )
            + "\n\n"
        )
    return 0
