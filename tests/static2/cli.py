"""Run the real CLI on a temp home and pick findings out of its JSON report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

STATIC = ("--no-logs", "--no-processes", "--no-source")


def scan_json(home: Path, *extra: str, project: Path | None = None) -> dict[str, Any]:
    args = ["scan", "--format", "json", "--fail-on", "never", *STATIC, *extra]
    if project is not None:
        args += ["--project", str(project)]
    proc = run_cli(*args, home=home, cwd=project)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def findings(report: dict[str, Any], rule: str, server: str | None = None) -> list[dict]:
    return [
        f
        for f in report["findings"]
        if f["rule_id"] == rule and (server is None or f["server"] == server)
    ]


def one(report: dict[str, Any], rule: str, server: str | None = None) -> dict[str, Any]:
    found = findings(report, rule, server)
    assert len(found) == 1, [(f["rule_id"], f["server"], f["message"]) for f in report["findings"]]
    return found[0]


def where(f: dict[str, Any]) -> tuple[str, str | None, int | None, str]:
    """(server, file, line, severity) of a finding in the JSON report."""
    return f["server"], f["location"]["path"], f["location"]["line"], f["severity"]


def value_line(path: Path, text: str, after: str) -> int:
    """1-based line where the value `text` starts, the first after the line naming `after`
    (YAML folds long strings over several lines; JSON and TOML keep them on one)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    for n in range(start, len(lines)):
        line = lines[n]
        head = line.strip().removeprefix("- ").strip().strip("'\"")
        if text[:20] in line or (len(head) >= 4 and text.startswith(head)):
            return n + 1
    raise AssertionError(f"{text[:20]!r} not after {after!r} in {path}")
