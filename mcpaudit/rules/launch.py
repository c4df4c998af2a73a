"""Read a server's launch line: which launcher, which package at which version, which image.

Pure string work over `Server.command`/`Server.args` (each a `Value` with its pointer),
shared by the supply-chain, containment and transport rules. Wrappers such as
`cmd /c npx …`, `env X=1 npx …` or `/usr/local/bin/npx` are looked through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from mcpaudit.model import Server, Value

NPM_RUNNERS = {"npx", "bunx", "pnpx"}
NPM_SUBCOMMAND_RUNNERS = {("pnpm", "dlx"), ("yarn", "dlx"), ("npm", "exec"), ("bun", "x")}
PY_RUNNERS = {"uvx", "pipx"}
CONTAINER_TOOLS = {"docker", "podman", "nerdctl"}
_WRAPPERS = {"env", "nice", "nohup", "exec", "time", "stdbuf"}
_CMD_SHELL = {"cmd", "cmd.exe"}


_SEPARATORS = re.compile(r"[\\/]")

# Per-server caches hold every server of a scan: a smaller LRU would be swept by each rule's
# pass over 10,000 servers and never hit.
PER_SERVER = 1 << 16


@lru_cache(maxsize=8192)
def basename(path: str) -> str:
    name = _SEPARATORS.split(path.strip())[-1].lower()
    for ext in (".exe", ".cmd", ".bat", ".ps1"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return name


@lru_cache(maxsize=PER_SERVER)  # every family asks again for the same server
def launch_line(server: Server) -> list[Value]:
    """command + args, with leading wrappers (`env A=1`, `cmd /c`) removed."""
    parts = ([server.command] if server.command else []) + list(server.args)
    while parts:
        head = basename(parts[0].text)
        if head == "mcpaudit-run" or [v.text for v in parts[1:3]] == ["-m", "mcpaudit.launcher"]:
            # mcpaudit's keychain launcher execs what follows `--` unchanged
            rest = [i for i, v in enumerate(parts) if v.text == "--"]
            parts = parts[rest[0] + 1 :] if rest else []
        elif head in _WRAPPERS:
            parts = parts[1:]
            while parts and (
                re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", parts[0].text)
                or parts[0].text.startswith("-")
            ):
                parts = parts[1:]
        elif head in _CMD_SHELL and len(parts) > 2 and parts[1].text.lower() in ("/c", "/k"):
            rest = parts[2:]
            # `cmd /c npx pkg` as separate args is a wrapper; `cmd /c "a && b"` is a script.
            if len(rest) == 1 and " " in rest[0].text.strip():
                return parts
            parts = rest
        else:
            break
    return parts


@dataclass(frozen=True)
class PackageRef:
    ecosystem: str  # npm | pypi | git | url | local
    name: str
    version: str | None  # exact version, a range, a tag, or None
    value: Value  # the argument it came from
    runner: str  # npx, uvx, pipx, ...
    auto_install: bool = False  # -y / --yes: install without asking

    @property
    def exact(self) -> bool:
        if self.ecosystem == "npm":
            return bool(self.version) and bool(
                re.fullmatch(r"v?\d+\.\d+\.\d+(?:[-+][\w.\-+]+)?", self.version or "")
            )
        if self.ecosystem == "pypi":
            return bool(self.version) and bool(
                re.fullmatch(
                    r"\d+(?:\.\d+)*(?:[a-z]+\d*)?(?:\.post\d+)?(?:\.dev\d+)?", self.version or ""
                )
            )
        if self.ecosystem == "git":
            return bool(self.version) and bool(re.fullmatch(r"[0-9a-f]{40}", self.version or ""))
        return self.ecosystem == "local"


def split_npm_spec(spec: str) -> tuple[str, str | None]:
    """`@scope/name@1.2.3` -> ("@scope/name", "1.2.3"); `name` -> ("name", None)."""
    at = spec.find("@", 1)
    if at == -1:
        return spec, None
    return spec[:at], spec[at + 1 :] or None


def split_py_spec(spec: str) -> tuple[str, str | None]:
    """`name==1.2` / `name@1.2` / `name[extra]>=1` -> (name, version or range)."""
    m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._\-]*)(\[[^\]]*\])?\s*(.*)$", spec.strip())
    if not m:
        return spec, None
    name, rest = m.group(1), m.group(3).strip()
    if rest.startswith("=="):
        return name, rest[2:].strip() or None
    if rest.startswith("@"):
        return name, rest[1:].strip() or None
    return name, rest or None


def _git_ref(spec: str) -> tuple[str, str | None]:
    """`git+https://host/repo@ref` or `github:user/repo#ref` -> (repo, ref or None)."""
    body = spec.split("+", 1)[1] if spec.startswith("git+") else spec
    if "#" in body:
        repo, ref = body.split("#", 1)
        return repo, ref or None
    m = re.match(r"^(.*://[^@/]*(?:@[^/]*)?/.+?)@([^/@]+)$", body)
    if m:
        return m.group(1), m.group(2)
    return body, None


def _classify(spec: str, ecosystem: str) -> tuple[str, str, str | None]:
    s = spec.strip()
    if s.startswith(("git+", "github:", "gitlab:", "bitbucket:")) or (
        s.startswith(("https://", "http://")) and (".git" in s or "github.com" in s)
    ):
        repo, ref = _git_ref(s)
        return "git", repo, ref
    if s.startswith(("https://", "http://")):
        return "url", s, None
    if s.startswith((".", "/", "~")) or re.match(r"^[A-Za-z]:[\\/]", s) or s.startswith("file:"):
        return "local", s, None
    if ecosystem == "npm":
        if re.fullmatch(r"[A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+(#.*)?", s):  # user/repo = GitHub
            repo, ref = _git_ref(s)
            return "git", repo, ref
        name, version = split_npm_spec(s)
        return "npm", name, version
    name, version = split_py_spec(s)
    return "pypi", name, version


_NPX_VALUE_OPTS = {
    "--registry",
    "--cache",
    "--userconfig",
    "--prefix",
    "-w",
    "--workspace",
    "--node-options",
}
_UVX_VALUE_OPTS = {
    "--with",
    "--python",
    "-p",
    "--index",
    "--index-url",
    "--extra-index-url",
    "--default-index",
    "--with-requirements",
    "--constraints",
    "--overrides",
    "--directory",
    "--cache-dir",
    "--env-file",
}


@lru_cache(maxsize=PER_SERVER)  # every family asks again for the same server
def package_ref(server: Server) -> PackageRef | None:
    """The package a runner (npx, uvx, pipx run, pnpm dlx…) fetches and starts, if any."""
    line = launch_line(server)
    if not line:
        return None
    head = basename(line[0].text)
    rest = line[1:]
    if (
        head in ("pnpm", "yarn", "npm", "bun")
        and rest
        and (head, rest[0].text) in NPM_SUBCOMMAND_RUNNERS
    ):
        return _npm_ref(f"{head} {rest[0].text}", rest[1:])
    if head in NPM_RUNNERS:
        return _npm_ref(head, rest)
    if head == "uvx" or (
        head == "uv" and rest[:2] and [v.text for v in rest[:2]] == ["tool", "run"]
    ):
        return _py_ref("uvx", rest[2:] if head == "uv" else rest)
    if head == "pipx" and rest and rest[0].text == "run":
        return _py_ref("pipx", rest[1:])
    return None


def _npm_ref(runner: str, args: list[Value]) -> PackageRef | None:
    package, stop = _package_arg(args, ("-p", "--package"), _NPX_VALUE_OPTS)
    if package is None:
        return None
    # `-y` before the package is npx's own auto-install switch; after it, the server's.
    auto = any(a.text in ("-y", "--yes") for a in args[:stop])
    eco, name, version = _classify(package.text, "npm")
    return PackageRef(eco, name, version, package, runner, auto)


def _py_ref(runner: str, args: list[Value]) -> PackageRef | None:
    package, _ = _package_arg(args, ("--from", "--spec"), _UVX_VALUE_OPTS)
    if package is None:
        return None
    eco, name, version = _classify(package.text, "pypi")
    return PackageRef(eco, name, version, package, runner)


def _package_arg(
    args: list[Value], package_flags: tuple[str, ...], value_opts: frozenset[str] | set[str]
) -> tuple[Value | None, int]:
    """(package, index of the first positional) for a runner's args: `--from pkg` /
    `--from=pkg`, else the first positional argument (options known to take a value are
    skipped with their value). Everything from the index on belongs to the server."""
    package: Value | None = None
    i = 0
    while i < len(args):
        text = args[i].text
        if text in package_flags and i + 1 < len(args):
            package = args[i + 1]
            i += 1
        elif text.startswith(tuple(f"{flag}=" for flag in package_flags)):
            package = replace(args[i], text=text.split("=", 1)[1], reference=None)
        elif text in value_opts:
            i += 1
        elif not text.startswith("-"):
            return package or args[i], i
        i += 1
    return package, len(args)


# ---------------------------------------------------------------- containers

_DOCKER_FLAGS = {
    "-i",
    "-t",
    "-d",
    "-it",
    "-ti",
    "-P",
    "--rm",
    "--init",
    "--privileged",
    "--read-only",
    "--interactive",
    "--tty",
    "--detach",
    "--publish-all",
    "--no-healthcheck",
    "--oom-kill-disable",
    "-q",
    "--quiet",
}


@dataclass(frozen=True)
class DockerRun:
    tool: str
    options: tuple[tuple[Value, Value | None], ...]  # (option, its value when separate)
    image: Value | None

    def values_of(self, *names: str) -> list[tuple[Value, str]]:
        """Every value given to any of `names` (`--net host` and `--net=host` alike)."""
        out = []
        for opt, val in self.options:
            flag, eq, inline = opt.text.partition("=")
            if flag in names:
                if eq:
                    out.append((opt, inline))
                elif val is not None:
                    out.append((val, val.text))
        return out

    def has_flag(self, name: str) -> Value | None:
        for opt, _ in self.options:
            flag, _, inline = opt.text.partition("=")
            if flag == name and inline.lower() not in ("false", "0"):
                return opt
        return None


@lru_cache(maxsize=PER_SERVER)  # every family asks again for the same server
def docker_run(server: Server) -> DockerRun | None:
    """`docker run [options] image …` (also `podman`, `container run`) parsed, else None."""
    line = launch_line(server)
    if len(line) < 2 or basename(line[0].text) not in CONTAINER_TOOLS:
        return None
    args = line[1:]
    if args[0].text == "container" and len(args) > 1:
        args = args[1:]
    if args[0].text not in ("run", "create"):
        return None
    options: list[tuple[Value, Value | None]] = []
    i = 1
    while i < len(args):
        text = args[i].text
        if not text.startswith("-") or text == "-":
            return DockerRun(basename(line[0].text), tuple(options), args[i])
        if text in _DOCKER_FLAGS or "=" in text or re.fullmatch(r"-[itdP]{2,4}", text):
            options.append((args[i], None))
        else:
            options.append((args[i], args[i + 1] if i + 1 < len(args) else None))
            i += 1
        i += 1
    return DockerRun(basename(line[0].text), tuple(options), None)


def split_image(image: str) -> tuple[str, str | None, str | None]:
    """`ghcr.io/o/img:1.2@sha256:…` -> (name, tag, digest)."""
    name, _, digest = image.partition("@")
    tag = None
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        tag = last.split(":", 1)[1]
        name = name[: len(name) - len(tag) - 1]
    return name, tag, digest or None
