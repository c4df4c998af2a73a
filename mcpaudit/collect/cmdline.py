"""Command-line reading shared by the code locators: which program runs, its first
operand, paths resolved against the working directory, and the project a script is in."""

from __future__ import annotations

import re
from pathlib import Path

from mcpaudit.collect.results import CodeRoot, Skipped
from mcpaudit.walk import glob_under

PYTHON = re.compile(r"^python(?:3(?:\.\d+)?)?w?$")
JS_RUNNERS = {"node", "nodejs", "tsx", "ts-node", "bun"}
PROJECT_MARKERS = ("package.json", "pyproject.toml", "setup.py", "setup.cfg", "deno.json")
# Interpreter options that take a value as the next argument.
VALUE_OPTS = {
    "node": {"-r", "--require", "--import", "--loader", "--experimental-loader", "--env-file"},
    "python": {"-W", "-X", "-Q"},
    "uv": {
        "--with",
        "--python",
        "-p",
        "--from",
        "--directory",
        "--project",
        "--env-file",
        "--with-requirements",
        "--index",
        "--extra",
        "--group",
    },
    "deno": {"--config", "-c", "--import-map", "--env-file", "--location", "--cert"},
}


def program(command: str) -> str:
    """`/usr/bin/Python3.EXE` -> `python3`."""
    name = re.split(r"[/\\]", command)[-1].lower()
    for suffix in (".exe", ".cmd", ".bat"):
        name = name.removesuffix(suffix)
    return name


def resolve(path_text: str, base: Path | None) -> Path | None:
    if "${" in path_text or "{env:" in path_text:
        return None
    path = Path(path_text)
    if not path.is_absolute():
        if base is None:
            return None
        path = base / path
    return path


def project_root(script: Path, levels: int = 2) -> Path:
    """The project a script belongs to (package.json/pyproject.toml in its folder or the one
    above, as in `build/index.js`), else the script alone: a script in a big repository or
    the home folder must not turn into a scan of everything around it."""
    folder = script.parent
    for _ in range(levels):
        if any((folder / marker).is_file() for marker in PROJECT_MARKERS):
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return script


def first_operand(args: list[str], value_opts: set[str]) -> tuple[int, str] | None:
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg in value_opts:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return i, arg
    return None


def script_root(
    sid: str, text: str, base: Path | None, how: str
) -> tuple[list[CodeRoot], list[Skipped]]:
    script = resolve(text, base)
    if script is None:
        return [], [Skipped(text, "relative script path and no known working directory", (sid,))]
    if not script.is_file():
        return [], [Skipped(str(script), "script not found on this machine", (sid,))]
    return [CodeRoot(sid, str(project_root(script)), how)], []


def site_packages(prefix: Path) -> list[Path]:
    """The site-packages folders of a venv or prefix (POSIX and Windows layouts); one
    bounded listing of `lib/`, so a hostile prefix with a million entries stays cheap."""
    found = glob_under(prefix, "lib", "python3*", "site-packages").paths
    found += glob_under(prefix, "Lib", "site-packages").paths
    return sorted(found)


def found_after(args: list[str], spec: str) -> str | None:
    """The first operand after `spec` (a runner's script)."""
    rest = args[args.index(spec) + 1 :] if spec in args else []
    found = first_operand(rest, set())
    return found[1] if found else None
