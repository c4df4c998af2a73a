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

import glob
import json
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from mcpaudit.collect.launchers import (
    SHELLS,
    follow_launcher,
    is_npm_script,
    wrapped_scripts,
)
from mcpaudit.collect.results import CodeRoot, Skipped
from mcpaudit.model import Server, Transport

_PYTHON = re.compile(r"^python(?:3(?:\.\d+)?)?w?$")
_JS_RUNNERS = {"node", "nodejs", "tsx", "ts-node", "bun"}
_PROJECT_MARKERS = ("package.json", "pyproject.toml", "setup.py", "setup.cfg", "deno.json")
# Interpreter options that take a value as the next argument.
_VALUE_OPTS = {
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
_MAX_RECORD_BYTES = 2_000_000


@dataclass(frozen=True)
class Where:
    """The base folders and environment the lookup follows (a fake HOME works)."""

    home: Path
    env: Mapping[str, str]
    os_name: str
    xdg_cache: Path
    xdg_data: Path
    localappdata: Path
    appdata: Path
    project: Path | None = None

    @classmethod
    def from_bases(
        cls, values: Mapping[str, str], env: Mapping[str, str], os_name: str, project: Path | None
    ) -> Where:
        return cls(
            home=Path(values["home"]),
            env=env,
            os_name=os_name,
            xdg_cache=Path(values["xdg_cache"]),
            xdg_data=Path(values["xdg_data"]),
            localappdata=Path(values["localappdata"]),
            appdata=Path(values["appdata"]),
            project=project,
        )

    def npm_cache(self) -> Path:
        value = self.env.get("npm_config_cache") or self.env.get("NPM_CONFIG_CACHE")
        if value:
            return Path(value)
        return self.localappdata / "npm-cache" if self.os_name == "windows" else self.home / ".npm"

    # The folders below are the ones the tools document (an environment variable first):
    # uv: docs.astral.sh/uv/reference/storage — XDG on Linux *and* macOS, Known Folders on
    # Windows (%LOCALAPPDATA%\uv\cache, %APPDATA%\uv\data; older uv put tools straight
    # under %APPDATA%\uv\tools, astral-sh/uv#7008). pipx: pipx.pypa.io "Configure paths" —
    # ~/.local/share/pipx (Linux), ~/.local/pipx (macOS), ~\pipx (Windows), plus the older
    # defaults it still uses when they exist; `pipx run` venvs in $PIPX_HOME/.cache.

    def uv_cache(self) -> Path:
        if self.env.get("UV_CACHE_DIR"):
            return Path(self.env["UV_CACHE_DIR"])
        if self.os_name == "windows":
            return self.localappdata / "uv" / "cache"
        return self.xdg_cache / "uv"

    def uv_tool_dirs(self) -> list[Path]:
        if self.env.get("UV_TOOL_DIR"):
            return [Path(self.env["UV_TOOL_DIR"])]
        if self.os_name == "windows":
            return [self.appdata / "uv" / "data" / "tools", self.appdata / "uv" / "tools"]
        return [self.xdg_data / "uv" / "tools"]

    def pipx_homes(self) -> list[Path]:
        if self.env.get("PIPX_HOME"):
            return [Path(self.env["PIPX_HOME"])]
        if self.os_name == "windows":
            return [self.home / "pipx", self.localappdata / "pipx", self.home / ".local" / "pipx"]
        if self.os_name == "macos":
            return [self.home / ".local" / "pipx", self.home / "Library/Application Support/pipx"]
        return [self.xdg_data / "pipx", self.home / ".local" / "pipx"]

    def pipx_run_caches(self) -> list[Path]:
        if self.env.get("PIPX_VENV_CACHEDIR"):
            return [Path(self.env["PIPX_VENV_CACHEDIR"])]
        return [home / ".cache" for home in self.pipx_homes()]


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
    program = _program(argv[0])
    try:
        if program in SHELLS or (program in ("npm", "pnpm", "yarn") and is_npm_script(argv)):
            # A launcher (start.sh, npm start): follow it to the command it runs.
            return follow_launcher(sid, program, argv, base, where, depth)
        if program in ("npx", "bunx") or (
            program in ("npm", "pnpm") and argv[1:2] in (["exec"], ["dlx"])
        ):
            return _npx(sid, argv, base, where)
        if program == "uvx" or (program == "uv" and argv[1:3] == ["tool", "run"]):
            return _uvx(sid, argv, where)
        if program == "pipx" and argv[1:2] == ["run"]:
            return _pipx_run(sid, argv, where)
        if program == "uv":
            return _uv_run(sid, argv, base, where)
        if _PYTHON.match(program) or program in _JS_RUNNERS or program == "deno":
            return _interpreter(sid, program, argv, base, where)
        if program in ("docker", "podman"):
            return [], []
        return _entry_point(sid, argv[0], base, where)
    except OSError as exc:
        return [], [Skipped(argv[0], f"could not look for its code: {exc.strerror or exc}", (sid,))]


# --- helpers -----------------------------------------------------------------


def _program(command: str) -> str:
    name = re.split(r"[/\\]", command)[-1].lower()
    for suffix in (".exe", ".cmd", ".bat"):
        name = name.removesuffix(suffix)
    return name


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


def _resolve(path_text: str, base: Path | None) -> Path | None:
    if "${" in path_text or "{env:" in path_text:
        return None
    path = Path(path_text)
    if not path.is_absolute():
        if base is None:
            return None
        path = base / path
    return path


def _project_root(script: Path, levels: int = 2) -> Path:
    """The project a script belongs to (package.json/pyproject.toml in its folder or the one
    above, as in `build/index.js`), else the script alone: a script in a big repository or
    the home folder must not turn into a scan of everything around it."""
    folder = script.parent
    for _ in range(levels):
        if any((folder / marker).is_file() for marker in _PROJECT_MARKERS):
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return script


def _first_operand(args: list[str], value_opts: set[str]) -> tuple[int, str] | None:
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


def _script_root(
    sid: str, text: str, base: Path | None, how: str
) -> tuple[list[CodeRoot], list[Skipped]]:
    script = _resolve(text, base)
    if script is None:
        return [], [Skipped(text, "relative script path and no known working directory", (sid,))]
    if not script.is_file():
        return [], [Skipped(str(script), "script not found on this machine", (sid,))]
    return [CodeRoot(sid, str(_project_root(script)), how)], []


def _interpreter(sid: str, program: str, argv: list[str], base: Path | None, where: Where):
    args = argv[1:]
    kind = "python" if _PYTHON.match(program) else "deno" if program == "deno" else "node"
    if kind == "python" and "-m" in args:
        module = args[args.index("-m") + 1] if args.index("-m") + 1 < len(args) else ""
        return _python_module(sid, argv[0], module, base)
    if kind in ("python", "node") and ({"-c", "-e", "--eval"} & set(args)):
        return [], []  # inline code: nothing on disk to read
    if kind == "deno" or (program == "bun" and args[:1] == ["run"]):
        args = args[1:] if args[:1] == ["run"] else args
    found = _first_operand(args, _VALUE_OPTS.get(kind, set()))
    if found is None:
        return [], []
    script = found[1]
    if re.match(r"^(?:npm|jsr|https?):", script):
        return [], [Skipped(script, "remote module: code is fetched at start-up", (sid,))]
    roots, skipped = _script_root(sid, script, base, f"{program} script")
    # `python wrapper.py real_server.py`, `node --require ./hook.js server.js`: the
    # wrapped script and the preloaded module are code the server runs too.
    for extra, how in wrapped_scripts(kind, args, found[0]):
        more, _ = _script_root(sid, extra, base, how)
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
        places.extend(_site_packages(exe.parent.parent))
    for place in places:
        for candidate in (place / top, place / f"{top}.py"):
            if candidate.exists():
                return [CodeRoot(sid, str(candidate), "python -m module")], []
    return [], [Skipped(module, "module not found in the interpreter's site-packages", (sid,))]


def _site_packages(prefix: Path) -> list[Path]:
    found = glob.glob(str(prefix / "lib" / "python3*" / "site-packages"))
    found += glob.glob(str(prefix / "Lib" / "site-packages"))
    return [Path(p) for p in sorted(found)]


def _uv_run(sid: str, argv: list[str], base: Path | None, where: Where):
    args = argv[1:]
    for flag in ("--directory", "--project"):
        if flag in args and args.index(flag) + 1 < len(args):
            folder = _resolve(args[args.index(flag) + 1], base)
            if folder is not None:
                base = folder
    if "run" not in args:
        return [], []
    rest = args[args.index("run") + 1 :]
    found = _first_operand(rest, _VALUE_OPTS["uv"])
    if found is None:
        return [], []
    index, target = found
    if _PYTHON.match(_program(target)):
        inner = _first_operand(rest[index + 1 :], _VALUE_OPTS["python"])
        if inner is None:
            return [], []
        target = inner[1]
    if target.endswith(".py"):
        return _script_root(sid, target, base, "uv run script")
    if base is not None and any((base / m).is_file() for m in _PROJECT_MARKERS):
        return [CodeRoot(sid, str(base), "uv project")], []
    return [], []


def _package_name(spec: str) -> str:
    """`@scope/name@1.2` -> `@scope/name`; `name@latest` -> `name`."""
    if spec.startswith("@"):
        scope, _, rest = spec[1:].partition("/")
        return f"@{scope}/{rest.split('@')[0]}"
    return spec.split("@")[0]


def found_after(args: list[str], spec: str) -> str | None:
    """The first operand after `spec` (a runner's script)."""
    rest = args[args.index(spec) + 1 :] if spec in args else []
    found = _first_operand(rest, set())
    return found[1] if found else None


def _npx(sid: str, argv: list[str], base: Path | None, where: Where):
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
        found = _first_operand(args, {"--registry", "--cache", "-c", "--call"})
        if found is None:
            return [], []
        spec = found[1]
    name = _package_name(spec)
    if name in ("tsx", "ts-node") and found_after(args, spec):
        # `npx tsx server.ts`: the package is only the runner; the server is the script.
        return _script_root(sid, found_after(args, spec) or "", base, f"npx {name} script")
    if spec.startswith((".", "/", "file:", "git", "http")):
        return [], [Skipped(spec, "npx of a path or URL: not a registry package", (sid,))]
    pattern = where.npm_cache() / "_npx" / "*" / "node_modules" / name
    matches = [Path(p) for p in glob.glob(str(pattern)) if (Path(p) / "package.json").is_file()]
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
    try:
        version = json.loads((root / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None
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


def _uvx(sid: str, argv: list[str], where: Where):
    args = argv[1:]
    if args[:2] == ["tool", "run"]:
        args = args[2:]
    spec = None
    if "--from" in args and args.index("--from") + 1 < len(args):
        spec = args[args.index("--from") + 1]
    else:
        found = _first_operand(args, _VALUE_OPTS["uv"])
        spec = found[1] if found else None
    if not spec:
        return [], []
    dist = _python_spec(spec)
    venvs = [
        tools / name
        for tools in where.uv_tool_dirs()
        for name in (dist, _normalise(dist).replace("_", "-"))
    ]
    roots = _dist_roots(sid, dist, [sp for v in venvs for sp in _site_packages(v)], "uv tool")
    if not roots:
        archive = where.uv_cache() / "archive-v0" / "*"
        envs = sorted(glob.glob(str(archive)), key=os.path.getmtime, reverse=True)
        roots = _dist_roots(
            sid, dist, [sp for e in envs for sp in _site_packages(Path(e))], "uv cache"
        )
    if not roots:
        return [], [Skipped(spec, "not in uv's tool or cache folders", (sid,))]
    return roots, []


def _pipx_run(sid: str, argv: list[str], where: Where):
    found = _first_operand(argv[2:], {"--spec", "--python", "--pip-args"})
    spec = argv[argv.index("--spec") + 1] if "--spec" in argv[:-1] else found[1] if found else None
    if not spec:
        return [], []
    dist = _python_spec(spec)
    venvs: list[Path] = []
    for home in where.pipx_homes():
        venvs.append(home / "venvs" / dist)
    for cache in where.pipx_run_caches():
        venvs.extend(Path(p) for p in glob.glob(str(cache / "*")))
    roots = _dist_roots(sid, dist, [sp for v in venvs for sp in _site_packages(v)], "pipx venv")
    if not roots:
        return [], [Skipped(spec, "not in any pipx venv", (sid,))]
    return roots, []


def _dist_roots(sid: str, dist: str, site_dirs: list[Path], how: str) -> list[CodeRoot]:
    """The top-level packages a distribution installed, from its dist-info RECORD."""
    wanted = _normalise(dist)
    for sp in site_dirs:
        for info in sorted(sp.glob("*.dist-info")):
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


def _entry_point(sid: str, command: str, base: Path | None, where: Where):
    if "/" in command or "\\" in command:
        path = _resolve(command, base)
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
            return [CodeRoot(sid, str(_project_root(real)), "script")], []
        return [], [Skipped(str(real), "a compiled program: no source to read", (sid,))]
    shebang = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    if "python" not in shebang:
        if "node" in shebang:
            return [CodeRoot(sid, str(_project_root(real)), "script")], []
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
        for sp in _site_packages(prefix):
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
