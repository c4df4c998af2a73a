"""Where each client's files are on this machine: templates -> concrete paths.

Follows `$HOME` and the XDG variables, so `HOME=/tmp/fake mcpaudit scan` audits
a fake home. Nothing here reads file contents.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.clients.spec import ClientSpec, FileSpec


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
        return cls(home, values)


@dataclass(frozen=True)
class Candidate:
    """A concrete file a client would read (it may not exist)."""

    client: ClientSpec
    spec: FileSpec
    path: Path
    pattern: str  # the template it came from, for `mcpaudit clients`
    unmatched_glob: bool = False  # a glob that matched nothing: `path` is the pattern


def expand(
    spec: FileSpec, bases: Bases, project: Path | None, os_name: str
) -> tuple[str, list[Path]] | None:
    """(pattern, matching paths); glob patterns list only what exists."""
    template = spec.template_for(os_name)
    if template is None:
        return None
    if "{project}" in template and project is None:
        return None
    values = dict(bases.values, project=str(project) if project else "")
    pattern = template.format(**values)
    if any(ch in pattern for ch in "*?["):
        matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True, include_hidden=True))
        return pattern, matches
    return pattern, [Path(pattern)]


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
            expanded = expand(spec, bases, project, os_name)
            if expanded is None:
                continue
            pattern, paths = expanded
            if not paths:
                yield Candidate(client, spec, Path(pattern), pattern, unmatched_glob=True)
            for path in paths:
                if path in seen:
                    continue  # e.g. the project is the home directory
                seen.add(path)
                yield Candidate(client, spec, path, pattern)
