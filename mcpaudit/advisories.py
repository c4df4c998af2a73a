"""The offline advisory table (mcpaudit/data/advisories.json) and real version-range matching.

npm ranges are matched with node-semver (a port of npm's own `semver` package), PyPI
ranges with `packaging` (PEP 440). The table ships with the package: reading it is
loading data, not inspecting the user's machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


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

    @property
    def label(self) -> str:
        return " / ".join((*[a for a in self.aliases if a.startswith("CVE-")], self.id))

    def affects(self, version: str) -> bool:
        """Is this exact `version` inside the affected range?"""
        return in_range(self.ecosystem, self.affected, version)


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


def _normal(ecosystem: str, name: str) -> str:
    name = name.strip().lower()
    return name.replace("_", "-").replace(".", "-") if ecosystem == "PyPI" else name


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
