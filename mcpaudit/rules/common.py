"""Helpers the rule families share: raw data by pointer, string walks, settings files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from mcpaudit.config.jsonpos import escape_pointer_token, split_pointer
from mcpaudit.model import ConfigFile, FileStatus, Server
from mcpaudit.rules.registry import RuleContext


def at_pointer(data: Any, pointer: str) -> Any:
    """The value at `pointer` in parsed data, or None."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def raw_entry(ctx: RuleContext, server: Server) -> dict[str, Any]:
    """The server's entry as written in its file (every key, nested ones included)."""
    if isinstance(server.entry, dict) and server.entry:
        return server.entry
    f = ctx.file(server.file)
    entry = at_pointer(f.data, server.pointer) if f is not None else None
    return entry if isinstance(entry, dict) else {}


def iter_strings(
    data: Any,
    pointer: str = "",
    key: str | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[tuple[str, str, str | None]]:
    """(pointer, text, key) for every string leaf, keys of objects included as context.

    `skip(pointer)` prunes a whole subtree (e.g. a prompt history) without walking it.
    """
    if skip is not None and skip(pointer):
        return
    if isinstance(data, str):
        yield pointer, data, key
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from iter_strings(v, f"{pointer}/{escape_pointer_token(k)}", str(k), skip)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from iter_strings(v, f"{pointer}/{i}", key, skip)


def ok_files(ctx: RuleContext, client: str | None = None) -> Iterator[ConfigFile]:
    for f in ctx.files:
        if f.status == FileStatus.OK and (client is None or f.client == client):
            yield f


def path_endswith(f: ConfigFile, *suffixes: str) -> bool:
    path = f.path.replace("\\", "/")
    return any(path.endswith(s) for s in suffixes)


def dotted(data: Any, key: str) -> Any:
    """VS Code/Zed settings: `a.b.c` as a flat key or as nested objects."""
    if not isinstance(data, dict):
        return None
    if key in data:
        return data[key]
    head, _, rest = key.partition(".")
    if rest and isinstance(data.get(head), dict):
        return dotted(data[head], rest)
    return None


def dotted_pointer(data: Any, key: str) -> str | None:
    """The JSON pointer of `dotted(data, key)`, matching how the file spells it."""
    if not isinstance(data, dict):
        return None
    if key in data:
        return "/" + escape_pointer_token(key)
    head, _, rest = key.partition(".")
    if rest and isinstance(data.get(head), dict):
        inner = dotted_pointer(data[head], rest)
        return f"/{escape_pointer_token(head)}{inner}" if inner else None
    return None
