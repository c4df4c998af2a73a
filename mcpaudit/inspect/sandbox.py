"""Best-effort sandbox for stdio servers: bubblewrap on Linux, when installed.

The server sees the whole file system read-only (home included), a private /tmp,
no network and its own PID namespace, and dies with mcpaudit. It is not a
security boundary against a determined attacker (the kernel is shared, and
files the user can read stay readable); it stops casual writes and phoning home.
Servers that need the network to start (e.g. `npx -y pkg` not yet cached) fail.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable


def bwrap_path() -> str | None:
    """The bubblewrap executable, or None when this OS or machine has none."""
    if not sys.platform.startswith("linux"):
        return None
    return shutil.which("bwrap")


def sandbox_unavailable_reason() -> str | None:
    if not sys.platform.startswith("linux"):
        return "--sandbox needs Linux with bubblewrap (bwrap); this OS has no such sandbox"
    if bwrap_path() is None:
        return "--sandbox needs bubblewrap: install the `bubblewrap` package (bwrap not on PATH)"
    return None


def bwrap_prefix(cwd: str, paths: Iterable[str] = ()) -> tuple[str, ...]:
    """The argv prefix that runs a command inside the sandbox, in `cwd`.

    The private /tmp would hide a working directory, home or script living under /tmp:
    those are bound back in, read-only.
    """
    rebind: list[str] = []
    for path in (cwd, *paths):
        if not os.path.isabs(path) or not os.path.exists(path):
            continue
        # Both the path as given and its target: a venv's python is a symlink out of
        # /tmp, but the interpreter finds its venv through the path it was started as.
        for candidate in (os.path.abspath(path), os.path.realpath(path)):
            top = _top_of_tmp(candidate)
            if top and top not in rebind:
                rebind += ["--ro-bind", top, top]
    return (
        bwrap_path() or "bwrap",
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--tmpfs", "/tmp",
        *rebind,
        "--unshare-net",
        "--unshare-pid",
        "--die-with-parent",
        "--new-session",
        "--chdir", cwd,
        "--",
    )  # fmt: skip


def _top_of_tmp(path: str) -> str | None:
    """`/tmp/ci/venv/bin/python` -> `/tmp/ci`: the whole tree a script or venv lives in."""
    parts = path.split(os.sep)
    if len(parts) >= 3 and parts[1] == "tmp" and parts[2]:
        return os.sep.join(parts[:3])
    return None
