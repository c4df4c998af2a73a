"""Package runners whose downloads sit in a local cache: `npx pkg` ->
`~/.npm/_npx/*/node_modules/pkg`, `uvx pkg` -> uv's tool and cache folders, `pipx run
pkg` -> pipx venvs. Cache folders are listed with the bounded walk (`mcpaudit.walk`):
they are written by whatever ran there, and may be hostile."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from mcpaudit.collect.cmdline import (
    VALUE_OPTS,
    first_operand,
    found_after,
    script_root,
    site_packages,
)
from mcpaudit.collect.results import CodeRoot, Skipped
from mcpaudit.collect.where import Where
from mcpaudit.walk import glob_under

_MAX_RECORD_BYTES = 2_000_000


def _package_name(spec: str) -> str:
    """`@scope/name@1.2` -> `@scope/name`; `name@latest` -> `name`."""
    if spec.startswith("@"):
        scope, _, rest = spec[1:].partition("/")
        return f"@{scope}/{rest.split('@')[0]}"
    return spec.split("@")[0]


def npx(sid: str, argv: list[str], base: Path | None, where: Where):
    args = argv[1:]
    if args[:1] in (["exec"], ["dlx"]):
        args = args[1:]
    spec = None
    for i, arg in enumerate(args):
        if arg.startswith("--package="):
            spec = arg.split("=", 1)[1]
            break
        if arg in ("-p", "--package") and i + 1 < len(args):
            spec = args[i + 1]
            break
    if spec is None:
        found = first_operand(args, {"--registry", "--cache", "-c", "--call"})
        if found is None:
            return [], []
        spec = found[1]
    name = _package_name(spec)
    if name in ("tsx", "ts-node") and found_after(args, spec):
        # `npx tsx server.ts`: the package is only the runner; the server is the script.
        return script_root(sid, found_after(args, spec) or "", base, f"npx {name} script")
    if spec.startswith((".", "/", "file:", "git", "http")):
        return [], [Skipped(spec, "npx of a path or URL: not a registry package", (sid,))]
    cached = glob_under(where.npm_cache(), "_npx", "*", "node_modules", *name.split("/")).paths
    matches = [p for p in cached if (p / "package.json").is_file()]
    if not matches:
        return [], [
            Skipped(spec, "not in the npx cache (never run here, or cache cleared)", (sid,))
        ]
    # Several npx runs can cache different versions: read the one the config starts.
    versions = {m: _manifest_version(m) for m in matches}
    wanted = _pinned_npm_version(spec)
    if wanted is not None:
        chosen = [m for m in matches if versions[m] == wanted]
        if not chosen:
            cached = ", ".join(sorted({v for v in versions.values() if v})) or "unknown"
            return [], [
                Skipped(
                    spec, f"version {wanted} is not in the npx cache (cached: {cached})", (sid,)
                )
            ]
    else:  # unpinned: the newest cached version, the one an offline npx would run
        chosen = sorted(matches, key=lambda m: _version_key(versions[m]), reverse=True)[:1]
    how = f"npx cache, version {versions[chosen[0]] or 'unknown'}"
    return [CodeRoot(sid, str(chosen[0]), how)], []


def _manifest_version(root: Path) -> str | None:
    from mcpaudit.config.read import ReadError, read_bounded

    try:
        # A hostile cache entry: huge, a FIFO, not an object, or nested 5,000 deep.
        data = json.loads(read_bounded(root / "package.json", 1024 * 1024).text)
    except (ReadError, ValueError, RecursionError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None


def _pinned_npm_version(spec: str) -> str | None:
    """`pkg@1.2.3` / `@s/pkg@1.2.3` -> "1.2.3"; a range, a tag or no version -> None."""
    at = spec.find("@", 1)
    version = spec[at + 1 :] if at != -1 else ""
    return (
        version.lstrip("v") if re.fullmatch(r"v?\d+\.\d+\.\d+(?:[-+][\w.\-+]+)?", version) else None
    )


def _version_key(version: str | None) -> tuple[int, ...]:
    if not version:
        return (-1,)
    return tuple(int(n) for n in re.findall(r"\d+", version.split("-")[0])[:3])


def _normalise(dist: str) -> str:
    return re.sub(r"[-_.]+", "_", dist).lower()


def _python_spec(spec: str) -> str:
    return re.split(r"[@=<>!~\[ ;]", spec, maxsplit=1)[0]


def uvx(sid: str, argv: list[str], where: Where):
    args = argv[1:]
    if args[:2] == ["tool", "run"]:
        args = args[2:]
    spec = None
    if "--from" in args and args.index("--from") + 1 < len(args):
        spec = args[args.index("--from") + 1]
    else:
        found = first_operand(args, VALUE_OPTS["uv"])
        spec = found[1] if found else None
    if not spec:
        return [], []
    dist = _python_spec(spec)
    venvs = [
        tools / name
        for tools in where.uv_tool_dirs()
        for name in (dist, _normalise(dist).replace("_", "-"))
    ]
    roots = _dist_roots(sid, dist, [sp for v in venvs for sp in site_packages(v)], "uv tool")
    if not roots:
        envs = sorted(
            glob_under(where.uv_cache(), "archive-v0", "*").paths,
            key=os.path.getmtime,
            reverse=True,
        )
        roots = _dist_roots(
            sid, dist, [sp for e in envs for sp in site_packages(Path(e))], "uv cache"
        )
    if not roots:
        return [], [Skipped(spec, "not in uv's tool or cache folders", (sid,))]
    return roots, []


def pipx_run(sid: str, argv: list[str], where: Where):
    found = first_operand(argv[2:], {"--spec", "--python", "--pip-args"})
    spec = argv[argv.index("--spec") + 1] if "--spec" in argv[:-1] else found[1] if found else None
    if not spec:
        return [], []
    dist = _python_spec(spec)
    venvs: list[Path] = []
    for home in where.pipx_homes():
        venvs.append(home / "venvs" / dist)
    for cache in where.pipx_run_caches():
        venvs.extend(glob_under(cache, "*").paths)
    roots = _dist_roots(sid, dist, [sp for v in venvs for sp in site_packages(v)], "pipx venv")
    if not roots:
        return [], [Skipped(spec, "not in any pipx venv", (sid,))]
    return roots, []


def _dist_roots(sid: str, dist: str, site_dirs: list[Path], how: str) -> list[CodeRoot]:
    """The top-level packages a distribution installed, from its dist-info RECORD."""
    wanted = _normalise(dist)
    for sp in site_dirs:
        for info in glob_under(sp, "*.dist-info").paths:
            if _normalise(info.name.removesuffix(".dist-info").rsplit("-", 1)[0]) != wanted:
                continue
            tops = _record_tops(info)
            roots = [CodeRoot(sid, str(sp / t), how) for t in sorted(tops) if (sp / t).exists()]
            if roots:
                return roots
    return []


def _record_tops(info: Path) -> set[str]:
    tops: set[str] = set()
    try:
        with (info / "RECORD").open(encoding="utf-8", errors="replace") as fh:
            text = fh.read(_MAX_RECORD_BYTES)
    except OSError:
        return tops
    for line in text.splitlines():
        first = line.split(",", 1)[0].replace("\\", "/").split("/", 1)[0]
        if (
            not first
            or first.endswith((".dist-info", ".data", ".pth"))
            or first in ("..", "__pycache__")
        ):
            continue
        if first.endswith(".py") or "." not in first:
            tops.add(first)
    return tops
