"""Count MCP720-722 findings on real installed MCP server packages, graded before and after
the bundled-library rule (issue 18 item 7).

    .venv/bin/python scripts/measure_bundles.py PACKAGE_ROOT [PACKAGE_ROOT ...]

Each root is an installed package folder (`…/node_modules/<name>`, as npx leaves it).
"before" is the grade by tool-input reach alone (what MCP720-722 did until then), "after"
is the rules' grade now (bundled library -> low, download-and-run -> high). Prints one
line per package and per sink at medium or above after, then the totals. Reads files only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mcpaudit.collect.results import CodeRoot
from mcpaudit.collect.source import scan_roots
from mcpaudit.model import Severity
from mcpaudit.rules.source_code import _DESERIALIZE_SEVERITY, _EXECUTION_SEVERITY, _grade

_VERB = {"code_exec": "runs code", "shell": "runs a shell command", "deserialize": "on data"}


def _at_least_medium(severity: Severity) -> bool:
    return severity.rank >= Severity.MEDIUM.rank


def main(argv: list[str]) -> int:
    totals: Counter[str] = Counter()
    for arg in argv:
        root = Path(arg)
        try:
            manifest = json.loads((root / "package.json").read_text())
            name = f"{manifest.get('name')}@{manifest.get('version')}"
        except (OSError, ValueError):
            name = root.name
        scan = scan_roots([CodeRoot(str(root), str(root), "measure")])
        before = after = low_library = 0
        for _, hit in scan.hits:
            if hit.kind not in _VERB:
                continue
            table = _DESERIALIZE_SEVERITY if hit.kind == "deserialize" else _EXECUTION_SEVERITY
            old = table.get(hit.reach, Severity.LOW)
            new, message, _ = _grade(hit, _VERB[hit.kind], table)
            before += _at_least_medium(old)
            after += _at_least_medium(new)
            low_library += bool(hit.library) and not _at_least_medium(new)
            if _at_least_medium(new):
                where = f"{Path(hit.path).relative_to(root)}:{hit.line}"
                print(f"    {new.value:8} {where} {message}")
        opaque = len(scan.opaque)
        print(f"{name}: medium+ before {before}, after {after}; "
              f"low as bundled library {low_library}; opaque files {opaque}")  # fmt: skip
        totals.update(before=before, after=after, library=low_library, packages=1)
    print(
        f"TOTAL {totals['packages']} packages: medium+ before {totals['before']}, "
        f"after {totals['after']}; low as bundled library {totals['library']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
