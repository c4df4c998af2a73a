"""Where each client's files are on this machine: templates -> concrete paths.

Follows `$HOME` and the XDG variables, so `HOME=/tmp/fake mcpaudit scan` audits
a fake home, and each client's relocation variables (`CODEX_HOME`,
`CLAUDE_CONFIG_DIR`, ...; `ClientSpec.relocations`), always from the scan's
environment, never this process's. Nothing here reads file contents.
"""

from __future__ import annotations

import glob
import os
import string
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.clients.spec import ClientSpec, FileSpec, Relocation
from mcpaudit.model import ConfigFile
from mcpaudit.walk import WalkLimits, bounded_glob, has_magic


def current_os() -> str:
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith("win"):
        return "windows"
    return "linux"


@dataclass(frozen=True)
class Bases:
    """The base folders path templates are built from."""

    home: Path
    values: Mapping[str, str]
    # The scan's environment, for the clients' relocation variables.
    env: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, os_name: str | None = None) -> Bases:
        env = os.environ if env is None else env
        os_name = os_name or current_os()
        home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())

        def xdg(var: str, default: str) -> str:
            value = env.get(var, "")
            # The XDG spec: relative values are invalid and must be ignored.
            return value if value and os.path.isabs(value) else str(home / default)

        xdg_config = xdg("XDG_CONFIG_HOME", ".config")
        if os_name == "macos":
            appdata = str(home / "Library" / "Application Support")
            xdg_config = str(home / ".config")
        elif os_name == "windows":
            appdata = env.get("APPDATA") or str(home / "AppData" / "Roaming")
        else:
            appdata = xdg_config
        values = {
            "home": str(home),
            "appdata": appdata,
            "xdg_config": xdg_config,
            "xdg_data": xdg("XDG_DATA_HOME", ".local/share"),
            "xdg_state": xdg("XDG_STATE_HOME", ".local/state"),
            "xdg_cache": xdg("XDG_CACHE_HOME", ".cache"),
            "localappdata": env.get("LOCALAPPDATA") or str(home / "AppData" / "Local"),
        }
        return cls(home, values, env)


def absolute_env_path(env: Mapping[str, str], var: str, os_name: str) -> str | None:
    """`var`'s value when it is an absolute path on `os_name`; None when unset, empty or
    relative (ignored, as the XDG spec says of relative XDG values)."""
    value = (env.get(var) or "").strip()
    pure = PureWindowsPath if os_name == "windows" else PurePosixPath
    if not value or not pure(value).is_absolute():
        return None
    return value.rstrip("/\\") or value  # "/x/" + "/config.toml" must not give "/x//..."


@dataclass(frozen=True)
class Location:
    """Where one file spec points on this machine.

    `relocated_by` names the variable that moved it there. A default location the
    client no longer reads (because a variable moved it) has `read_instead`: the
    location the client reads, and `superseded_by`: the variable.
    """

    pattern: str
    paths: tuple[Path, ...]
    relocated_by: str | None = None
    superseded_by: str | None = None
    read_instead: str | None = None
    truncated: str | None = None  # the glob's walk stopped early (entry or time limit)


_FIELDS = string.Formatter()


class _Filler:
    """Fills a template's placeholders: the bases, `{project}`, and the relocations."""

    def __init__(
        self,
        relocations: tuple[Relocation, ...],
        bases: Bases,
        project: Path | None,
        os_name: str,
    ) -> None:
        self.relocations = {r.name: r for r in relocations}
        self.values = dict(bases.values, project=str(project) if project else "")
        self.env = bases.env
        self.os_name = os_name

    def fill(
        self, template: str, follow_env: bool, literal: bool = False
    ) -> tuple[str, str | None] | None:
        """(filled text, the variable that moved it or None); None when the template
        needs an extra location whose variable is unset. `literal`: the values are
        glob-escaped, so a home or project folder named `photos [2024]` is no pattern."""
        values: dict[str, str] = {}
        moved_by: str | None = None
        for _, name, _, _ in _FIELDS.parse(template):
            if name not in self.relocations or name in values:
                continue
            placed = self.placeholder(self.relocations[name], follow_env, literal)
            if placed is None:
                return None
            values[name], var = placed
            moved_by = moved_by or var
        own = {k: glob.escape(v) for k, v in self.values.items()} if literal else self.values
        return template.format(**own, **values), moved_by

    def placeholder(
        self, r: Relocation, follow_env: bool, literal: bool = False
    ) -> tuple[str, str | None] | None:
        if follow_env:
            value = absolute_env_path(self.env, r.var, self.os_name)
            if value is not None:
                return (glob.escape(value) if literal else value), r.var
        if r.default is None:
            return None
        return self.fill(r.default, follow_env, literal)


def _matches(
    pattern: str, glob_pattern: str | None, limits: WalkLimits | None = None
) -> tuple[tuple[Path, ...], str | None]:
    """The pattern as a path, or what a glob pattern matches (only what exists), and why
    the listing stopped early: a bounded walk that never recurses through a symlinked
    folder (`~/.claude/projects/x -> /` must not walk the whole disk). Only the catalogue's
    own `*` makes a glob (`glob_pattern`: the same with the filled-in folders escaped)."""
    if glob_pattern is not None and has_magic(glob_pattern):
        found = bounded_glob(glob_pattern, limits)
        return found.paths, found.truncated
    return (Path(pattern),), None


def locate(
    spec: FileSpec,
    bases: Bases,
    project: Path | None,
    os_name: str,
    relocations: tuple[Relocation, ...] = (),
    limits: WalkLimits | None = None,
) -> list[Location]:
    """Where the client reads `spec` (first) and, when a variable moved it, the default
    location it no longer reads. Empty when the file does not apply here."""
    template = spec.template_for(os_name)
    if template is None or ("{project}" in template and project is None):
        return []
    filler = _Filler(relocations, bases, project, os_name)
    read = filler.fill(template, follow_env=True)
    if read is None:
        return []  # an extra location whose variable is not set
    pattern, var = read
    as_glob = filler.fill(template, follow_env=True, literal=True) if has_magic(template) else None
    paths, truncated = _matches(pattern, as_glob[0] if as_glob else None, limits)
    found = [Location(pattern, paths, relocated_by=var, truncated=truncated)]
    if var is not None:
        default = filler.fill(template, follow_env=False)
        if default is not None and default[0] != pattern:
            as_glob = filler.fill(template, False, literal=True) if has_magic(template) else None
            paths, truncated = _matches(default[0], as_glob[0] if as_glob else None, limits)
            found.append(
                Location(
                    default[0], paths, superseded_by=var, read_instead=pattern, truncated=truncated
                )
            )
    return found


@dataclass(frozen=True)
class Candidate:
    """A concrete file a client would read (it may not exist)."""

    client: ClientSpec
    spec: FileSpec
    path: Path
    pattern: str  # the template it came from, for `mcpaudit clients`
    unmatched_glob: bool = False  # a glob that matched nothing: `path` is the pattern
    relocated_by: str | None = None  # the variable that put it here (e.g. CODEX_HOME)
    not_read: str | None = None  # why the client does not read it, when it does not

    def annotate(self, cfg: ConfigFile) -> ConfigFile:
        """`cfg` (read from this candidate) with where-it-came-from facts attached."""
        if self.relocated_by is None and self.not_read is None:
            return cfg
        return replace(cfg, relocated_by=self.relocated_by, not_read=self.not_read)


def candidates(
    bases: Bases,
    project: Path | None,
    os_name: str | None = None,
    clients: tuple[ClientSpec, ...] = CLIENTS,
) -> Iterator[Candidate]:
    os_name = os_name or current_os()
    seen: set[Path] = set()
    for client in clients:
        for spec in client.files:
            for loc in locate(spec, bases, project, os_name, client.relocations):
                not_read = None
                if loc.superseded_by:
                    not_read = (
                        f"{client.name} reads {loc.read_instead} instead"
                        f" (${loc.superseded_by} is set)"
                    )
                where = {"relocated_by": loc.relocated_by, "not_read": not_read}
                if not loc.paths:
                    yield Candidate(client, spec, Path(loc.pattern), loc.pattern, True, **where)
                for path in loc.paths:
                    if path in seen:
                        continue  # e.g. the project is the home directory
                    seen.add(path)
                    yield Candidate(client, spec, path, loc.pattern, **where)
