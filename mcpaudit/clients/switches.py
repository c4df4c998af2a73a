"""Is a server switched off? Decided the way its client decides, from every file it reads.

An entry's own `disabled: true` / `enabled: false` counts only for clients that read it
(the catalogue's `disable=`; Copilot CLI, for one, ignores `disabled: true`). Two clients
keep the switch elsewhere:

- Claude Code, `~/.claude.json`: `projects[<dir>].disabledMcpServers` turns a user-scope
  or local-scope server off when Claude Code runs in `<dir>`. A `.mcp.json` server starts
  only once approved (`enabledMcpjsonServers`, `enableAllProjectMcpServers`) and never when
  rejected (`disabledMcpjsonServers`), in `projects[<dir>]` or any `.claude/settings*.json`;
  the shared `<dir>/.claude/settings.json` approves only after workspace trust.
- Gemini CLI: `mcp.allowed` / `mcp.excluded` in settings.json (the highest-precedence file
  that sets a list wins: system-defaults < user < workspace < system settings) and
  `~/.gemini/mcp-server-enablement.json` (`{"<name, lower-cased>": {"enabled": false}}`).

A server is `disabled` only when it is off everywhere it applies. A user-scope server
switched off in some projects stays active (a new project starts it) and lists those
projects in `disabled_in`; `disabled_by` names the switch that turned a server off.
Pure: reads parsed `ConfigFile`s, no I/O. Every file is indexed once, so the cost is
one pass over `projects` plus a dictionary look-up per server.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import PurePath
from typing import Any

from mcpaudit.clients.catalog import BY_ID
from mcpaudit.model import ConfigFile, Server

MAX_NOTES_PER_CLIENT = 10
NOT_APPROVED = "not approved"  # how `disabled_by` starts for a .mcp.json server nobody approved


@cache
def entry_switch(client_id: str) -> tuple[str, ...]:
    """The entry keys a client reads as its off switch: ("disabled",), ("enabled",) or ()."""
    spec = BY_ID.get(client_id)
    if spec is None:  # a file given with --config whose client is unknown: either spelling
        return ("disabled", "enabled")
    switch = spec.disable or ""
    if switch.startswith("disabled"):
        return ("disabled",)
    if switch.startswith("enabled"):
        return ("enabled",)
    return ()


def entry_says_off(entry: Mapping[str, Any], keys: Iterable[str]) -> str | None:
    """The entry's own off switch among `keys`, as written ("disabled: true"), if set."""
    for key in keys:
        if key == "disabled" and entry.get("disabled") is True:
            return "disabled: true"
        if key == "enabled" and entry.get("enabled") is False:
            return "enabled: false"
    return None


def awaiting_approval(server: Server) -> bool:
    """Off only until someone approves it (Claude Code's prompt for .mcp.json servers)."""
    return server.disabled and (server.disabled_by or "").startswith(NOT_APPROVED)


def resolve(
    servers: tuple[Server, ...], files: Iterable[ConfigFile]
) -> tuple[tuple[Server, ...], list[str]]:
    """`servers` with `disabled`, `disabled_by`, `disabled_in` set as the clients decide,
    and notes about switches mcpaudit could not use (wrong type, flags a client ignores)."""
    notes = _Notes()
    by_path = {f.path: f for f in files if f.data is not None}
    claude = _ClaudeCode(by_path, notes)
    gemini = _Gemini(by_path, notes)
    out: list[Server] = []
    ignored: dict[str, list[str]] = {}
    for server in servers:
        if server.client == "claude-code":
            server = claude.apply(server)
        elif server.client == "gemini-cli":
            server = gemini.apply(server)
        if (
            not server.disabled
            and not entry_switch(server.client)
            and entry_says_off(server.entry, ("disabled", "enabled"))
        ):
            ignored.setdefault(server.client, []).append(server.name)
        out.append(server)
    for client, names in ignored.items():
        name = BY_ID[client].name if client in BY_ID else client
        shown = ", ".join(sorted(set(names))[:5]) + (", …" if len(set(names)) > 5 else "")
        notes.add(
            client,
            f"{client}: {len(names)} server(s) carry `disabled: true` or `enabled: false`, "
            f"which {name} does not read; they are treated as running ({shown})",
        )
    return tuple(out), notes.lines


class _Notes:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._count: dict[str, int] = {}

    def add(self, client: str, text: str) -> None:
        n = self._count.get(client, 0)
        self._count[client] = n + 1
        if n < MAX_NOTES_PER_CLIENT:
            self.lines.append(text)
        elif n == MAX_NOTES_PER_CLIENT:
            self.lines.append(f"{client}: more on/off switches could not be used (not shown)")


def _names(value: Any, where: str, client: str, notes: _Notes) -> frozenset[str] | None:
    """A list of server names; anything else is noted and ignored (None)."""
    if value is None:
        return None
    if not isinstance(value, list):
        notes.add(client, f"{client}: {where} should be a list of server names; ignored")
        return None
    return frozenset(v for v in value if isinstance(v, str))


# --- Claude Code ---------------------------------------------------------------------------


@dataclass
class _Project:
    disabled: frozenset[str] = frozenset()  # disabledMcpServers
    mcpjson_on: frozenset[str] = frozenset()  # enabledMcpjsonServers
    mcpjson_off: frozenset[str] = frozenset()  # disabledMcpjsonServers
    all_on: bool = False  # enableAllProjectMcpServers
    trusted: bool = False  # hasTrustDialogAccepted


class _ClaudeCode:
    """Index of the per-project switches in each `~/.claude.json`, built on first use."""

    def __init__(self, by_path: Mapping[str, ConfigFile], notes: _Notes) -> None:
        self.by_path = by_path
        self.notes = notes
        self._state: dict[str, tuple[dict[str, _Project], dict[str, tuple[str, ...]]]] = {}
        self._settings: dict[str, _Project | None] = {}
        self._by_dir: tuple[str, dict[str, tuple[str, _Project]]] | None = None

    def state(self, path: str) -> tuple[dict[str, _Project], dict[str, tuple[str, ...]]]:
        """(switches per project, projects where each name is in disabledMcpServers)."""
        if path not in self._state:
            self._state[path] = self._index(path)
        return self._state[path]

    def _index(self, path: str) -> tuple[dict[str, _Project], dict[str, tuple[str, ...]]]:
        cfg = self.by_path.get(path)
        projects = cfg.data.get("projects") if cfg and isinstance(cfg.data, dict) else None
        per_project: dict[str, _Project] = {}
        off_in: dict[str, list[str]] = {}
        if not isinstance(projects, dict):
            return per_project, {}
        for project, data in projects.items():
            if not isinstance(data, dict):
                continue
            switches = self._switches(data, f"projects[{project}]", path)
            per_project[project] = switches
            for name in switches.disabled:
                off_in.setdefault(name, []).append(project)
        return per_project, {name: tuple(sorted(ps)) for name, ps in off_in.items()}

    def _switches(self, data: Mapping[str, Any], where: str, path: str) -> _Project:
        def names(key: str) -> frozenset[str]:
            value = data.get(key)
            if value is None:
                return frozenset()
            label = f"{where}.{key}" if where else key
            found = _names(value, f"{label} in {path}", "claude-code", self.notes)
            return found or frozenset()

        return _Project(
            disabled=names("disabledMcpServers") if "disabledMcpServers" in data else frozenset(),
            mcpjson_on=names("enabledMcpjsonServers"),
            mcpjson_off=names("disabledMcpjsonServers"),
            all_on=data.get("enableAllProjectMcpServers") is True,
            trusted=data.get("hasTrustDialogAccepted") is True,
        )

    def settings(self, path: str) -> _Project | None:
        """The approval switches of one `.claude/settings*.json`, if mcpaudit read it."""
        if path not in self._settings:
            cfg = self.by_path.get(path)
            data = cfg.data if cfg is not None else None
            self._settings[path] = (
                self._switches(data, "", path) if isinstance(data, dict) else None
            )
        return self._settings[path]

    def apply(self, server: Server) -> Server:
        file = _path(server.file)
        if file.name == ".claude.json":
            per_project, off_in = self.state(server.file)
            if server.project is not None:  # local scope: runs only in its own project
                switches = per_project.get(server.project)
                if switches and server.name in switches.disabled:
                    where = f"projects[{server.project}].disabledMcpServers in {server.file}"
                    return replace(server, disabled=True, disabled_by=where)
                return server
            if server.scope == "user" and server.name in off_in:
                return replace(server, disabled_in=off_in[server.name])
            return server
        if file.name == ".mcp.json" and server.scope == "project":
            return self._mcpjson(server, str(file.parent))
        return server

    def _mcpjson(self, server: Server, project: str) -> Server:
        """A `.mcp.json` server: rejected, approved, or still waiting for approval."""
        state_path, by_dir = self._home_state()
        key, in_state = by_dir.get(_same_dir(project), (project, None))
        sources: list[tuple[str, _Project | None, bool]] = [
            (f"projects[{key}] in {state_path}", in_state, True),
        ]
        trusted = bool(in_state and in_state.trusted)
        for path, counts in self._settings_paths(project, trusted):
            sources.append((path, self.settings(path), counts))
        for where, switches, _ in sources:
            if switches and server.name in switches.mcpjson_off:
                return replace(
                    server, disabled=True, disabled_by=f"disabledMcpjsonServers in {where}"
                )
        for _, switches, counts in sources:
            if switches and counts and (switches.all_on or server.name in switches.mcpjson_on):
                return server
        why = (
            f"{NOT_APPROVED}: Claude Code starts a .mcp.json server only once it is approved "
            "(enabledMcpjsonServers or enableAllProjectMcpServers)"
        )
        return replace(server, disabled=True, disabled_by=why)

    def _home_state(self) -> tuple[str, dict[str, tuple[str, _Project]]]:
        """(path of ~/.claude.json, its projects by `_same_dir` key), read once."""
        if self._by_dir is None:
            self._by_dir = ("~/.claude.json", {})
            for path, cfg in self.by_path.items():
                if PurePath(path).name == ".claude.json" and cfg.client == "claude-code":
                    per_project = self.state(path)[0]
                    by_dir = {_same_dir(k): (k, v) for k, v in per_project.items()}
                    self._by_dir = (path, by_dir)
                    break
        return self._by_dir

    def _settings_paths(self, project: str, trusted: bool) -> Iterator[tuple[str, bool]]:
        """Settings files that can approve or reject this project's servers, and whether
        their approvals count (the shared project file only after workspace trust)."""
        for path, cfg in self.by_path.items():
            if cfg.client != "claude-code":
                continue
            p = PurePath(path)
            if p.name not in ("settings.json", "settings.local.json"):
                continue
            if cfg.scope == "user":  # ~/.claude/settings.json, or under $CLAUDE_CONFIG_DIR
                yield path, True
            elif p.parent.name == ".claude" and _same_dir(str(p.parent.parent)) == _same_dir(
                project
            ):
                yield path, trusted or p.name == "settings.local.json"


@cache
def _path(file: str) -> PurePath:
    """Thousands of servers share one file: its path is parsed once."""
    return PurePath(file)


def _same_dir(path: str) -> str:
    """A project key compared as Claude Code writes it (forward slashes on Windows too)."""
    return path.replace("\\", "/").rstrip("/") or "/"


# --- Gemini CLI ----------------------------------------------------------------------------

# Settings precedence, lowest first (geminicli.com/docs/cli/configuration).
_DEFAULTS, _USER, _WORKSPACE, _SYSTEM = range(4)


@dataclass(frozen=True)
class _Decision:
    off: bool
    why: str | None = None


class _Gemini:
    def __init__(self, by_path: Mapping[str, ConfigFile], notes: _Notes) -> None:
        self.notes = notes
        self.levels: dict[int, tuple[str, dict[str, frozenset[str] | None]]] = {}
        self.workspace: str | None = None
        self.enablement: tuple[str, dict[str, bool]] | None = None
        for path, cfg in by_path.items():
            if cfg.client != "gemini-cli" or not isinstance(cfg.data, dict):
                continue
            p = PurePath(path)
            if p.name == "mcp-server-enablement.json":
                self.enablement = (path, self._enablement(cfg.data, path))
                continue
            level = self._level(cfg, p)
            if level is None:
                continue
            if level == _WORKSPACE:
                self.workspace = str(p.parent.parent)
            self.levels[level] = (path, self._lists(cfg.data, path))

    @staticmethod
    def _level(cfg: ConfigFile, p: PurePath) -> int | None:
        if p.name == "system-defaults.json":
            return _DEFAULTS
        if p.name != "settings.json":
            return None
        return {"user": _USER, "project": _WORKSPACE, "managed": _SYSTEM}.get(cfg.scope)

    def _lists(self, data: dict[str, Any], path: str) -> dict[str, frozenset[str] | None]:
        mcp = data.get("mcp")
        if mcp is None:
            return {}
        if not isinstance(mcp, dict):
            self.notes.add("gemini-cli", f"gemini-cli: mcp in {path} should be an object; ignored")
            return {}
        out: dict[str, frozenset[str] | None] = {}
        for key in ("allowed", "excluded"):
            if key in mcp:
                names = _names(mcp[key], f"mcp.{key} in {path}", "gemini-cli", self.notes)
                if names is not None:
                    out[key] = frozenset(k for n in names for k in _gemini_keys(n))
        return out

    def _enablement(self, data: dict[str, Any], path: str) -> dict[str, bool]:
        out: dict[str, bool] = {}
        for key, state in data.items():
            if isinstance(state, dict) and isinstance(state.get("enabled"), bool):
                for k in _gemini_keys(key):
                    out[k] = state["enabled"]
            else:
                self.notes.add(
                    "gemini-cli",
                    f'gemini-cli: entry {key!r} in {path} should be {{"enabled": true|false}}; '
                    "ignored",
                )
        return out

    def _effective(self, key: str, with_workspace: bool) -> tuple[str, frozenset[str]] | None:
        for level in (_SYSTEM, _WORKSPACE, _USER, _DEFAULTS):
            if level == _WORKSPACE and not with_workspace:
                continue
            found = self.levels.get(level)
            if found and key in found[1]:
                return found[0], found[1][key]  # type: ignore[return-value]
        return None

    def decide(self, server: Server, with_workspace: bool) -> _Decision:
        """Gemini's canLoadServer(): allow-list, then exclude-list, then the enablement file."""
        ids = _gemini_ids(server)
        allowed = self._effective("allowed", with_workspace)
        if allowed and allowed[1] and not ids & allowed[1]:
            return _Decision(True, f"mcp.allowed in {allowed[0]} does not list it")
        excluded = self._effective("excluded", with_workspace)
        if excluded and ids & excluded[1]:
            return _Decision(True, f"mcp.excluded in {excluded[0]}")
        if self.enablement:
            path, states = self.enablement
            if any(states.get(i) is False for i in ids):
                return _Decision(True, f"enabled: false in {path} (gemini mcp disable)")
        return _Decision(False)

    def apply(self, server: Server) -> Server:
        if server.scope == "project":
            decision = self.decide(server, with_workspace=True)
            if decision.off:
                return replace(server, disabled=True, disabled_by=decision.why)
            return server
        everywhere = self.decide(server, with_workspace=False)
        here = everywhere
        if self.workspace is not None and _WORKSPACE in self.levels:
            here = self.decide(server, with_workspace=True)
        if everywhere.off and here.off:
            return replace(server, disabled=True, disabled_by=here.why or everywhere.why)
        if here.off:
            return replace(server, disabled_in=(self.workspace or "",))
        if everywhere.off:
            return replace(server, disabled_in=(f"outside {self.workspace}",))
        return server


def _gemini_id(name: str) -> str:
    return name.lower().strip()


def _gemini_keys(name: str) -> Iterator[str]:
    """How a listed id is indexed: `ext:<extension>:<server>` also under its server name,
    for extension servers only (mcpaudit names them by the plain server name)."""
    key = _gemini_id(name)
    yield key
    if key.startswith("ext:"):
        yield "ext-server:" + key.rsplit(":", 1)[-1]


def _gemini_ids(server: Server) -> frozenset[str]:
    """Ids the server may be listed under. Gemini matches a plain name against an
    extension server's `ext:` id too (mcpServerEnablement.ts isInSettingsList)."""
    key = _gemini_id(server.name)
    if _path(server.file).name == "gemini-extension.json":
        return frozenset((key, "ext-server:" + key))
    return frozenset((key,))
