"""Settings a team keeps with its code: `.mcpaudit.toml` or `[tool.mcpaudit]` in pyproject.toml.

    fail-on = "medium"             # scan: exit 1 at/above this severity ("never": always 0)
    select = ["MCP1", "shell_command"]   # only these rules: ids, id prefixes, globs, categories
    ignore = ["MCP904"]            # never these (applied after select)
    format = "sarif"               # scan's report format when neither --format nor -o says
    timeout = 30                   # --live: seconds per server
    walk = ["~/code", "src"]       # --walk roots (relative ones: to the settings file)

Precedence is ruff's: a flag on the command line wins; else the settings file of the
project (the --project directory, else the current one: `.mcpaudit.toml` before
`pyproject.toml` with a `[tool.mcpaudit]` table); only when there is none, the user's
file `mcpaudit.toml` in the platformdirs config dir (`~/.config/mcpaudit/` on Linux).
One file is used, never a merge of two. `[[suppress]]` entries live in the same files and
are read by `mcpaudit.suppress`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

FILE_NAME = ".mcpaudit.toml"
USER_FILE_NAME = "mcpaudit.toml"
MAX_BYTES = 1024 * 1024
SEVERITIES = ("critical", "high", "medium", "low", "info", "never")
FORMATS = ("text", "json", "markdown", "sarif", "sqlite")
KEYS = frozenset({"fail-on", "select", "ignore", "format", "timeout", "walk", "suppress"})


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class RuleSelection:
    """Which findings a scan keeps: `select` (empty: all) minus `ignore`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def keeps(self, rule_id: str, category: str) -> bool:
        if self.select and not any(_matches(p, rule_id, category) for p in self.select):
            return False
        return not any(_matches(p, rule_id, category) for p in self.ignore)


def _matches(pattern: str, rule_id: str, category: str) -> bool:
    p = pattern.strip()
    if p == category:
        return True
    if any(c in p for c in "*?["):
        return fnmatchcase(rule_id, p.upper())
    return rule_id.startswith(p.upper())  # "MCP2" selects MCP201…MCP210, as in ruff


@dataclass(frozen=True)
class Settings:
    source: Path | None = None  # the file they came from (None: defaults)
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    format: str | None = None
    timeout: float | None = None
    walk: tuple[Path, ...] = ()


def user_file() -> Path:
    from mcpaudit.paths import state_dirs

    return state_dirs().config / USER_FILE_NAME  # the demo's own while on the demo


def find_file(dirs: Iterable[Path | None], user: Path | None = None) -> Path | None:
    """The one settings file that applies (see the module docstring)."""
    seen: set[Path] = set()
    for d in dirs:
        if d is None or d in seen:
            continue
        seen.add(d)
        if (d / FILE_NAME).is_file():
            return d / FILE_NAME
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    user = user or user_file()
    return user if user.is_file() else None


def _has_tool_table(path: Path) -> bool:
    """Only a pyproject.toml that mentions [tool.mcpaudit] is ours to read (and to reject),
    the same test `mcpaudit.suppress` uses: another tool's broken file is not our error."""
    try:
        with open(path, "rb") as fh:
            return b"tool.mcpaudit" in fh.read(MAX_BYTES)
    except OSError:
        return False


def _parse(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise SettingsError(f"{path}: larger than {MAX_BYTES // 1024} KiB")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None


def load(path: Path, known_rules: Sequence[str] = (), categories: Sequence[str] = ()) -> Settings:
    """Read one settings file; SettingsError on anything unusable (never half-applied)."""
    data: Any = _parse(path)
    where = str(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("mcpaudit", {})
        where = f"{path} [tool.mcpaudit]"
        if not isinstance(data, dict):
            raise SettingsError(f"{where}: must be a table")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise SettingsError(
            f"{where}: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(KEYS))})"
        )
    fail_on = _choice(data, "fail-on", SEVERITIES, where)
    fmt = _choice(data, "format", FORMATS, where)
    timeout = data.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0
    ):
        raise SettingsError(f"{where}: timeout must be a positive number of seconds")
    select = _rule_list(data, "select", where, known_rules, categories)
    ignore = _rule_list(data, "ignore", where, known_rules, categories)
    walk = tuple(_walk_root(p, path.parent) for p in _strings(data, "walk", where))
    return Settings(
        source=path,
        fail_on=fail_on,
        select=select,
        ignore=ignore,
        format=fmt,
        timeout=float(timeout) if timeout is not None else None,
        walk=walk,
    )


def _choice(data: Mapping[str, Any], key: str, choices: Sequence[str], where: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value.lower() not in choices:
        raise SettingsError(f"{where}: {key} must be one of {', '.join(choices)} (got {value!r})")
    return value.lower()


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SettingsError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _rule_list(
    data: Mapping[str, Any],
    key: str,
    where: str,
    known_rules: Sequence[str],
    categories: Sequence[str],
) -> tuple[str, ...]:
    items = _strings(data, key, where)
    check_rule_patterns(items, known_rules, categories, f"{where}: {key}")
    return items


def check_rule_patterns(
    items: Iterable[str], known_rules: Sequence[str], categories: Sequence[str], what: str
) -> None:
    """Every item must select something: a typo would otherwise silence nothing (or all)."""
    if not known_rules:
        return
    for item in items:
        if not any(_matches(item, r, "") for r in known_rules) and item not in categories:
            raise SettingsError(f"{what}: {item!r} is no rule id, prefix or category")


def _walk_root(text: str, base: Path) -> Path:
    p = Path(text).expanduser()
    return p if p.is_absolute() else (base / p)
