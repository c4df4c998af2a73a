"""TOML with line positions: values from `tomllib`, lines from the table headers and keys.

TOML has no cheap exact span API in the standard library; configs are small and
their layout regular (`[mcp_servers.name]` then `key = value`), so lines are
found by matching the pointer against table headers and key assignments.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from mcpaudit.config import scrub
from mcpaudit.config.jsonpos import split_pointer

_HEADER = re.compile(r"^\s*\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*')


class TomlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def split_dotted_key(text: str) -> list[str] | None:
    """`mcp_servers."my.server"` -> ['mcp_servers', 'my.server']; None if not a key."""
    parts: list[str] = []
    pos = 0
    while True:
        m = _KEY_PART.match(text, pos)
        if not m or m.end() == pos:
            return None
        parts.append(next(g for g in m.groups() if g is not None))
        pos = m.end()
        if pos == len(text):
            return parts
        if text[pos] != ".":
            return None
        pos += 1


def loads_with_positions(text: str) -> tuple[Any, TomlLocator]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        message = f"invalid TOML: {exc}"
        first = _first_definition(text, str(exc), line)
        if first:
            message += f"; first defined on line {first}: the client refuses the whole file"
        raise TomlSyntaxError(message, line, col) from None
    except ValueError as exc:
        if not scrub.is_int_limit(exc):
            raise
        # TOML integers are 64-bit: a client's parser rejects this file too.
        line = scrub.long_number_line(text)
        raise TomlSyntaxError(
            f"invalid TOML: an integer of more than {scrub.INT_DIGITS:,} digits"
            + (f" at line {line}" if line else ""),
            line,
            None,
        ) from None
    return data, TomlLocator(text)


class TomlLocator:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # (line number, key path) for each table header, in file order.
        self.headers: list[tuple[int, list[str]]] = []
        # Arrays of tables (`[[a.b]]`): each header is one element, so its path carries the
        # index (`a/b/0`), and so do the headers nested under it (`[[a.b.c]]` -> a/b/0/c/0).
        arrays: dict[tuple[str, ...], int] = {}  # array path (with indexes) -> last index
        for number, line in enumerate(self.lines, start=1):
            m = _HEADER.match(line)
            if not m:
                continue
            keys = split_dotted_key(m.group(1))
            if not keys:
                continue
            path: list[str] = []
            for i, key in enumerate(keys):
                path.append(key)
                last = i == len(keys) - 1
                if last and line.lstrip().startswith("[["):
                    index = arrays.get(tuple(path), -1) + 1
                    arrays[tuple(path)] = index
                    if index == 0:  # the array itself starts at its first element
                        self.headers.append((number, list(path)))
                    path.append(str(index))
                elif not last and tuple(path) in arrays:
                    path.append(str(arrays[tuple(path)]))
            self.headers.append((number, path))

    def position(self, pointer: str) -> tuple[int, int] | None:
        path = split_pointer(pointer)
        if not path:
            return (1, 1)
        best: tuple[int, list[str]] | None = None
        for number, keys in self.headers:
            if path[: len(keys)] == keys and (best is None or len(keys) > len(best[1])):
                best = (number, keys)
        start, table_keys = best if best else (0, [])
        rest = path[len(table_keys) :]
        if not rest:
            return (start, 1)
        end = next((n for n, _ in self.headers if n > start), len(self.lines) + 1)
        found = self._find_key(rest, start, end)
        if found is not None:
            return found
        return (start, 1) if start else None

    def _find_key(self, rest: list[str], start: int, end: int) -> tuple[int, int] | None:
        """Line of `a.b = …` / `a = { b = … }` for the longest prefix of `rest`."""
        for number in range(start + 1, end):
            line = self.lines[number - 1]
            if "=" not in line:
                continue
            lhs = line.split("=", 1)[0]
            keys = split_dotted_key(lhs.strip())
            if not keys or rest[: len(keys)] != keys:
                continue
            return (number, len(line) - len(line.lstrip()) + 1)
        return None


def _first_definition(text: str, error: str, line: int | None) -> int | None:
    """For a repeated key or table (TOML forbids both), the line of its first definition."""
    if not line:
        return None
    rows = text.splitlines()
    if line > len(rows):
        return None
    m = re.search(r"Cannot declare \((.+)\) twice", error)
    if m:
        parts = [p.strip().strip("'\"") for p in m.group(1).split(",") if p.strip()]
        for n, row in enumerate(rows[: line - 1], 1):
            h = _HEADER.match(row)
            if h and [k.strip().strip("'\"") for k in h.group(1).split(".")] == parts:
                return n
        return None
    if "overwrite a value" in error or "Duplicate inline table key" in error:
        key_m = re.search(r"key '([^']+)'", error)
        key = key_m.group(1) if key_m else rows[line - 1].split("=", 1)[0].strip()
        key = key.strip("'\" ")
        if not key:
            return None
        pattern = re.compile(rf"(?:^|[{{,]\s*)[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(line - 1, 0, -1):
            row = rows[n - 1]
            if _HEADER.match(row):
                break  # the key's table starts here: an earlier one is another table's
            if pattern.search(row):
                return n
        if pattern.search(rows[line - 1].split("=", 1)[1] if "=" in rows[line - 1] else ""):
            return line  # an inline table repeating a key on one line
    return None
