"""Read an OSV vulnerability record (GET /v1/vulns/{id}) into an `Advisory`, defensively.

A record is data from the network: every field may be missing, of the wrong type,
huge, or full of terminal escapes. Anything unexpected is skipped, never raised; text is
flattened to one clean line. Severity comes from `database_specific.severity` (GitHub's
LOW / MODERATE / HIGH / CRITICAL) or else the worst CVSS vector in `severity[]`, rated
with the `cvss` library.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mcpaudit.advisories import OSV, Advisory, package_key
from mcpaudit.osv.ranges import EVENT_KINDS, OsvRange, first_fixed_after
from mcpaudit.sanitize import one_line

# Ids end up in a URL path (/v1/vulns/{id}) and in reports: letters, digits and - . _ : only.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")
MAX_VERSIONS = 5000  # per affected entry; a record listing more is cut there
MAX_RANGES = 50
MAX_EVENTS = 200
MAX_ALIASES = 20
SUMMARY_CHARS = 200
GITHUB_SEVERITY = {"critical": "critical", "high": "high", "moderate": "medium", "low": "low"}
_RANK = ("info", "low", "medium", "high", "critical")


def valid_id(value: object) -> str | None:
    return value if isinstance(value, str) and ID_PATTERN.fullmatch(value) else None


def to_advisory(
    record: Any, ecosystem: str, name: str, listed_for: frozenset[str] = frozenset()
) -> Advisory | None:
    """The advisory `record` makes for package `name` in `ecosystem` (npm | PyPI), or None
    when the record is unusable, withdrawn, or does not name that package."""
    if not isinstance(record, Mapping) or record.get("withdrawn"):
        return None
    vid = valid_id(record.get("id"))
    if vid is None:
        return None
    wanted = package_key(ecosystem, name)
    ranges: list[OsvRange] = []
    versions: list[str] = []
    matched = False
    for entry in _dicts(record.get("affected")):
        package = entry.get("package")
        if not isinstance(package, Mapping):
            continue
        eco, pkg = package.get("ecosystem"), package.get("name")
        if not isinstance(eco, str) or not isinstance(pkg, str):
            continue
        if package_key(eco, pkg) != wanted or eco != ecosystem:
            continue
        matched = True
        ranges.extend(_ranges(entry.get("ranges")))
        versions.extend(_strings(entry.get("versions"), MAX_VERSIONS))
    if not matched:
        return None
    aliases = tuple(
        a for a in (valid_id(x) for x in _strings(record.get("aliases"), MAX_ALIASES)) if a
    )
    fixed = first_fixed_after(ecosystem, ranges, None)
    return Advisory(
        id=vid,
        aliases=aliases,
        ecosystem=ecosystem,
        package=name,
        affected="",
        fixed=fixed,
        severity=severity_of(record),
        summary=_summary(record),
        url=f"https://osv.dev/vulnerability/{vid}",
        ranges=tuple(ranges),
        versions=tuple(versions),
        source=OSV,
        listed_for=listed_for,
    )


def severity_of(record: Mapping[str, Any]) -> str:
    """critical | high | medium | low, or "" when the record rates nothing."""
    specific = record.get("database_specific")
    if isinstance(specific, Mapping):
        rated = specific.get("severity")
        if isinstance(rated, str) and rated.strip().lower() in GITHUB_SEVERITY:
            return GITHUB_SEVERITY[rated.strip().lower()]
    scores = [
        s.get("score")
        for s in _dicts(record.get("severity"))
        if s.get("type") in ("CVSS_V3", "CVSS_V4") and isinstance(s.get("score"), str)
    ]
    rated_all = [r for r in (_cvss(v) for v in scores[:5]) if r]
    return max(rated_all, key=_RANK.index) if rated_all else ""


def _cvss(vector: str) -> str | None:
    """The qualitative rating of a CVSS v3 / v4 vector (None when it does not parse)."""
    from cvss import CVSS3, CVSS4  # deferred: only --online reads CVSS vectors
    from cvss.exceptions import CVSSError

    try:
        if vector.startswith("CVSS:4"):
            rating = CVSS4(vector).severity
        else:
            rating = CVSS3(vector).severities()[0]
    except (CVSSError, ValueError, KeyError, IndexError, TypeError):
        return None
    rating = str(rating).lower()
    return "info" if rating == "none" else rating if rating in _RANK else None


def _summary(record: Mapping[str, Any]) -> str:
    summary = record.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        details = record.get("details")
        summary = details.strip().split("\n", 1)[0] if isinstance(details, str) else ""
    return one_line(summary[:2000], SUMMARY_CHARS)


def _ranges(value: Any) -> list[OsvRange]:
    out: list[OsvRange] = []
    for r in _dicts(value)[:MAX_RANGES]:
        kind = r.get("type")
        if not isinstance(kind, str):
            continue
        events: list[tuple[str, str]] = []
        for event in _dicts(r.get("events"))[:MAX_EVENTS]:
            for key in EVENT_KINDS:
                text = event.get(key)
                if isinstance(text, str) and len(text) <= 200:
                    events.append((key, text))
        if events:
            out.append(OsvRange(kind, tuple(events)))
    return out


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _strings(value: Any, limit: int) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value[:limit] if isinstance(v, str) and len(v) <= 200]
