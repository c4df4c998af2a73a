"""broad_filesystem: replace a root such as `/` or `~` with a narrower path (default:
the project directory). Unsafe: the server loses access to everything else."""

from __future__ import annotations

import os

from mcpaudit.model import Edit, Finding, Fix

from .registry import FixContext, make_fix, provides


def _expand(path: str, home: str) -> str:
    if path == "~" or path.startswith("~/"):
        path = home + path[1:]
    for token in ("${userHome}", "${HOME}", "$HOME"):
        path = path.replace(token, home)
    return os.path.normpath(path) if path else path


def _inside(child: str, root: str) -> bool:
    root = root.rstrip("/") or "/"
    return child != root and (root == "/" or child.startswith(root + "/"))


@provides("broad_filesystem")
def narrow_root(finding: Finding, ctx: FixContext) -> Fix | None:
    value = ctx.value(finding)
    target = ctx.narrow_to or ctx.project
    if not isinstance(value, str) or not target:
        return None
    prefix, _, path = value.rpartition("=") if value.startswith("-") else ("", "", value)
    root = _expand(path, ctx.home)
    target = os.path.normpath(target)
    if not os.path.isabs(root) or not _inside(target, root):
        return None
    new = f"{prefix}={target}" if prefix else target
    source = "the path you gave" if ctx.narrow_to else "the project directory"
    return make_fix(
        finding,
        "narrow",
        f"narrow the server's file access from {path} to {target} ({source})",
        False,
        [Edit("set", finding.location.pointer, new)],
    )
