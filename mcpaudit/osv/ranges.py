"""Is one exact version affected by an OSV `affected` entry? The schema's evaluation, exactly.

An OSV range is not a semver range string: it is a timeline of events (`introduced`,
`fixed`, `last_affected`, `limit`) in the ecosystem's own version order, plus an
optional explicit `versions` list. Versions are ordered by node-semver for npm and by
`packaging` (PEP 440) for PyPI; `introduced: "0"` sorts before everything. Evaluation
follows the schema's `IsVulnerable` pseudocode (ossf/osv-schema, "Evaluation").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cmp_to_key, lru_cache
from typing import Any

EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")
# Only linear orders can be evaluated here; GIT ranges need the repository's history.
EVALUATED_TYPES = ("SEMVER", "ECOSYSTEM")


@dataclass(frozen=True)
class OsvRange:
    type: str  # SEMVER | ECOSYSTEM | GIT | …
    events: tuple[tuple[str, str], ...]  # (kind, version) in the record's order


class _Zero:
    """`introduced: "0"`: before any other version."""

    def __lt__(self, other: object) -> bool:
        return not isinstance(other, _Zero)

    def __gt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __ge__(self, other: object) -> bool:
        return isinstance(other, _Zero)


ZERO = _Zero()


@lru_cache(maxsize=8192)
def parse_version(ecosystem: str, text: str) -> Any | None:
    """A comparable version in `ecosystem`'s order, or None when it does not parse."""
    text = text.strip()
    from mcpaudit.advisories import plausible_version

    if not plausible_version(text):
        return None
    if ecosystem == "npm":
        import nodesemver

        try:
            parsed = nodesemver.make_semver(text.lstrip("v="), loose=False)
        except (ValueError, TypeError):
            return None
        return _NpmKey(parsed)
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except (InvalidVersion, ValueError):
        return None


class _NpmKey:
    """node-semver's SemVer with rich comparisons (it only offers `compare`)."""

    __slots__ = ("semver",)

    def __init__(self, semver: Any) -> None:
        self.semver = semver

    def _cmp(self, other: object) -> int:
        if isinstance(other, _Zero):
            return 1
        assert isinstance(other, _NpmKey)
        return int(self.semver.compare(other.semver))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _NpmKey) and self._cmp(other) == 0

    def __hash__(self) -> int:
        return hash(str(self.semver))

    def __lt__(self, other: object) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: object) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: object) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: object) -> bool:
        return self._cmp(other) >= 0


def affects(
    ecosystem: str, ranges: Sequence[OsvRange], versions: Sequence[str], version: str
) -> bool | None:
    """True/False when the entry says, None when it cannot be evaluated here (only GIT
    ranges, or versions that do not parse in this ecosystem's order)."""
    wanted = parse_version(ecosystem, version)
    if wanted is None:
        return True if version.strip() in versions else None
    if any(parse_version(ecosystem, v) == wanted for v in versions):
        return True
    decided = bool(versions)
    for r in ranges:
        verdict = _in_range(ecosystem, r, wanted)
        if verdict:
            return True
        decided = decided or verdict is not None
    return False if decided else None


def _in_range(ecosystem: str, r: OsvRange, wanted: Any) -> bool | None:
    if r.type not in EVALUATED_TYPES:
        return None
    timeline: list[tuple[Any, int, str]] = []
    limits: list[Any] = []
    for kind, text in r.events:
        at = ZERO if kind == "introduced" and text == "0" else parse_version(ecosystem, text)
        if kind == "limit" and "*" in text:
            continue  # "*" is infinity: no limit at all
        if at is None:
            return None  # one unreadable bound makes the whole range unknowable
        if kind == "limit":
            limits.append(at)
        else:
            timeline.append((at, EVENT_KINDS.index(kind), kind))
    if not any(kind == "introduced" for _, _, kind in timeline):
        return None  # invalid per the schema: there must be an introduced event
    if limits and not any(wanted < limit for limit in limits):
        return False
    vulnerable = False
    for at, _, kind in sorted(timeline, key=cmp_to_key(_compare_events)):
        if kind == "introduced" and wanted >= at:
            vulnerable = True
        elif (kind == "fixed" and wanted >= at) or (kind == "last_affected" and wanted > at):
            vulnerable = False  # fixed excludes its own version, last_affected includes it
    return vulnerable


def _compare_events(a: tuple[Any, int, str], b: tuple[Any, int, str]) -> int:
    """Version order, then introduced < fixed < last_affected at the same version."""
    if a[0] < b[0]:
        return -1
    if b[0] < a[0]:
        return 1
    return a[1] - b[1]


def first_fixed_after(
    ecosystem: str, ranges: Sequence[OsvRange], version: str | None
) -> str | None:
    """The lowest `fixed` above `version` (the release to move to); for no version, the
    highest `fixed` of all (clears every range)."""
    fixed = [
        (at, text)
        for r in ranges
        if r.type in EVALUATED_TYPES
        for kind, text in r.events
        if kind == "fixed" and (at := parse_version(ecosystem, text)) is not None
    ]
    if not fixed:
        return None
    wanted = parse_version(ecosystem, version) if version else None
    if wanted is None:
        return max(fixed, key=lambda f: f[0])[1]
    above = [f for f in fixed if f[0] > wanted]
    return min(above, key=lambda f: f[0])[1] if above else None
