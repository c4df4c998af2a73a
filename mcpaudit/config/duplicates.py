"""Keys written twice in one JSON object: `{"gh": {...}, "gh": {...}}`.

JSON allows it; `JSON.parse`, Python's `json` and the clients' readers keep the *last*
entry, while a person reading the file top-down (or a reviewer looking at a diff) sees
the first. Every repeated key is kept here with the lines of both entries so that no
duplicate is silently resolved. (TOML and YAML readers reject duplicates outright: those
files are malformed, see tomlpos/yamlpos.)
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass

from mcpaudit.config.jsonpos import escape_pointer_token, strip_jsonc

# Files above this size are not walked key by key (a 35 MB ~/.claude.json would cost
# seconds); their server maps are still checked while they are indexed.
MAX_WALK_CHARS = 2 * 1024 * 1024
MAX_DUPLICATES = 1_000

_WS = re.compile(r"[ \t\n\r]*")


@dataclass(frozen=True)
class DuplicateKey:
    """`pointer` names the key; `lines` are every line it is defined on, in file order
    (the last is the one that is kept)."""

    pointer: str
    lines: tuple[int, ...]


def find_duplicates(text: str, jsonc: bool) -> tuple[DuplicateKey, ...]:
    """Every key defined more than once in an object of `text` (valid JSON or JSONC)."""
    if len(text) > MAX_WALK_CHARS:
        return ()
    strict = strip_jsonc(text) if jsonc else text
    if not _has_repeats(strict):
        return ()  # the common case: one C-speed parse, no walk
    walker = _Walker(strict)
    try:
        walker.value("", _WS.match(strict, 0).end())  # type: ignore[union-attr]
    except (StopIteration, ValueError, IndexError, RecursionError):
        return ()  # not valid JSON after all: the parser reports that
    return tuple(walker.found)


def _has_repeats(strict: str) -> bool:
    repeats = False

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        nonlocal repeats
        out = dict(items)
        if len(out) != len(items):
            repeats = True
        return out

    try:
        json.loads(strict, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return False
    return repeats


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.scan = json.JSONDecoder().scan_once
        self.found: list[DuplicateKey] = []
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def value(self, pointer: str, pos: int) -> int:
        text, ws = self.text, _WS.match
        opener = text[pos]
        if opener not in "{[":
            return self.scan(text, pos)[1]
        closer = "}" if opener == "{" else "]"
        pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
        if text[pos] == closer:
            return pos + 1
        seen: dict[str, list[int]] = {}
        index = 0
        while True:
            if opener == "{":
                key_at = pos
                key, pos = self.scan(text, pos)
                pos = ws(text, pos).end()  # type: ignore[union-attr]
                pos = ws(text, pos + 1).end()  # type: ignore[union-attr]  # past ':'
                seen.setdefault(key, []).append(key_at)
                token = escape_pointer_token(key)
            else:
                token = str(index)
                index += 1
            pos = self.value(f"{pointer}/{token}", pos)
            pos = ws(text, pos).end()  # type: ignore[union-attr]
            if text[pos] == ",":
                pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            break
        for key, offsets in seen.items():
            if len(offsets) > 1 and len(self.found) < MAX_DUPLICATES:
                lines = tuple(self.line(o) for o in offsets)
                self.found.append(DuplicateKey(f"{pointer}/{escape_pointer_token(key)}", lines))
        return pos + 1
