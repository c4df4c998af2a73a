"""Turn a client's parsed config into `Server` entries, keeping every value's position.

Clients name the same things differently (Goose `cmd`/`envs`/`uri`, opencode a
`command` array and `environment`, Codex `http_headers`, Gemini `httpUrl`); a
dialect maps those names onto one model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mcpaudit.clients.spec import FileSpec, KeyPath
from mcpaudit.clients.switches import entry_says_off, entry_switch
from mcpaudit.config.jsonpos import escape_pointer_token
from mcpaudit.model import ConfigFile, Server, Transport, Value
from mcpaudit.references import find_reference


@dataclass(frozen=True)
class Dialect:
    command: str = "command"
    args: str = "args"
    env: str = "env"
    cwd: str = "cwd"
    urls: tuple[str, ...] = ("url", "serverUrl", "httpUrl")
    headers: tuple[str, ...] = ("headers",)
    auto_approve: tuple[str, ...] = ("autoApprove", "alwaysAllow")
    command_is_array: bool = False  # opencode: ["npx", "-y", "pkg"]


DIALECTS = {
    "standard": Dialect(),
    "vscode": Dialect(),
    "gemini": Dialect(),
    "zed": Dialect(),
    "codex": Dialect(headers=("http_headers",)),
    "continue": Dialect(headers=("requestOptions/headers", "headers")),
    "goose": Dialect(command="cmd", env="envs", urls=("uri", "url")),
    "opencode": Dialect(env="environment", command_is_array=True),
}

_TYPE_ALIASES = {
    "stdio": Transport.STDIO,
    "local": Transport.STDIO,
    "http": Transport.HTTP,
    "streamable-http": Transport.HTTP,
    "streamablehttp": Transport.HTTP,
    "streamable_http": Transport.HTTP,
    "remote": Transport.HTTP,
    "sse": Transport.SSE,
    "ws": Transport.WS,
    "websocket": Transport.WS,
}


def iter_server_maps(
    data: Any, key_path: KeyPath, pointer: str = ""
) -> Iterator[tuple[str, Any, str | None]]:
    """Yield (pointer, container, project) for each place `key_path` reaches."""
    if not key_path:
        yield pointer, data, None
        return
    if not isinstance(data, dict):
        return
    head, rest = key_path[0], key_path[1:]
    keys = list(data) if head == "*" else [head] if head in data else []
    for key in keys:
        child = f"{pointer}/{escape_pointer_token(key)}"
        for found_pointer, container, project in iter_server_maps(data[key], rest, child):
            # The `*` in Claude Code's projects.*.mcpServers is the project path.
            yield (
                found_pointer,
                container,
                project if project is not None else (key if head == "*" else None),
            )


def shape_problem(container: Any, pointer: str, dialect: str) -> str | None:
    """A user-facing message when the server map has the wrong type."""
    expected = list if dialect == "continue" else dict
    if isinstance(container, expected):
        return None
    want = "a list" if expected is list else "an object (name -> server)"
    got = type(container).__name__.replace("dict", "object").replace("NoneType", "null")
    return f"{pointer or '/'} should be {want}, found {got}"


def extract_servers(cfg: ConfigFile, spec: FileSpec) -> tuple[list[Server], list[str]]:
    """All servers in `cfg`, plus problems (wrong shapes) worth reporting."""
    servers: list[Server] = []
    problems: list[str] = []
    dialect = DIALECTS[spec.dialect]
    for key_path in spec.servers_at:
        for pointer, container, project in iter_server_maps(cfg.data, key_path):
            problem = shape_problem(container, pointer, spec.dialect)
            if problem:
                problems.append(problem)
                continue
            for name, entry, entry_pointer in _entries(container, pointer, spec.dialect):
                if not isinstance(entry, dict):
                    problems.append(f"server {name!r} at {entry_pointer} should be an object")
                    continue
                if spec.dialect == "goose" and entry.get("type") in ("builtin", "platform"):
                    continue  # built into Goose itself, not an external server
                servers.append(_server(cfg, name, entry, entry_pointer, dialect, spec, project))
    return servers, problems


def _entries(container: Any, pointer: str, dialect: str) -> Iterator[tuple[str, Any, str]]:
    if isinstance(container, list):
        for index, entry in enumerate(container):
            name = entry.get("name") if isinstance(entry, dict) else None
            yield str(name or f"#{index}"), entry, f"{pointer}/{index}"
    else:
        for name, entry in container.items():
            yield str(name), entry, f"{pointer}/{escape_pointer_token(name)}"


def _get(entry: dict[str, Any], path: str) -> tuple[Any, str] | None:
    """Value at a slash path inside the entry, with the relative pointer."""
    node: Any = entry
    rel = ""
    for part in path.split("/"):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
        rel += f"/{escape_pointer_token(part)}"
    return node, rel


def _server(
    cfg: ConfigFile,
    name: str,
    entry: dict[str, Any],
    pointer: str,
    d: Dialect,
    spec: FileSpec,
    project: str | None,
) -> Server:
    def value(text: Any, ptr: str, key: str | None = None) -> Value:
        as_text = text if isinstance(text, str) else "" if text is None else str(text)
        return Value(as_text, ptr, None, key, find_reference(as_text), source=cfg)

    as_written = entry
    command: Value | None = None
    args: list[Value] = []
    raw_command = entry.get(d.command)
    if d.command_is_array and isinstance(raw_command, list):
        parts = [value(p, f"{pointer}/{d.command}/{i}") for i, p in enumerate(raw_command)]
        command, args = (parts[0], parts[1:]) if parts else (None, [])
    elif isinstance(raw_command, dict) and spec.dialect == "zed":
        # Old Zed form: "command": {"path": ..., "args": [...], "env": {...}}
        command = value(raw_command.get("path"), f"{pointer}/command/path")
        args = _list_values(raw_command.get("args"), f"{pointer}/command/args", value)
        entry = {**entry, d.env: raw_command.get("env") or entry.get(d.env)}
    elif raw_command is not None:
        command = value(raw_command, f"{pointer}/{d.command}")
    if not args:
        args = _list_values(entry.get(d.args), f"{pointer}/{d.args}", value)

    env = _map_values(entry.get(d.env), f"{pointer}/{escape_pointer_token(d.env)}", value)
    cwd = value(entry[d.cwd], f"{pointer}/{d.cwd}") if isinstance(entry.get(d.cwd), str) else None

    url: Value | None = None
    url_key = None
    for key in d.urls:
        if isinstance(entry.get(key), str):
            url, url_key = value(entry[key], f"{pointer}/{key}"), key
            break
    headers: list[Value] = []
    for hpath in d.headers:
        found = _get(entry, hpath)
        if found:
            headers = _map_values(found[0], pointer + found[1], value)
            break

    off = entry_says_off(entry, entry_switch(cfg.client))
    approve_key = next((k for k in d.auto_approve if isinstance(entry.get(k), list)), None)
    auto_approve = (
        _list_values(entry[approve_key], f"{pointer}/{approve_key}", value) if approve_key else []
    )
    return Server(
        name=name,
        client=cfg.client,
        file=cfg.path,
        pointer=pointer,
        line=cfg.line_of(pointer),
        transport=_transport(entry, command, url_key, spec.dialect),
        scope="local" if project else cfg.scope,
        command=command,
        args=tuple(args),
        env=tuple(env),
        cwd=cwd,
        url=url,
        headers=tuple(headers),
        disabled=off is not None,
        disabled_by=f"{off} in {cfg.path}" if off else None,
        auto_approve=tuple(auto_approve),
        project=project,
        entry=as_written,
    )


def _list_values(raw: Any, pointer: str, value: Any) -> list[Value]:
    if not isinstance(raw, list):
        return []
    return [
        value(item, f"{pointer}/{i}")
        for i, item in enumerate(raw)
        if not isinstance(item, (dict, list))
    ]


def _map_values(raw: Any, pointer: str, value: Any) -> list[Value]:
    if not isinstance(raw, dict):
        return []
    return [
        value(item, f"{pointer}/{escape_pointer_token(key)}", key)
        for key, item in raw.items()
        if item is not None and not isinstance(item, (dict, list))
    ]


def _transport(
    entry: dict[str, Any], command: Value | None, url_key: str | None, dialect: str
) -> Transport:
    declared = entry.get("type") or entry.get("transportType") or entry.get("transport")
    kind = _TYPE_ALIASES.get(declared.lower()) if isinstance(declared, str) else None
    # A declared type wins when the entry has what that type needs.
    if kind is Transport.STDIO and command is not None:
        return kind
    if kind is not None and kind is not Transport.STDIO and url_key is not None:
        return kind
    if command is not None:
        return Transport.STDIO
    if url_key is None:
        return Transport.UNKNOWN
    if dialect == "gemini":
        return Transport.HTTP if url_key == "httpUrl" else Transport.SSE
    return Transport.HTTP
