"""JSON pointer helpers shared by the format editors (RFC 6901 tokens)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mcpaudit.config.jsonpos import escape_pointer_token, split_pointer

__all__ = [
    "child",
    "descend",
    "descend_creating",
    "escape_pointer_token",
    "get",
    "parent",
    "sort_key",
    "split_pointer",
]

_MISSING = object()


def parent(pointer: str) -> tuple[str, str]:
    """('/a/b', 'c') for '/a/b/c'."""
    tokens = split_pointer(pointer)
    if not tokens:
        raise ValueError("the document root has no parent")
    head = "".join(f"/{escape_pointer_token(t)}" for t in tokens[:-1])
    return head, tokens[-1]


def child(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape_pointer_token(token)}"


def get(data: Any, pointer: str, default: Any = _MISSING) -> Any:
    """The value at `pointer`; `default` (or KeyError) when it is not there."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif (
            isinstance(node, list)
            and (token.isascii() and token.isdigit())
            and int(token) < len(node)
        ):
            node = node[int(token)]
        else:
            if default is _MISSING:
                raise KeyError(pointer)
            return default
    return node


def descend(doc: Any, tokens: Sequence[str]) -> Any:
    """The node at `tokens` inside a format library's document (KeyError/IndexError if absent)."""
    node = doc
    for token in tokens:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def descend_creating(doc: Any, tokens: Sequence[str], new_map: Callable[[], Any]) -> Any:
    """Like `descend`, creating each missing mapping on the way with `new_map()`."""
    node = doc
    for token in tokens:
        if isinstance(node, list):
            node = node[int(token)]
            continue
        if token not in node:
            node[token] = new_map()
        node = node[token]
    return node


def exists(data: Any, pointer: str) -> bool:
    sentinel = object()
    return get(data, pointer, sentinel) is not sentinel


def is_within(pointer: str, prefix: str) -> bool:
    """True when `pointer` is `prefix` or inside it."""
    return pointer == prefix or pointer.startswith(prefix + "/") or prefix == ""


def sort_key(pointer: str) -> tuple[tuple[int, int, str], ...]:
    """Order pointers so that later array indexes and deeper paths sort higher.

    Editors apply operations from the highest key down, so an operation never shifts
    the array indexes another operation of the same plan refers to.
    """
    out = []
    for token in split_pointer(pointer):
        if token.isascii() and token.isdigit():
            out.append((1, int(token), ""))
        elif token == "-":
            out.append((2, 0, ""))
        else:
            out.append((0, 0, token))
    return tuple(out)
