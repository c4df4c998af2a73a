"""The offline advisory table (mcpaudit/data/advisories.json) and real version-range matching.

npm ranges are matched with node-semver (a port of npm's own `semver` package), PyPI
ranges with `packaging` (PEP 440). The table ships with the package: reading it is
loading data, not inspecting the user's machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcpaudit.osv.ranges import OsvRange

BUNDLED = "bundled advisory table"
OSV = "OSV"


@dataclass(frozen=True)
class Advisory:
    id: str
    aliases: tuple[str, ...]
    ecosystem: str  # npm | PyPI
    package: str
    affected: str
    fixed: str | None
    severity: str
    summary: str
    url: str
    # An OSV record carries its own ranges (an event timeline and/or exact versions)
    # instead of `affected`; `source` says where the advisory came from.
    ranges: tuple[OsvRange, ...] = ()
    versions: tuple[str, ...] = ()
    source: str = BUNDLED
    listed_for: frozenset[str] = frozenset()  # versions OSV itself named as affected
    malicious: bool = False  # a malicious release (OSV MAL-*, Snyk): critical whatever the pin

    @property
    def label(self) -> str:
        return " / ".join((*[a for a in self.aliases if a.startswith("CVE-")], self.id))

    @property
    def keys(self) -> frozenset[str]:
        """Every name this vulnerability goes by (its id and aliases)."""
        return frozenset((self.id, *self.aliases))

    @property
    def from_osv(self) -> bool:
        return bool(self.ranges or self.versions or self.listed_for)

    def affects(self, version: str) -> bool:
        """Is this exact `version` inside the affected range?"""
        if not self.from_osv:
            return in_range(self.ecosystem, self.affected, version)
        from mcpaudit.osv.ranges import affects

        verdict = affects(self.ecosystem, self.ranges, self.versions, version)
        # Unknowable here (a GIT range, an odd version): trust OSV's own answer for it.
        return verdict if verdict is not None else version in self.listed_for

    def fixed_for(self, version: str | None) -> str | None:
        """The release that fixes this advisory for `version` (None: for every version)."""
        if not self.from_osv:
            return self.fixed
        from mcpaudit.osv.ranges import first_fixed_after

        return first_fixed_after(self.ecosystem, self.ranges, version) or self.fixed


@lru_cache(maxsize=4096)  # thousands of servers share a few package versions
def in_range(ecosystem: str, affected: str, version: str) -> bool:
    """Is `version` inside the `affected` range (npm semver or PEP 440 syntax)?"""
    # Deferred: only a configured package with advisories needs the range libraries.
    import nodesemver
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    version = version.lstrip("v=").strip()
    if ecosystem == "npm":
        if nodesemver.valid(version, loose=False) is None:
            return False
        return bool(nodesemver.satisfies(version, affected, loose=False))
    try:
        parsed = Version(version)
    except InvalidVersion:
        return False
    for alternative in affected.split("||"):
        try:
            spec = SpecifierSet(",".join(alternative.split()))
        except InvalidSpecifier:
            continue
        if spec.contains(parsed, prereleases=True):
            return True
    return False


@cache
def advisories() -> tuple[Advisory, ...]:
    raw = resources.files("mcpaudit").joinpath("data/advisories.json").read_text("utf-8")
    return tuple(
        Advisory(
            id=a["id"],
            aliases=tuple(a.get("aliases", ())),
            ecosystem=a["ecosystem"],
            package=a["package"],
            affected=a["affected"],
            fixed=a.get("fixed"),
            severity=a["severity"],
            summary=a["summary"],
            url=a["url"],
            malicious=bool(a.get("malicious", False)) or a["id"].startswith("MAL-"),
        )
        for a in json.loads(raw)["advisories"]
    )


def highest_fixed(found: list[Advisory]) -> str | None:
    """The fixed version that clears every advisory in `found` (the highest one)."""
    from packaging.version import InvalidVersion, Version

    fixed = [a.fixed for a in found if a.fixed]
    try:
        return max(fixed, key=Version) if fixed else None
    except InvalidVersion:
        return fixed[-1] if fixed else None


def merge(bundled: Iterable[Advisory], online: Iterable[Advisory]) -> list[Advisory]:
    """The bundled advisories refreshed by `online` ones, each vulnerability once.

    Two advisories are the same vulnerability when their ids or aliases meet (OSV serves a
    GHSA and a PYSEC record for one PyPI flaw). A bundled entry that OSV also knows takes
    OSV's fresher ranges, fix and severity but keeps its own id and URL, so a finding's
    fingerprint, baselines and suppressions do not change with `--online`.
    """
    merged = list(bundled)
    for adv in online:
        same = next((i for i, m in enumerate(merged) if m.keys & adv.keys), None)
        if same is None:
            merged.append(adv)
            continue
        old = merged[same]
        if old.source != BUNDLED:  # two OSV records of one vulnerability: keep the first
            merged[same] = replace(
                old,
                aliases=_union(old.aliases, adv.keys - {old.id}),
                listed_for=old.listed_for | adv.listed_for,
            )
            continue
        merged[same] = replace(
            adv,
            id=old.id,
            aliases=_union(old.aliases, adv.keys - {old.id}),
            url=old.url,
            summary=adv.summary or old.summary,
            fixed=adv.fixed or old.fixed,
            severity=adv.severity or old.severity,
            source=f"{BUNDLED}, refreshed from {OSV}",
        )
    return merged


def _union(first: tuple[str, ...], more: Iterable[str]) -> tuple[str, ...]:
    return (*first, *sorted(set(more) - set(first)))


def _normal(ecosystem: str, name: str) -> str:
    if ecosystem != "PyPI":
        return name.strip().lower()
    # Deferred like the range libraries: only a configured PyPI package needs it.
    from packaging.utils import canonicalize_name  # PEP 503: runs of -_. are one "-"

    return canonicalize_name(name.strip())


def package_key(ecosystem: str, name: str) -> tuple[str, str]:
    """(ecosystem, name) as the registry compares names (PEP 503 for PyPI)."""
    return ecosystem, _normal(ecosystem, name)


def for_package(ecosystem: str, name: str) -> list[Advisory]:
    """Advisories for a package name (`npm` or `PyPI`), whatever its version."""
    return list(_by_package().get((ecosystem, _normal(ecosystem, name)), ()))


@cache
def _by_package() -> dict[tuple[str, str], tuple[Advisory, ...]]:
    index: dict[tuple[str, str], tuple[Advisory, ...]] = {}
    for a in advisories():
        key = (a.ecosystem, _normal(a.ecosystem, a.package))
        index[key] = (*index.get(key, ()), a)
    return index
