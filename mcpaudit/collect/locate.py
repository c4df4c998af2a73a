"""Where the code of a stdio server lives on disk, worked out from its command line.

Covers the ways MCP servers are usually started: a script given to an
interpreter (`node build/index.js`, `python server.py`, `uv --directory D run
server.py`, `deno run main.ts`, `bun`, `tsx`), a package runner whose download
sits in a local cache (`npx pkg` -> `~/.npm/_npx/*/node_modules/pkg`, `uvx pkg`
-> uv's tool and cache folders, `pipx run pkg` -> pipx venvs), and an installed
entry point found on PATH (its venv's site-packages, or its npm package). Only
paths are looked at and small metadata files read (RECORD, package.json,
a console script's import line); nothing is run.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from mcpaudit.collect.cmdline import (
    JS_RUNNERS,
    PROJECT_MARKERS,
    PYTHON,
    VALUE_OPTS,
    first_operand,
    resolve,
    script_root,
    site_packages,
)
from mcpaudit.collect.cmdline import program as program_of
from mcpaudit.collect.entrypoint import entry_point
from mcpaudit.collect.launchers import SHELLS, follow_launcher, is_npm_script, wrapped_scripts
from mcpaudit.collect.results import CodeRoot, Skipped
from mcpaudit.collect.runners import npx, pipx_run, uvx
from mcpaudit.collect.where import Where
from mcpaudit.model import Server, Transport

__all__ = ["Where", "dispatch", "locate"]


def locate(server: Server, where: Where) -> tuple[list[CodeRoot], list[Skipped]]:
    """The code roots of one server, or why none could be found."""
    if server.transport != Transport.STDIO or server.command is None:
        return [], []
    if server.project and server.scope == "project":
        # A server of another known project: ${workspaceFolder} and its cwd are that project.
        where = replace(where, project=Path(server.project))
    argv = [_expand(server.command.text, where)] + [_expand(a.text, where) for a in server.args]
    return dispatch(server.id, argv, _cwd(server, where), where)


def dispatch(
    sid: str, argv: list[str], base: Path | None, where: Where, depth: int = 0
) -> tuple[list[CodeRoot], list[Skipped]]:
    """The code roots of one command line (`depth`: how many launchers led here)."""
    program = program_of(argv[0])
    try:
        if program in SHELLS or (program in ("npm", "pnpm", "yarn") and is_npm_script(argv)):
            # A launcher (start.sh, npm start): follow it to the command it runs.
            return follow_launcher(sid, program, argv, base, where, depth)
        if program in ("npx", "bunx") or (
            program in ("npm", "pnpm") and argv[1:2] in (["exec"], ["dlx"])
        ):
            return npx(sid, argv, base, where)
        if program == "uvx" or (program == "uv" and argv[1:3] == ["tool", "run"]):
            return uvx(sid, argv, where)
        if program == "pipx" and argv[1:2] == ["run"]:
            return pipx_run(sid, argv, where)
        if program == "uv":
            return _uv_run(sid, argv, base, where)
        if PYTHON.match(program) or program in JS_RUNNERS or program == "deno":
            return _interpreter(sid, program, argv, base, where)
        if program in ("docker", "podman"):
            return [], []
        return entry_point(sid, argv[0], base, where)
    except OSError as exc:
        return [], [Skipped(argv[0], f"could not look for its code: {exc.strerror or exc}", (sid,))]


def _expand(text: str, where: Where) -> str:
    home = str(where.home)
    for token in ("${userHome}", "${env:HOME}", "${HOME}", "$HOME"):
        text = text.replace(token, home)
    if where.project is not None:
        text = text.replace("${workspaceFolder}", str(where.project))
    if text.startswith("~/") or text == "~":
        text = home + text[1:]
    return text


def _cwd(server: Server, where: Where) -> Path | None:
    if server.cwd is not None and server.cwd.text:
        cwd = Path(_expand(server.cwd.text, where))
        if cwd.is_absolute():
            return cwd
    if server.scope in ("project", "local") and where.project is not None:
        return where.project
    return None


def _interpreter(sid: str, program: str, argv: list[str], base: Path | None, where: Where):
    args = argv[1:]
    kind = "python" if PYTHON.match(program) else "deno" if program == "deno" else "node"
    if kind == "python" and "-m" in args:
        module = args[args.index("-m") + 1] if args.index("-m") + 1 < len(args) else ""
        return _python_module(sid, argv[0], module, base)
    if kind in ("python", "node") and ({"-c", "-e", "--eval"} & set(args)):
        return [], []  # inline code: nothing on disk to read
    if kind == "deno" or (program == "bun" and args[:1] == ["run"]):
        args = args[1:] if args[:1] == ["run"] else args
    found = first_operand(args, VALUE_OPTS.get(kind, set()))
    if found is None:
        return [], []
    script = found[1]
    if re.match(r"^(?:npm|jsr|https?):", script):
        return [], [Skipped(script, "remote module: code is fetched at start-up", (sid,))]
    roots, skipped = script_root(sid, script, base, f"{program} script")
    # `python wrapper.py real_server.py`, `node --require ./hook.js server.js`: the
    # wrapped script and the preloaded module are code the server runs too.
    for extra, how in wrapped_scripts(kind, args, found[0]):
        more, _ = script_root(sid, extra, base, how)
        roots.extend(r for r in more if r.path not in {x.path for x in roots})
    return roots, skipped


def _python_module(sid: str, interpreter: str, module: str, base: Path | None):
    top = module.split(".")[0]
    if not top:
        return [], []
    places: list[Path] = []
    if base is not None:
        places.append(base)
    exe = Path(interpreter)
    if exe.is_absolute():
        places.extend(site_packages(exe.parent.parent))
    for place in places:
        for candidate in (place / top, place / f"{top}.py"):
            if candidate.exists():
                return [CodeRoot(sid, str(candidate), "python -m module")], []
    return [], [Skipped(module, "module not found in the interpreter's site-packages", (sid,))]


def _uv_run(sid: str, argv: list[str], base: Path | None, where: Where):
    args = argv[1:]
    for flag in ("--directory", "--project"):
        if flag in args and args.index(flag) + 1 < len(args):
            folder = resolve(args[args.index(flag) + 1], base)
            if folder is not None:
                base = folder
    if "run" not in args:
        return [], []
    rest = args[args.index("run") + 1 :]
    found = first_operand(rest, VALUE_OPTS["uv"])
    if found is None:
        return [], []
    index, target = found
    if PYTHON.match(program_of(target)):
        inner = first_operand(rest[index + 1 :], VALUE_OPTS["python"])
        if inner is None:
            return [], []
        target = inner[1]
    if target.endswith(".py"):
        return script_root(sid, target, base, "uv run script")
    if base is not None and any((base / m).is_file() for m in PROJECT_MARKERS):
        return [CodeRoot(sid, str(base), "uv project")], []
    return [], []
