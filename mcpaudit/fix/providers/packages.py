"""unpinned_package: pin to an exact version; known_vulnerable_package: bump to the fixed one.

The version comes from what is already on this machine (the npx cache under
`~/.npm/_npx`, the uv cache) and, only with an explicit network opt-in
(`FixContext.network`, `mcpaudit fix --network`), from the npm registry or PyPI.
Docker images are not pinned to a digest here: that needs the registry or a local
daemon, and neither is consulted implicitly. Both fixes are unsafe: a different
version may behave differently.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from mcpaudit.model import Edit, Finding, Fix
from mcpaudit.walk import glob_under

from .registry import FixContext, make_fix, provides

_EXACT = re.compile(r"^v?\d+\.\d+\.\d+([-+.][0-9A-Za-z.-]+)?$")


def _highest(versions: list[str]) -> str | None:
    def key(v: str) -> tuple[int, Version | str]:
        try:
            return (1, Version(v))
        except (InvalidVersion, ValueError):  # ValueError: a 5,000-digit component
            return (0, v)

    return max(versions, key=key) if versions else None


def _manifest_version(path: Path) -> object:
    """The `version` of a package.json read with mcpaudit's bounded, regular-file reader."""
    from mcpaudit.config.read import ReadError, read_bounded

    try:
        data = json.loads(read_bounded(path, 1024 * 1024).text)
    except ReadError as exc:
        raise OSError(str(exc)) from None
    return data.get("version") if isinstance(data, dict) else None


def npx_cached(home: str, name: str) -> str | None:
    """The highest version of `name` in the npx cache (~/.npm/_npx/*/node_modules/)."""
    return _highest(npx_versions(home, name))


def npx_versions(home: str, name: str) -> list[str]:
    """Every version of `name` in the npx cache."""
    cache = os.environ.get("npm_config_cache") or os.path.join(home, ".npm")  # noqa: SIM112
    versions = []
    # Bounded listing: a cache with a million `_npx` folders must not stall the fix.
    found = glob_under(Path(cache), "_npx", "*", "node_modules", *name.split("/"), "package.json")
    for manifest in found.paths:
        try:
            # A hostile cache entry: huge, not an object, or nested 5,000 deep.
            version = _manifest_version(manifest)
        except (OSError, ValueError, RecursionError):
            continue
        if isinstance(version, str) and _EXACT.match(version):
            versions.append(version)
    return versions


def uv_cached(home: str, name: str) -> str | None:
    """The highest version of `name` unpacked in the uv cache (…/<name>-<ver>.dist-info)."""
    return _highest(uv_versions(home, name))


def uv_versions(home: str, name: str) -> list[str]:
    """Every version of `name` unpacked in the uv cache."""
    cache = os.environ.get("UV_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache"), "uv"
    )
    norm = re.sub(r"[-_.]+", "_", name).lower()
    return list(_uv_index(cache).get(norm, []))


@lru_cache(maxsize=8)
def _uv_index(cache: str) -> dict[str, list[str]]:
    """Normalised name -> versions, listed once per cache folder and process."""
    index: dict[str, list[str]] = {}
    for path in glob_under(Path(cache), "archive-v*", "*", "*.dist-info").paths:
        stem = path.name[: -len(".dist-info")]
        dist, _, version = stem.rpartition("-")
        if dist and version:
            index.setdefault(re.sub(r"[-_.]+", "_", dist).lower(), []).append(version)
    return index


def registry_latest(kind: str, name: str) -> str | None:
    """The current release from npm or PyPI (network; only called on opt-in)."""
    import httpx2

    url = (
        f"https://registry.npmjs.org/{name.replace('/', '%2F')}/latest"
        if kind == "npm"
        else f"https://pypi.org/pypi/{name}/json"
    )
    try:
        response = httpx2.get(url, timeout=5.0, follow_redirects=True)
        response.raise_for_status()
        data = response.json()
    except (httpx2.HTTPError, ValueError):
        return None
    version = data.get("version") if kind == "npm" else (data.get("info") or {}).get("version")
    return version if isinstance(version, str) else None


def _package_arg(finding: Finding, ctx: FixContext) -> tuple[str, str, str | None, str] | None:
    """(ecosystem, name, current version, separator) for the argument the finding points at.

    The package is read the way the rules read it (`package_ref`); the separator is how
    a version is written there: `@` for npx and positional uvx (`uvx pkg@1.2.3`), `==`
    after `--from` and for pipx.
    """
    from mcpaudit.rules.launch import package_ref

    server = ctx.server_for(finding)
    if server is None:
        return None
    ref = package_ref(server)
    if ref is None or ref.value.pointer != finding.location.pointer:
        return None
    if ref.ecosystem not in ("npm", "pypi"):
        return None
    sep = "@"
    if ref.ecosystem == "pypi":
        texts = [a.text for a in server.args]
        pointers = [a.pointer for a in server.args]
        here = finding.location.pointer
        at = pointers.index(here) if here in pointers else -1
        if ref.runner.startswith("pipx") or (at > 0 and texts[at - 1] == "--from"):
            sep = "=="
    return ref.ecosystem, ref.name, ref.version, sep


def _pinned(name: str, version: str, sep: str) -> str:
    return f"{name}{sep}{version}"


@provides("unpinned_package")
def pin_version(finding: Finding, ctx: FixContext) -> Fix | None:
    found = _package_arg(finding, ctx)
    if found is None:
        return None
    kind, name, current, sep = found
    if current and (_EXACT.match(current) or (kind == "pypi" and re.fullmatch(r"[\d.]+", current))):
        return None
    local = npx_versions(ctx.home, name) if kind == "npm" else uv_versions(ctx.home, name)
    # Never pin what an advisory condemns (MCP210 would then ask to upgrade it at once).
    clean = [v for v in local if not advised(kind, name, v, ctx.online_advisories)]
    version = _highest(clean)
    source = (
        "the newest version in your npx cache"
        if kind == "npm"
        else ("the newest version in your uv cache")
    )
    source += " that no known advisory covers"
    if version is None and ctx.network:
        latest = registry_latest(kind, name)
        if latest and not advised(kind, name, latest, ctx.online_advisories):
            version = latest
            source = "the current release on " + ("npm" if kind == "npm" else "PyPI")
    if version is None:
        return None
    return make_fix(
        finding,
        "pin",
        f"pin {name} to {version} ({source})",
        False,
        [Edit("set", finding.location.pointer, _pinned(name, version, sep))],
    )


def advised(ecosystem: str, name: str, version: str, online: Any = None) -> bool:
    """Does a known advisory (bundled, or from `scan --online`) cover this exact version?"""
    from mcpaudit.advisories import for_package, merge

    eco = "npm" if ecosystem == "npm" else "PyPI"
    known = for_package(eco, name)
    if online is not None:
        known = merge(known, online.for_package(eco, name))
    for a in known:
        try:
            if a.affects(version):
                return True
        except Exception:  # an unreadable range: assume the worst rather than pin it
            return True
    return False


def fixed_version(ecosystem: str, name: str, current: str | None, online: Any = None) -> str | None:
    """The lowest version that fixes every advisory affecting `current` (all advisories
    when the version is not exact), from mcpaudit's offline advisory table merged, after
    `scan --online`, with what OSV said (`online`: an OsvLookup), as MCP210 reads them."""
    from mcpaudit.advisories import for_package, merge

    eco = "npm" if ecosystem == "npm" else "PyPI"
    known = for_package(eco, name)
    if online is not None:
        known = merge(known, online.for_package(eco, name))
    exact = bool(current and _EXACT.match(current)) or (eco == "PyPI" and bool(current))
    fixes = []
    for a in known:
        if exact and not a.affects(current or ""):
            continue
        fixed = a.fixed_for(current if exact else None)
        if fixed:
            fixes.append(fixed)
    return _highest(fixes)


@provides("known_vulnerable_package")
def bump_version(finding: Finding, ctx: FixContext) -> Fix | None:
    found = _package_arg(finding, ctx)
    if found is None:
        return None
    kind, name, current, sep = found
    version = fixed_version(kind, name, current, ctx.online_advisories)
    if version is None:
        return None
    return make_fix(
        finding,
        "bump",
        f"upgrade {name} to {version}, the first fixed version",
        False,
        [Edit("set", finding.location.pointer, _pinned(name, version, sep))],
    )
