"""Span edits on JSON and JSONC text: change only the bytes of the targeted value.

Offsets come from the parser's own locator (`JsonLocator`, run on the comment-blanked
text, which has the same length as the original), so comments, trailing commas, key
order, indentation and newline style outside the edited span stay as they are.
New members copy the indentation, key separator and trailing-comma habit of their
siblings.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from typing import Any

from mcpaudit.config.jsonpos import JsonLocator, strip_jsonc

from . import pointer as ptr
from .errors import FixError
from .textio import indent_unit, indentation_at, line_end, line_start

_WS = re.compile(r"[ \t\n\r]*")
# A JSONC trailing comma: only blanks and comments between the value and it.
# Atomic: a comma inside a comment must never count.
_TRAILING_COMMA = re.compile(r"(?>(?:[ \t\n\r]+|//[^\n]*|/\*.*?\*/)*),", re.DOTALL)

# (start, end, replacement) in the text's own offsets
Span = tuple[int, int, str]


@dataclass(frozen=True)
class Member:
    key: str | None
    start: int  # the key (objects) or the value (arrays)
    value_start: int
    value_end: int
    comma: int | None  # offset of the comma that follows, if any
    key_end: int | None = None


class JsonEditor:
    """One JSON/JSONC text; each method returns the spans one operation replaces."""

    def __init__(self, text: str, newline: str = "\n") -> None:
        self.text = text
        try:
            self.data = json.loads(text)
            self.clean = text
        except json.JSONDecodeError:
            self.clean = strip_jsonc(text)
            try:
                self.data = json.loads(self.clean)
            except json.JSONDecodeError as exc:
                raise FixError(f"cannot edit: the file does not parse ({exc.msg})") from None
        self.locator = JsonLocator(self.clean)
        self._scan = json.JSONDecoder().scan_once
        self.newline = newline
        self.unit = indent_unit(text)
        self.one_line = "\n" not in text.strip()

    # ------------------------------------------------------------------ reading
    def _ws(self, pos: int) -> int:
        return _WS.match(self.clean, pos).end()  # type: ignore[union-attr]

    def offset(self, pointer: str) -> int:
        found = self.locator.offset_of(pointer)
        if found is None:
            raise FixError(f"nothing at {pointer or '/'}")
        return found

    def value_end(self, start: int) -> int:
        return self._scan(self.clean, start)[1]

    def members(self, start: int) -> tuple[list[Member], int]:
        """Members of the container at `start`, and the offset of its closing bracket."""
        text = self.clean
        opener = text[start]
        if opener not in "{[":
            raise FixError("expected an object or an array")
        closer = "}" if opener == "{" else "]"
        pos = self._ws(start + 1)
        out: list[Member] = []
        while text[pos] != closer:
            key = key_end = None
            begin = pos
            if opener == "{":
                key, pos = self._scan(text, pos)
                key_end = pos
                pos = self._ws(self._ws(pos) + 1)  # past ':'
            value_start = pos
            _, pos = self._scan(text, pos)
            value_end = pos
            pos = self._ws(pos)
            comma = None
            if text[pos] == ",":
                comma = pos
                pos = self._ws(pos + 1)
            elif text is not self.text:
                m = _TRAILING_COMMA.match(self.text, value_end)
                if m and m.end() <= pos + 1:
                    comma = m.end() - 1
            out.append(Member(key, begin, value_start, value_end, comma, key_end))
        return out, pos

    def _find(self, members: list[Member], token: str, is_object: bool) -> int | None:
        for i, m in enumerate(members):
            if (
                (m.key == token)
                if is_object
                else ((token.isascii() and token.isdigit()) and int(token) == i)
            ):
                return i
        return None

    # ---------------------------------------------------------------- rendering
    def render(self, value: Any, base: str, inline: bool = False) -> str:
        if inline or self.one_line or not isinstance(value, (dict, list)) or not value:
            return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        dumped = json.dumps(value, ensure_ascii=False, indent=self.unit)
        return dumped.replace("\n", self.newline + base)

    def _separator(self, members: list[Member]) -> str:
        for m in members:
            if m.key_end is not None:
                sep = self.text[m.key_end : m.value_start]
                if re.fullmatch(r"[ \t]*:[ \t]*", sep):
                    return sep
        return ": "

    def _whole_lines(self, start: int, end: int) -> tuple[int, int] | None:
        """(start, end) widened to whole lines when nothing else shares them."""
        text = self.text
        ls, le = line_start(text, start), line_end(text, end)
        if text[ls:start].strip() or text[end:le].strip():
            return None
        if text.startswith("\r\n", le):
            le += 2
        elif le < len(text):
            le += 1
        return ls, le

    # --------------------------------------------------------------- operations
    def set(self, pointer: str, value: Any) -> list[Span]:
        if ptr.exists(self.data, pointer):
            start = self.offset(pointer)
            end = self.value_end(start)
            return [(start, end, self.render(value, indentation_at(self.text, start)))]
        parent, token = ptr.parent(pointer)
        container = ptr.get(self.data, parent, None)
        if container is None:
            return self.set(parent, [value] if token == "-" else {token: value})
        if isinstance(container, dict):
            return self._insert_last(parent, token, value)
        if isinstance(container, list) and (token == "-" or token == str(len(container))):
            return self._insert_last(parent, None, value)
        raise FixError(f"cannot set {pointer}: its parent is not an object")

    def append(self, pointer: str, value: Any) -> list[Span]:
        """Add `value` to the array at `pointer` (created when missing); no-op if present."""
        current = ptr.get(self.data, pointer, None)
        if current is None:
            return self.set(pointer, [value])
        if not isinstance(current, list):
            raise FixError(f"{pointer} is not a list")
        if value in current:
            return []
        return self._insert_last(pointer, None, value)

    def insert(self, pointer: str, value: Any) -> list[Span]:
        """Insert `value` into an array before the index `pointer` names."""
        parent, token = ptr.parent(pointer)
        container = ptr.get(self.data, parent, None)
        if not isinstance(container, list):
            raise FixError(f"cannot insert at {pointer}: not in a list")
        index = len(container) if token == "-" else int(token)
        if index >= len(container):
            return self._insert_last(parent, None, value)
        members, _ = self.members(self.offset(parent))
        m = members[index]
        if self._multiline(parent):
            indent = indentation_at(self.text, m.start)
            item = self.render(value, indent)
            return [(m.start, m.start, f"{item},{self.newline}{indent}")]
        return [(m.start, m.start, self.render(value, "", inline=True) + ", ")]

    def delete(self, pointer: str) -> list[Span]:
        if not ptr.exists(self.data, pointer):
            return []
        parent, token = ptr.parent(pointer)
        start = self.offset(parent)
        members, close = self.members(start)
        is_object = self.clean[start] == "{"
        i = self._find(members, token, is_object)
        if i is None:
            return []
        m = members[i]
        if m.comma is not None:
            whole = self._whole_lines(m.start, m.comma + 1)
            if whole:
                return [(*whole, "")]
            start, end = m.start, m.comma + 1
            if self.text[end : line_end(self.text, end)].strip():
                while end < len(self.text) and self.text[end] in " \t":
                    end += 1  # `"a", "b"` -> `"b"`
            else:
                while start > 0 and self.text[start - 1] in " \t":
                    start -= 1  # `"a", "b",⏎` -> `"a",⏎`
            return [(start, end, "")]
        if i == 0:
            rest = self.text[start + 1 : m.start] + self.text[m.value_end : close]
            if not rest.strip():
                return [(start + 1, close, "")]
            whole = self._whole_lines(m.start, m.value_end)
            return [(*(whole or (m.start, m.value_end)), "")]
        prev = members[i - 1]
        assert prev.comma is not None
        whole = self._whole_lines(m.start, m.value_end)
        if whole:
            return [(whole[0], whole[1], ""), (prev.comma, prev.comma + 1, "")]
        between = self.text[prev.value_end : m.start]
        if between.replace(",", "").strip() == "":
            return [(prev.value_end, m.value_end, "")]
        return [(m.start, m.value_end, ""), (prev.comma, prev.comma + 1, "")]

    def rename(self, pointer: str, new_key: str) -> list[Span]:
        parent, token = ptr.parent(pointer)
        container = ptr.get(self.data, parent, None)
        if not isinstance(container, dict) or token not in container:
            raise FixError(f"cannot rename {pointer}: no such key")
        if new_key in container:
            raise FixError(f"cannot rename {pointer}: {new_key!r} already exists")
        members, _ = self.members(self.offset(parent))
        i = self._find(members, token, True)
        assert i is not None
        m = members[i]
        return [(m.start, m.key_end or m.start, json.dumps(new_key, ensure_ascii=False))]

    # ------------------------------------------------------------------ helpers
    def _multiline(self, container: str) -> bool:
        start = self.offset(container)
        members, close = self.members(start)
        first = members[0].start if members else close
        return "\n" in self.text[start:first]

    def _insert_last(self, container: str, key: str | None, value: Any) -> list[Span]:
        text, nl = self.text, self.newline
        start = self.offset(container)
        members, close = self.members(start)
        sep = self._separator(members)

        def item(indent: str, inline: bool = False) -> str:
            head = "" if key is None else json.dumps(key, ensure_ascii=False) + sep
            return head + self.render(value, indent, inline)

        if not members:
            if self.one_line:
                return [(start + 1, close, item("", inline=True))]
            base = indentation_at(text, start)
            inner = base + self.unit
            if not text[start + 1 : close].strip():
                return [(start + 1, close, f"{nl}{inner}{item(inner)}{nl}{base}")]
            return [(start + 1, start + 1, f"{nl}{inner}{item(inner)}")]
        last = members[-1]
        trailing = last.comma is not None
        if not self._multiline(container):
            if trailing:
                return [(last.comma + 1, last.comma + 1, f" {item('', True)},")]  # type: ignore[operator]
            return [(last.value_end, last.value_end, f", {item('', True)}")]
        indent = indentation_at(text, last.start)
        after = last.comma + 1 if last.comma is not None else last.value_end
        eol = line_end(text, after)
        new = f"{nl}{indent}{item(indent)}{',' if trailing else ''}"
        if close > eol and not self.clean[after:eol].strip():
            # A new line after the last member's line keeps any comment on that line.
            spans = [(eol, eol, new)]
        else:
            spans = [(after, after, new)]
        if not trailing:
            spans.append((last.value_end, last.value_end, ","))
        return spans


def apply_spans(text: str, spans: list[Span]) -> str:
    """Apply non-overlapping spans, last first so earlier offsets stay valid."""
    ordered = sorted(spans, key=lambda s: (s[0], s[1]), reverse=True)
    for (s1, _e1, _), (_s2, e2, _) in itertools.pairwise(ordered):
        if e2 > s1:
            raise FixError("internal: overlapping edits in one operation")
    for start, end, replacement in ordered:
        text = text[:start] + replacement + text[end:]
    return text
