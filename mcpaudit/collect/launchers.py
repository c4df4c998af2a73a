"""Launchers followed to the code they start: `bash start.sh` that `exec`s a server,
`npm --prefix D start` / `npm run X`, and scripts a first script hands on to
(`python wrapper.py real_server.py`, `node --require ./hook.js server.js`).

Only small files are read (a shell script, a package.json); nothing is run. At most
`MAX_DEPTH` launchers are followed, so a script that starts itself cannot loop.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from mcpaudit.collect.results import CodeRoot, Skipped

if TYPE_CHECKING:
    from mcpaudit.collect.where import Where

SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh"})
MAX_DEPTH = 3
MAX_SCRIPT_BYTES = 64 * 1024
_SCRIPT_SUFFIXES = (".py", ".js", ".mjs", ".cjs", ".ts", ".mts")
_RUNNERS = re.compile(
    r"^(?:node|nodejs|python3?(?:\.\d+)?|uv|uvx|npx|bunx?|deno|tsx|ts-node|pipx|npm|pnpm)$"
)


def wrapped_scripts(kind: str, args: list[str], script_index: int) -> list[tuple[str, str]]:
    """Further scripts a command line hands to its interpreter: script operands after
    the first script, and node's `--require`/`--import` modules given as paths."""
    found: list[tuple[str, str]] = []
    for arg in args[script_index + 1 :]:
        if not arg.startswith("-") and arg.endswith(_SCRIPT_SUFFIXES):
            found.append((arg, f"script a wrapper runs ({LAUNCHED} {args[script_index]})"))
    if kind == "node":
        for i, arg in enumerate(args[:script_index]):
            value = None
            if arg in ("-r", "--require", "--import") and i + 1 < len(args):
                value = args[i + 1]
            elif arg.startswith(("--require=", "--import=")):
                value = arg.split("=", 1)[1]
            if value and value.startswith((".", "/")):
                found.append((value, f"module node preloads ({LAUNCHED} node {arg})"))
    return found


def is_npm_script(argv: list[str]) -> bool:
    """`npm start`, `npm --prefix D start`, `npm run X` (not `npm exec`: a package runner)."""
    words = [a for a in argv[1:] if not a.startswith("-")]
    return "exec" not in words[:2] and any(w in ("start", "run", "run-script") for w in words[:3])


def follow_launcher(
    sid: str, program: str, argv: list[str], base: Path | None, where: Where, depth: int
) -> tuple[list[CodeRoot], list[Skipped]]:
    from mcpaudit.collect.cmdline import resolve as _resolve
    from mcpaudit.collect.locate import dispatch

    if depth >= MAX_DEPTH:
        return [], [Skipped(argv[0], f"more than {MAX_DEPTH} launchers deep; not followed", (sid,))]
    if program in SHELLS:
        script = next((a for a in argv[1:] if not a.startswith("-")), None)
        if script is None or "-c" in argv[1:]:
            return [], []  # inline shell: the shell rules (MCP30x) cover it
        path = _resolve(script, base)
        if path is None or not path.is_file():
            return [], [Skipped(script, "launcher script not found on this machine", (sid,))]
        command = exec_line(path)
        if command is None:
            return [], [Skipped(str(path), "launcher script starts no known server", (sid,))]
        return _via(dispatch(sid, command, path.parent, where, depth + 1), path.name)
    # npm --prefix D start | npm run X [--prefix D]
    args = argv[1:]
    folder = base
    words: list[str] = []
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in ("--prefix", "-C", "--dir", "--cwd") and i + 1 < len(args):
            folder, skip = _resolve(args[i + 1], base), True
        elif arg.startswith("--prefix="):
            folder = _resolve(arg.split("=", 1)[1], base)
        elif not arg.startswith("-"):
            words.append(arg)
    if not words:
        return [], []
    name = words[1] if words[0] in ("run", "run-script") and len(words) > 1 else words[0]
    if folder is None:
        return [], [Skipped(" ".join(argv), "npm script with no known folder", (sid,))]
    command = npm_script(folder / "package.json", name)
    if command is None:
        return [], [Skipped(str(folder / "package.json"), f"no '{name}' script", (sid,))]
    return _via(dispatch(sid, command, folder, where, depth + 1), f"{program} {name}")


LAUNCHED = "started by"  # marks a root reached through a launcher or wrapper


def _via(
    found: tuple[list[CodeRoot], list[Skipped]], launcher: str
) -> tuple[list[CodeRoot], list[Skipped]]:
    roots, skipped = found
    marked = [
        r if LAUNCHED in r.how else CodeRoot(r.server_id, r.path, f"{r.how}, {LAUNCHED} {launcher}")
        for r in roots
    ]
    return marked, skipped


def npm_script(package_json: Path, name: str) -> list[str] | None:
    from mcpaudit.config.read import ReadError, read_bounded

    try:
        data = json.loads(read_bounded(package_json, MAX_SCRIPT_BYTES * 4).text)
    except (ReadError, ValueError):
        return None
    scripts = data.get("scripts") if isinstance(data, dict) else None
    line = scripts.get(name) if isinstance(scripts, dict) else None
    return _command(line, package_json.parent) if isinstance(line, str) else None


def exec_line(script: Path) -> list[str] | None:
    """The server command a shell launcher runs: its `exec` line, else the last line that
    starts a known runner (node, python, uv, npx ...)."""
    try:
        if os.path.getsize(script) > MAX_SCRIPT_BYTES:
            return None
        text = script.read_text(errors="replace")
    except OSError:
        return None
    found = None
    dir_vars: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        assign = re.match(r"^(?:export\s+|local\s+|readonly\s+)?([A-Za-z_]\w*)=(.+)$", line)
        if assign and _DIR_VARS.fullmatch(assign.group(2).strip()):
            dir_vars.append(assign.group(1))  # DIR="$(cd "$(dirname "$0")" && pwd)"
            continue
        for var in dir_vars:
            line = re.sub(rf"\$(?:\{{{var}\}}|{var}\b)", lambda _m: str(script.parent), line)
        cmd = _command(line, script.parent)
        if not cmd:
            continue
        if cmd[0] == "exec" and len(cmd) > 1:
            return cmd[1:]
        name = re.split(r"[/\\]", cmd[0])[-1]
        if _RUNNERS.match(name):
            found = cmd
    return found


_DIR_VARS = re.compile(
    r'"?\$\((?:cd\s+)?"?\$\(dirname\s+"?\$(?:0|\{BASH_SOURCE\[0\]\}|BASH_SOURCE)"?\)"?'
    r'(?:\s*&&\s*pwd)?\)"?|"?\$\{0%/\*\}"?|"?\$\(dirname\s+"?\$0"?\)"?'
)


def _command(line: str, folder: Path) -> list[str] | None:
    """A shell line as argv, with the script-folder idioms replaced by `folder`; None for
    lines that are not a simple command (assignments, control flow)."""
    line = _DIR_VARS.sub(str(folder).replace("\\", "\\\\"), line)
    line = re.split(r"\s(?:&&|\|\||;|\|)\s", line)[-1] if "exec " not in line else line
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return None
    while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
        words = words[1:]  # VAR=value before the command
    if not words or words[0] in ("if", "then", "fi", "cd", "export", "set", "echo", "source"):
        return None
    return words
