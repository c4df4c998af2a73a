"""An installed entry point found on PATH (or given as a path): its venv's site-packages
(from a console script's import line), its npm package, or the script itself. Only the
first 4 KiB of the file are read; nothing is run."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mcpaudit.collect.cmdline import project_root, resolve, site_packages
from mcpaudit.collect.results import CodeRoot, Skipped
from mcpaudit.collect.where import Where


def entry_point(sid: str, command: str, base: Path | None, where: Where):
    if "/" in command or "\\" in command:
        path = resolve(command, base)
    else:
        found = shutil.which(command, path=where.env.get("PATH", ""))
        path = Path(found) if found else None
    if path is None or not path.is_file():
        return [], []
    real = path.resolve()
    if "node_modules" in real.parts:
        package = _package_dir(real)
        return ([CodeRoot(sid, str(package), "npm package")] if package else []), []
    try:
        with real.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return [], []
    if not head.startswith(b"#!"):
        if real.suffix in (".py", ".js", ".mjs", ".cjs", ".ts"):
            return [CodeRoot(sid, str(project_root(real)), "script")], []
        return [], [Skipped(str(real), "a compiled program: no source to read", (sid,))]
    shebang = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    if "python" not in shebang:
        if "node" in shebang:
            return [CodeRoot(sid, str(project_root(real)), "script")], []
        return [], []
    imported = re.search(rb"^from ([A-Za-z_][\w.]*) import", head, re.MULTILINE)
    if not imported:
        return [CodeRoot(sid, str(real), "script")], []
    top = imported.group(1).decode().split(".")[0]
    interpreter = Path(shebang[2:].strip().split()[0]) if len(shebang) > 2 else None
    prefixes = [real.parent.parent]
    if interpreter is not None and interpreter.is_absolute():
        prefixes.insert(0, interpreter.parent.parent)
    how = _how(real)
    for prefix in prefixes:
        for sp in site_packages(prefix):
            for candidate in (sp / top, sp / f"{top}.py"):
                if candidate.exists():
                    return [CodeRoot(sid, str(candidate), how)], []
    return [], [Skipped(str(real), f"package {top!r} not found next to its entry point", (sid,))]


def _how(path: Path) -> str:
    text = str(path).replace("\\", "/")
    if "/pipx/" in text:
        return "pipx venv"
    if "/uv/tools/" in text:
        return "uv tool"
    return "entry point"


def _package_dir(path: Path) -> Path | None:
    for folder in path.parents:
        if (folder / "package.json").is_file():
            return folder
        if folder.name == "node_modules":
            return None
    return None
