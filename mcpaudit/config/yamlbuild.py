"""YAML events -> plain data with the position of every value, in one pass.

The parser (libyaml through PyYAML's C extension, or ruamel.yaml's pure-Python parser)
only produces events; this module builds dicts/lists/scalars from them with an explicit
stack (no recursion: a 100,000-deep file cannot exhaust the C or Python stack) and never
constructs a Python object from a tag. Scalars are resolved as YAML 1.2, the way
ruamel.yaml's round-trip loader (the fix-time editor) and the clients' readers do
(`yes` is a string, not true).

Aliases are charged by what they expand to: `*a` costs the number of nodes under `&a`
(which already counts the aliases inside it), so a billion-laughs bomb stops after
`budget` nodes while a large file without aliases costs nothing."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from mcpaudit.config import scrub
from mcpaudit.config.jsonpos import escape_pointer_token

Position = tuple[int, int]

_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
# ruamel.yaml's YAML 1.2 int and float resolvers (resolver.py), so both editors agree.
_INT = re.compile(r"[-+]?(?:0b[0-1_]+|0o?[0-7_]+|[0-9_]+|0x[0-9a-fA-F_]+)\Z")
_FLOAT = re.compile(
    r"(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))\Z"
)
_MAYBE_NOT_STR = frozenset("tTfFnN~-+0123456789.")
_CORE = "tag:yaml.org,2002:"
# Past this the rules' and reports' walks over the data would hit Python's recursion
# limit; JSON files stop near the same depth (the json module's own limit).
MAX_DEPTH = 500


class BuildError(ValueError):
    """A problem found while building (not by the parser): message and 1-based position."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class _Frame:
    __slots__ = ("anchor", "first", "key", "key_pos", "keys", "merges", "out", "pointer", "pos")

    def __init__(
        self, out: Any, pointer: str | None, anchor: str | None, first: int, pos: Position
    ) -> None:
        self.out = out
        self.pointer = pointer  # None: inside a complex key, positions are not recorded
        self.anchor = anchor
        self.first = first  # index of this node's first descendant in `entries`
        self.pos = pos
        # A mapping: the key waiting for its value (_NO_KEY, _MERGE or its name) and
        # the line each key was first seen on (duplicates refused, as the clients do).
        self.key: Any = _NO_KEY
        self.key_pos: Position = pos
        self.keys: dict[str, int] | None = {} if isinstance(out, dict) else None
        # `<<` values: [value, first entry, end entry] (entries between are under "/<<").
        self.merges: list[list[Any]] = []


_NO_KEY = object()
_MERGE = object()


class _Builder:
    def __init__(self, budget: int) -> None:
        self.entries: list[tuple[str, Position]] = [("", (1, 1))]
        # anchor -> (value, size, pointer, first entry, end entry)
        self.anchors: dict[str, tuple[Any, int, str | None, int, int]] = {}
        self.sizes: list[int] = []  # node counts of the open containers
        self.stack: list[_Frame] = []
        self.result: Any = None
        self.budget = budget
        self.left = budget

    def key(self, parent: _Frame, key: Any, pos: Position) -> None:
        if parent.merges and parent.merges[-1][2] is None:
            parent.merges[-1][2] = len(self.entries)
        parent.key_pos = pos
        if key is _MERGE:
            parent.key = _MERGE
            parent.merges.append([None, len(self.entries), None])
            return
        name = key if type(key) is str else scrub.text(str(key))
        seen = parent.keys.get(name)  # type: ignore[union-attr]
        if seen is not None:
            raise BuildError(
                f'duplicate key "{name}" (first on line {seen}); the client refuses the whole file',
                *pos,
            )
        parent.keys[name] = pos[0]  # type: ignore[index]
        parent.key = name

    def pointer(self, parent: _Frame) -> str | None:
        """The pointer of the value about to go into `parent` (not a key)."""
        if parent.pointer is None:
            return None
        if parent.keys is None:
            return f"{parent.pointer}/{len(parent.out)}"
        if parent.key is _MERGE:
            return f"{parent.pointer}/<<"
        return f"{parent.pointer}/{escape_pointer_token(parent.key)}"

    def value(self, parent: _Frame, value: Any) -> None:
        """Put a value (not a key) into `parent`."""
        if parent.keys is None:
            parent.out.append(value)
            return
        key, parent.key = parent.key, _NO_KEY
        if key is _MERGE:
            parent.merges[-1][0] = value
        else:
            parent.out[key] = value

    def start(self, out: Any, anchor: str | None, pos: Position) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise BuildError(f"nesting deeper than {MAX_DEPTH} levels", *pos)
        pointer: str | None = ""
        if self.stack:
            parent = self.stack[-1]
            if parent.keys is not None and parent.key is _NO_KEY:
                pointer = None  # a mapping or sequence used as a key
            else:
                pointer = self.pointer(parent)
                if pointer is not None:
                    self.entries.append((pointer, pos))
        self.stack.append(_Frame(out, pointer, anchor, len(self.entries), pos))
        self.sizes.append(1)

    def end(self) -> None:
        frame = self.stack.pop()
        size = self.sizes.pop()
        if frame.merges:
            if frame.merges[-1][2] is None:
                frame.merges[-1][2] = len(self.entries)
            _merge(frame, self.entries)
        if frame.anchor:
            end = len(self.entries)
            self.anchors[frame.anchor] = (frame.out, size, frame.pointer, frame.first, end)
        if not self.stack:
            self.result = frame.out
            return
        self.sizes[-1] += size
        parent = self.stack[-1]
        if parent.keys is not None and parent.key is _NO_KEY:
            self.key(parent, _key_of(frame.out), frame.pos)
        else:
            self.value(parent, frame.out)

    def alias(self, anchor: str, pos: Position) -> None:
        target = self.anchors.get(anchor)
        if target is None:
            raise BuildError(f"found undefined alias {anchor!r}", *pos)
        value, size, source, first, end = target
        self.left -= size
        if self.left < 0:
            raise BuildError(
                f"aliases expand to more than {self.budget:,} nodes (an alias bomb?)", *pos
            )
        if isinstance(value, (dict, list)):
            value = copy.deepcopy(value)  # each expansion its own object, as a loader gives
        if not self.stack:
            self.result = value
            return
        self.sizes[-1] += size
        parent = self.stack[-1]
        if parent.keys is not None and parent.key is _NO_KEY:
            self.key(parent, _key_of(value), pos)
            return
        pointer = self.pointer(parent)
        if pointer is not None:
            self.entries.append((pointer, pos))
            if source is not None:  # the anchor's descendants, under this pointer
                cut = len(source)
                self.entries.extend((pointer + p[cut:], q) for p, q in self.entries[first:end])
        self.value(parent, value)


_KINDS = {
    "ScalarEvent": 1,
    "MappingStartEvent": 2,
    "SequenceStartEvent": 3,
    "MappingEndEvent": 4,
    "SequenceEndEvent": 4,
    "AliasEvent": 5,
    "DocumentStartEvent": 6,
}


def build(events: Iterable[Any], budget: int) -> tuple[Any, dict[str, Position]]:
    """(data, {JSON pointer: (line, column)}) of the single document in `events`."""
    b = _Builder(budget)
    stack, sizes, entries = b.stack, b.sizes, b.entries
    kinds: dict[type, int] = {}
    documents = 0
    for event in events:
        cls = type(event)
        kind = kinds.get(cls)
        if kind is None:
            kind = kinds[cls] = _KINDS.get(cls.__name__, 0)
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        if kind == 1:  # a scalar: the hot path, inlined
            if not stack:
                b.result = _scalar(event, False)
                continue
            parent = stack[-1]
            sizes[-1] += 1
            is_key = parent.keys is not None and parent.key is _NO_KEY
            value = _scalar(event, is_key)
            if event.anchor:  # `&k key:` may be repeated as `*k` (a value or a key)
                b.anchors[event.anchor] = (value, 1, None, 0, 0)
            if is_key:
                b.key(parent, value, pos)
                continue
            pointer = b.pointer(parent)
            if pointer is not None:
                entries.append((pointer, pos))
            b.value(parent, value)
        elif kind == 2:
            b.start({}, event.anchor, pos)
        elif kind == 3:
            b.start([], event.anchor, pos)
        elif kind == 4:
            b.end()
        elif kind == 5:
            b.alias(event.anchor, pos)
        elif kind == 6:
            documents += 1
            if documents > 1:
                raise BuildError("expected a single document in the stream", *pos)
    return b.result, dict(entries)


def _merge(frame: _Frame, entries: list[tuple[str, Position]]) -> None:
    """`<<: *base` (or `<<: [*a, *b]`): keys the mapping does not set itself come from the
    sources, the first source winning; their positions are the ones under `<<`."""
    own = frame.out
    for value, first, end in frame.merges:
        sources = value if isinstance(value, list) else [value]
        taken: set[str] = set()
        for source in sources:
            if not isinstance(source, dict):
                raise BuildError(
                    "a merge key (<<) takes a mapping or a list of mappings", *frame.pos
                )
            for key, item in source.items():
                if key not in own:
                    own[key] = item
                    taken.add(key)
        if frame.pointer is None:
            continue
        prefix = f"{frame.pointer}/<<"
        for pointer, pos in entries[first:end]:
            rest = pointer[len(prefix) :]
            if isinstance(value, list):  # "/0/key…": drop the list index
                cut = rest.find("/", 1)
                rest = rest[cut:] if cut > 0 else ""
            token = rest[1:].split("/", 1)[0]
            if rest and token.replace("~1", "/").replace("~0", "~") in taken:
                entries.append((frame.pointer + rest, pos))


def _scalar(event: Any, is_key: bool) -> Any:
    value: str = event.value
    tag = event.tag
    if tag in (None, "!") or tag == "":
        if not event.implicit[0] or tag == "!" or event.style not in (None, ""):
            return scrub.text(value)  # quoted, literal or folded: a string
        if value == "<<" and is_key:
            return _MERGE
        return _plain(value)
    tag = str(tag)
    suffix = tag[len(_CORE) :] if tag.startswith(_CORE) else tag.removeprefix("!!")
    if suffix == "str":
        return scrub.text(value)
    if suffix in ("int", "float", "bool", "null"):
        resolved = _plain(value)
        if suffix == "float" and isinstance(resolved, int) and not isinstance(resolved, bool):
            return float(resolved)
        return resolved
    return scrub.text(value)  # !custom, !!binary, !!python/…: the text, nothing built


def _plain(value: str) -> Any:
    if not value or value[0] in _MAYBE_NOT_STR:
        if _NULL.match(value):
            return None
        if _BOOL.match(value):
            return value[0] in "tT"
        if _INT.match(value):
            return _int(value)
        if _FLOAT.match(value):
            return _float(value)
    return scrub.text(value)


def _int(value: str) -> int:
    text = value.replace("_", "")
    sign = -1 if text[:1] == "-" else 1
    text = text.lstrip("+-")
    if text[:2] == "0b":
        return sign * int(text[2:], 2)
    if text[:2] == "0x":
        return sign * int(text[2:], 16)
    if text[:2] == "0o":
        return sign * int(text[2:], 8)
    return sign * int(text)  # > 4,300 digits: ValueError, a finding with its line


def _float(value: str) -> float:
    text = value.replace("_", "").lower()
    if text.endswith(".nan"):
        return float("nan")
    if text.endswith(".inf"):
        return float("-inf") if text[0] == "-" else float("inf")
    return float(text)


def _key_of(container: Any) -> Any:
    """A mapping or sequence used as a key (`? [a, b]`): a hashable stand-in."""
    if isinstance(container, list):
        return tuple(_key_of(v) for v in container)
    if isinstance(container, dict):
        return tuple((k, _key_of(v)) for k, v in container.items())
    return container
