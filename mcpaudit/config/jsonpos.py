"""JSON and JSONC with source positions, fast enough for a 30 MB `~/.claude.json`.

Values come from the C-accelerated `json` module. Positions are found lazily: a
JSON pointer is resolved by walking only the containers on its path, skipping
sibling values with the decoder's `scan_once` (C speed), and caching each
container's child offsets so that no container is walked twice.

When the caller knows where the interesting values live (a client's server maps),
`loads_with_positions(..., index=...)` parses and indexes in one pass instead: the
containers along those paths are walked here, and every other value is parsed once by
the C scanner. On a 35 MB `~/.claude.json` that is one parse instead of four.

JSONC (comments, trailing commas) is first blanked to strict JSON with the same
length, so offsets, lines and columns stay those of the original text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
_JSONC_TOKENS = re.compile(
    r'"(?:[^"\\\n]|\\.)*"'  # strings are kept as they are
    r"|//[^\n]*"  # line comment
    r"|/\*.*?\*/"  # block comment
    r"|,(?=[ \t\n\r]*[}\]])",  # trailing comma (after comments are gone)
    re.DOTALL,
)


class JsonSyntaxError(ValueError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _blank(match: re.Match[str]) -> str:
    token = match.group(0)
    if token.startswith('"'):
        return token
    # Keep newlines so line numbers stay right; everything else becomes spaces.
    return re.sub(r"[^\n]", " ", token)


def strip_jsonc(text: str) -> str:
    """Comments and trailing commas replaced by spaces; same length as `text`."""
    once = _JSONC_TOKENS.sub(_blank, text)
    # A trailing comma followed by a comment is only visible after the first pass.
    return _JSONC_TOKENS.sub(_blank, once)


def loads_with_positions(
    text: str, strict: bool = False, index: Sequence[Sequence[str]] = ()
) -> tuple[Any, JsonLocator, bool]:
    """Parse leniently; return (data, locator, needed_jsonc).

    `needed_jsonc` tells the caller that comments or trailing commas were present,
    which strict-JSON clients reject at load time. When the text fails even
    leniently, a `strict` file reports the first error its client would hit.
    `index` lists key paths (`*` = every key) whose containers are indexed while
    parsing; it changes speed only, never the result.
    """
    # Made before parsing, while the parsed data does not exist yet: memory peaks lower.
    shadow = _ascii_shadow(text)
    if index:
        locator = JsonLocator(text)
        try:
            data = locator.parse_indexed(index)
        except (_Bail, StopIteration, ValueError, RecursionError, IndexError):
            pass  # not plain valid JSON: the paths below give the exact error or JSONC
        else:
            return data, locator.compacted(shadow), False
    try:
        return json.loads(text), JsonLocator(shadow, shadowed=shadow is not text), False
    except json.JSONDecodeError as strict_error:
        if "/" not in text and "," not in text:
            raise _syntax_error(strict_error) from None
        cleaned = strip_jsonc(text)
        if cleaned == text:
            raise _syntax_error(strict_error) from None
        try:
            data = json.loads(cleaned)
        except json.JSONDecodeError as exc:
            raise _syntax_error(strict_error if strict else exc) from None
        compact = _ascii_shadow(cleaned)
        return data, JsonLocator(compact, shadowed=compact is not cleaned), True


def _syntax_error(exc: json.JSONDecodeError) -> JsonSyntaxError:
    return JsonSyntaxError(
        f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
        exc.lineno,
        exc.colno,
    )


def escape_pointer_token(token: str | int) -> str:
    text = str(token)
    if "~" not in text and "/" not in text:
        return text  # nearly every key: skip two string copies
    return text.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [unescape_pointer_token(t) for t in pointer[1:].split("/")]


def _ascii_shadow(text: str) -> str:
    """`text` with every non-ASCII character replaced by one `?` (same length)."""
    return text if text.isascii() else text.encode("ascii", "replace").decode("ascii")


class _Bail(Exception):
    """The one-pass indexer met something `json.loads` must judge (an error, JSONC)."""


class JsonLocator:
    """Maps JSON pointers to offsets in `text` (which must be strict JSON)."""

    def __init__(self, text: str, shadowed: bool = False) -> None:
        """`shadowed`: `text` is a compact copy (see `compacted`); keys are looked up so."""
        self.text = text
        self._scan = json.JSONDecoder().scan_once
        self._offsets: dict[str, int] = {}
        self._expanded: set[str] = set()
        self._line_starts: list[int] | None = None
        self._shadowed = shadowed
        self._root = _WS.match(text, 0).end()  # type: ignore[union-attr]
        # Keys met twice in the containers `parse_indexed` walked: pointer -> offsets.
        self.repeated: dict[str, list[int]] = {}

    def compacted(self, shadow: str) -> JsonLocator:
        """This locator over `shadow`, a one-byte-per-character copy of the text.

        Python stores a string with one emoji at 4 bytes per character. Outside strings
        valid JSON is ASCII, so replacing each non-ASCII character by `?` keeps every
        offset, line and column; keys are looked up in the same replaced form. Two keys of
        one object that differ only in non-ASCII letters then share a position (the
        later one's): only a line number can be off, never a value.
        """
        if shadow is self.text:
            return self
        self.text = shadow
        self._offsets = {_ascii_shadow(k): v for k, v in self._offsets.items()}
        self._expanded = {_ascii_shadow(k) for k in self._expanded}
        self._shadowed = True
        return self

    def offset_of(self, pointer: str) -> int | None:
        if self._shadowed and not pointer.isascii():
            pointer = _ascii_shadow(pointer)
        known = self._offsets.get(pointer)
        if known is not None:  # its parent was expanded already: the common case
            return known
        if not pointer:
            return self._root
        # Climb to the nearest ancestor whose offset is known (tokens are escaped, so every
        # '/' separates two), then expand the containers back down to `pointer`.
        missing = [pointer]
        ancestor = pointer.rpartition("/")[0]
        while ancestor and ancestor not in self._offsets:
            missing.append(ancestor)
            ancestor = ancestor.rpartition("/")[0]
        current, offset = ancestor, self._offsets.get(ancestor, self._root)
        for child in reversed(missing):
            if current in self._expanded:
                return None  # expanded, yet the child was not there: no such value
            self._expand(current, offset)
            found = self._offsets.get(child)
            if found is None:
                return None
            current, offset = child, found
        return offset

    def parse_indexed(self, paths: Sequence[Sequence[str]]) -> Any:
        """The document's data, recording offsets inside containers along `paths`."""
        text = self.text
        value, end = self._walk("", self._root, [tuple(p) for p in paths])
        if _WS.match(text, end).end() != len(text):  # type: ignore[union-attr]
            raise _Bail("extra data")
        return value

    def _walk(self, pointer: str, pos: int, paths: list[tuple[str, ...]]) -> tuple[Any, int]:
        """(value, end) at `pos`; containers that `paths` continue into are walked here."""
        text = self.text
        opener = text[pos : pos + 1]
        if opener not in ("{", "[") or not any(paths):
            return self._scan(text, pos)  # raises StopIteration/ValueError on bad input
        self._expanded.add(pointer)
        ws, offsets = _WS.match, self._offsets
        is_object = opener == "{"
        closer = "}" if is_object else "]"
        result: Any = {} if is_object else []
        pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
        if text[pos] == closer:
            return result, pos + 1
        index = 0
        while True:
            if is_object:
                if text[pos] != '"':
                    raise _Bail("key expected")
                key, pos = self._scan(text, pos)
                pos = ws(text, pos).end()  # type: ignore[union-attr]
                if text[pos] != ":":
                    raise _Bail("':' expected")
                pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
                token = key
            else:
                token = str(index)
                index += 1
            child = f"{pointer}/{escape_pointer_token(token)}"
            if is_object and key in result:  # JSON allows it; the last one wins
                self.repeated.setdefault(child, [offsets[child]]).append(pos)
            offsets[child] = pos
            rest = [p[1:] for p in paths if p and p[0] in ("*", token)]
            value, pos = self._walk(child, pos, rest)
            if is_object:
                result[key] = value  # a repeated key: the last wins, as in json.loads
            else:
                result.append(value)
            pos = ws(text, pos).end()  # type: ignore[union-attr]
            if text[pos] == ",":
                pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if text[pos] != closer:
                raise _Bail("',' or closing bracket expected")
            return result, pos + 1

    def line_at(self, offset: int) -> int:
        """1-based line of `offset`."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect_right(self._line_starts, offset)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """(line, column), both 1-based."""
        offset = self.offset_of(pointer)
        if offset is None:
            return None
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def _expand(self, pointer: str, start: int) -> None:
        """Record the offsets of every direct child of the container at `start`."""
        self._expanded.add(pointer)
        text, scan = self.text, self._scan
        opener = text[start : start + 1]
        if opener not in ("{", "["):
            return
        pos = _WS.match(text, start + 1).end()  # type: ignore[union-attr]
        index = 0
        closer = "}" if opener == "{" else "]"
        try:
            while pos < len(text) and text[pos] != closer:
                if opener == "{":
                    key, pos = scan(text, pos)
                    pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
                    pos = _WS.match(text, pos + 1).end()  # skip ':'  # type: ignore[union-attr]
                    token = escape_pointer_token(key)
                else:
                    token = str(index)
                    index += 1
                self._offsets[f"{pointer}/{token}"] = pos
                _, pos = scan(text, pos)
                pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
                if pos < len(text) and text[pos] == ",":
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        except (StopIteration, ValueError):
            return  # the data parsed, so this cannot happen; positions just stay unknown
