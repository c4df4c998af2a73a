"""Baselines: report only what is new since a previous run, and fingerprints that allow it.

A baseline is a JSON report (`mcpaudit scan --format json -o baseline.json`) or a SARIF
log from mcpaudit. Findings are matched by fingerprint, which leaves line numbers out
and, once anchored here, names files relative to the project or home directory — so a
baseline survives edits above a finding and a checkout in another directory.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from mcpaudit.config.read import ReadError, read_bounded
from mcpaudit.model import Finding, Suppressed

MAX_BYTES = 64 * 1024 * 1024
SARIF_FINGERPRINT = "mcpaudit/v1"


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Baseline:
    path: str
    fingerprints: frozenset[str]

    def apply(self, findings: Sequence[Finding]) -> tuple[list[Finding], list[Suppressed]]:
        kept: list[Finding] = []
        known: list[Suppressed] = []
        for f in findings:
            if f.fingerprint in self.fingerprints:
                known.append(Suppressed(f, "already in the baseline", f"baseline {self.path}"))
            else:
                kept.append(f)
        return kept, known


def load_baseline(path: Path) -> Baseline:
    try:
        raw = read_bounded(path, MAX_BYTES)
    except ReadError as exc:
        raise BaselineError(f"baseline {path}: {exc}") from None
    try:
        data = json.loads(raw.text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"baseline {path}: not JSON (line {exc.lineno}: {exc.msg}); "
            "make one with `mcpaudit scan --format json -o FILE`"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("runs"), list):
        prints = _from_sarif(data)
    elif (
        isinstance(data, dict)
        and "schema_version" in data
        and isinstance(data.get("findings"), list)
    ):
        prints = _from_report(data)
    else:
        raise BaselineError(
            f"baseline {path}: not an mcpaudit JSON report or SARIF log; "
            "make one with `mcpaudit scan --format json -o FILE`"
        )
    if prints is None:
        raise BaselineError(
            f"baseline {path}: findings without fingerprints (made by an older mcpaudit?); "
            "make a new one with `mcpaudit scan --format json -o FILE`"
        )
    return Baseline(str(path), frozenset(prints))


def _from_report(data: dict) -> list[str] | None:  # type: ignore[type-arg]
    prints = [f.get("fingerprint") for f in data["findings"] if isinstance(f, dict)]
    if len(prints) != len(data["findings"]) or not all(isinstance(p, str) for p in prints):
        return None
    return prints  # type: ignore[return-value]


def _from_sarif(data: dict) -> list[str] | None:  # type: ignore[type-arg]
    prints: list[str] = []
    for run in data["runs"]:
        for result in (run or {}).get("results") or []:
            fp = ((result or {}).get("partialFingerprints") or {}).get(SARIF_FINGERPRINT)
            if not isinstance(fp, str):
                return None
            prints.append(fp)
    return prints


@functools.lru_cache(maxsize=1024)  # every finding of a file asks the same question
def portable_path(path: str | None, home: str | None, project: str | None) -> str | None:
    """`project:.mcp.json`, `~/.cursor/mcp.json`, or the path itself when outside both."""
    if not path:
        return path
    p = PurePath(path)
    for root, label in ((project, "project:"), (home, "~/")):
        if not root:
            continue
        try:
            return label + p.relative_to(root).as_posix()
        except ValueError:
            continue
    return path


def anchor(findings: Sequence[Finding], home: str | None, project: str | None) -> list[Finding]:
    """Give each finding a fingerprint path that does not depend on where the tree lives."""
    return [
        dataclasses.replace(f, fingerprint_path=portable_path(f.file, home, project))
        if f.fingerprint_path is None
        else f
        for f in findings
    ]
