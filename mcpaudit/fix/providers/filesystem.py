"""broad_filesystem (MCP320): replace a root such as `/` or `~` with a folder the user chose.

Unsafe: the server loses access to everything else. There is no default target: the
folder you happen to stand in (or the home directory) is not a choice the user made, so
the fix exists only once a folder is given (`mcpaudit fix --path DIR`, or the folder the
TUI asks for). A target is refused when it is the home directory or one of its parents,
when MCP320 itself would flag it (a credentials folder, /etc …), when it is not inside
the path it replaces, or when it is not an existing directory.
"""

from __future__ import annotations

import os
from dataclasses import replace

from mcpaudit.model import Edit, Finding, Fix, ScanResult

from .registry import FixContext, make_fix, provides

MAX_LOST = 6  # entries named in "will no longer reach"


def _expand(path: str, home: str) -> str:
    if path == "~" or path.startswith("~/"):
        path = home + path[1:]
    for token in ("${userHome}", "${HOME}", "$HOME"):
        path = path.replace(token, home)
    return os.path.normpath(path) if path else path


def _inside(child: str, root: str) -> bool:
    root = root.rstrip("/") or "/"
    return child != root and (root == "/" or child.startswith(root + "/"))


def _split(value: str) -> tuple[str, str]:
    """`--root=/x` -> ("--root", "/x"); `/x` -> ("", "/x")."""
    if value.startswith("-") and "=" in value:
        prefix, _, path = value.partition("=")
        return prefix, path
    return "", value


def target_problem(target: str, root: str, home: str) -> str | None:
    """Why `target` cannot replace `root` (None: it can)."""
    from mcpaudit.rules.containment.host_paths import classify_path

    if not os.path.isabs(target):
        return f"{target} is not an absolute path"
    target = os.path.normpath(target)
    home_n = os.path.normpath(home) if home else ""
    if home_n and (target == home_n or _inside(home_n, target)):
        what = "the home directory" if target == home_n else "a parent of the home directory"
        return f"{target} is {what}: the server would still reach all of your files"
    broad = classify_path(target, home)
    if broad is not None:
        return f"{target} is {broad[0]}, which MCP320 flags too"
    if not _inside(target, root):
        return f"{target} is not inside {root}, the path it would replace"
    if not os.path.isdir(target):
        return f"{target} is not an existing directory"
    return None


def _root(finding: Finding, ctx: FixContext) -> tuple[str, str, str] | None:
    """(flag prefix, path as written, expanded absolute path) of the flagged value."""
    value = ctx.value(finding)
    if not isinstance(value, str):
        return None
    prefix, path = _split(value)
    root = _expand(path, ctx.home)
    return (prefix, path, root) if os.path.isabs(root) else None


def candidates(finding: Finding, ctx: FixContext, projects: tuple[str, ...] = ()) -> list[str]:
    """Folders to offer: the server's other path arguments, the project, known projects."""
    got = _root(finding, ctx)
    if got is None:
        return []
    root = got[2]
    server = ctx.server_for(finding)
    found: list[str] = []
    for a in server.args if server else ():
        _p, path = _split(a.text)
        found.append(_expand(path, ctx.home))
    found.extend(p for p in (ctx.project, *projects) if p)
    return [
        c
        for c in dict.fromkeys(os.path.normpath(c) for c in found if c)
        if target_problem(c, root, ctx.home) is None
    ]


def no_longer_reached(root: str, target: str, home: str = "") -> str:
    """The folders next to the path from `root` to `target`: what the server loses."""
    lost: list[str] = []
    more = 0
    here = root
    for part in os.path.relpath(target, root).split(os.sep):
        try:
            names = sorted(os.listdir(here))
        except OSError:
            names = []
        for name in names:
            if name == part:
                continue
            if len(lost) < MAX_LOST:
                lost.append(_short(os.path.join(here, name), home))
            else:
                more += 1
        here = os.path.join(here, part)
    if not lost:
        return f"anything under {_short(root, home)} outside {_short(target, home)}"
    tail = f" and {more} more" if more else ""
    return ", ".join(lost) + tail


def _short(path: str, home: str) -> str:
    if home and (path == home or path.startswith(home.rstrip("/") + "/")):
        return "~" + path[len(home.rstrip("/")) :]
    return path


@provides("broad_filesystem")
def narrow_root(finding: Finding, ctx: FixContext) -> Fix | None:
    if not ctx.narrow_to:
        return None  # no default: the user names the folder (see `explain`)
    got = _root(finding, ctx)
    if got is None:
        return None
    prefix, path, root = got
    target = os.path.normpath(ctx.narrow_to)
    if target_problem(target, root, ctx.home) is not None:
        return None
    new = f"{prefix}={target}" if prefix else target
    lost = no_longer_reached(root, target, ctx.home)
    return make_fix(
        finding,
        "narrow",
        f"narrow the server's file access from {path} to {target}; it will no longer reach {lost}",
        False,
        [Edit("set", finding.location.pointer, new)],
    )


def explain(finding: Finding, ctx: FixContext, projects: tuple[str, ...] = ()) -> str:
    """What `mcpaudit fix` says about an MCP320 finding that has no fix (yet)."""
    got = _root(finding, ctx)
    if got is None:
        return "narrow it by hand: the path is not an absolute one mcpaudit can replace"
    if ctx.narrow_to:
        problem = target_problem(os.path.normpath(ctx.narrow_to), got[2], ctx.home)
        if problem:
            return f"--path refused: {problem}"
    options = candidates(finding, ctx, projects)
    hint = f" (candidates: {', '.join(options)})" if options else ""
    return f"narrowing needs the folder it should keep: add --path DIR{hint}"


def narrow_fix(finding: Finding, result: ScanResult, target: str) -> Finding | str:
    """`finding` with its fix narrowed to `target`, or why that target is refused (TUI)."""
    ctx = FixContext.from_result(result, narrow_to=target)
    fix = narrow_root(finding, ctx)
    if fix is not None:
        return replace(finding, fix=fix)
    got = _root(finding, ctx)
    if got is None:
        return "the path is not an absolute one mcpaudit can replace"
    return target_problem(os.path.normpath(target), got[2], ctx.home) or "no fix"


def known_projects(result: ScanResult) -> tuple[str, ...]:
    """Project folders the scan knows (Claude Code projects, project-scope files)."""
    return tuple(dict.fromkeys(s.project for s in result.servers if s.project))
