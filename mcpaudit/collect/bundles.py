"""Which npm package a line of a bundled file came from.

Servers ship `dist/` bundles that carry their dependencies' code (ajv's schema compiler
calls `new Function` by design). `node_modules/` is out of the code scan's scope, so the
same library inside a bundle is graded like it (rules/source_code.py), and the bundle is
asked where each sink line came from, in this order:

- the bundler's module markers: esbuild writes `// node_modules/ajv/lib/compile/index.js`
  before each module of a readable bundle; webpack writes `/***/ "./node_modules/x/y.js"`
  (development ids) and `!*** ./node_modules/x/y.js ***!` (`output.pathinfo`), and ends a
  module with `/***/ }` or its `/******/` runtime lines;
- the source map (`//# sourceMappingURL=` to a local file or a `data:` URL, else the
  sibling `<file>.map`): the source of the mapping segment covering the line and column.

A marker or a map is written by whoever wrote the bundle, so it only names a library; the
rules still grade tool input reaching the sink, and code that downloads what it runs, as
before. A sibling map is read within the limits below; nothing else is opened.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from mcpaudit.collect.results import SinkHit
from mcpaudit.config.read import ReadError, open_regular, read_fd

MAX_MAP_BYTES = 8_000_000

_ESBUILD = re.compile(r"^// ((?:\.\.?/)*[\w@.+\-/]+\.(?:[cm]?[jt]sx?|json|node))$")
_WEBPACK_ID = re.compile(r'^/\*\*\*/ "([^"]+)"')
_WEBPACK_PATHINFO = re.compile(r"^\s*!\*{3} (\S.*?) \*{3}!$")
_WEBPACK_END = re.compile(r"^/\*{3}/ \}|^/\*{6}/")
_MAP_URL = re.compile(r"^//[#@] sourceMappingURL=(\S+)\s*$")
_PACKAGE = re.compile(r"(?:^|/)node_modules/((?:@[\w.\-+]+/)?[\w.\-+]+)")


@dataclass(frozen=True)
class Origin:
    package: str  # "" = not in node_modules: the bundle's own code
    how: str


def package_of(source: str) -> str:
    """`node_modules/.pnpm/ajv@6.12.6/node_modules/ajv/lib/x.js` -> `ajv` ("" if none)."""
    found = _PACKAGE.findall(source.replace("\\", "/"))
    return found[-1] if found else ""


def attribute(hits: list[SinkHit], text: str, path: Path) -> list[SinkHit]:
    """The hits of one bundled file, each with the package its line came from."""
    if not hits:
        return hits
    lines = text.splitlines()
    markers = _markers(lines)
    mapped: dict[tuple[int, int], Origin] | None = None
    out = []
    for hit in hits:
        origin = _marker_at(markers, hit.line)
        if origin is None:
            if mapped is None:
                mapped = _from_map(lines, path, hits)
            origin = mapped.get((hit.line, hit.column))
        if origin is not None and origin.package:
            hit = replace(hit, library=origin.package, library_how=origin.how)
        out.append(hit)
    return out


def _markers(lines: list[str]) -> list[tuple[int, Origin]]:
    """(1-based line, origin) of every module marker, in order."""
    found: list[tuple[int, Origin]] = []
    for number, line in enumerate(lines, 1):
        if not line or line[0] not in "/ \t":
            continue
        if m := _ESBUILD.match(line):
            how = f"esbuild module comment, line {number}"
        elif m := _WEBPACK_ID.match(line) or _WEBPACK_PATHINFO.match(line):
            how = f"webpack module path, line {number}"
        else:
            if _WEBPACK_END.match(line):
                found.append((number, Origin("", "")))
            continue
        found.append((number, Origin(package_of(m[1]), how)))
    return found


def _marker_at(markers: list[tuple[int, Origin]], line: int) -> Origin | None:
    last = None
    for number, origin in markers:
        if number > line:
            break
        last = origin
    return last


def _from_map(lines: list[str], path: Path, hits: list[SinkHit]) -> dict[tuple[int, int], Origin]:
    """Origins of the hits' (line, column) positions according to the file's source map."""
    loaded = _load_map(lines, path)
    if loaded is None:
        return {}
    data, where = loaded
    sources = data.get("sources")
    mappings = data.get("mappings")
    if not isinstance(sources, list) or not isinstance(mappings, str):
        return {}
    last_line = max(h.line for h in hits)
    segments = decode_mappings(mappings, last_line)
    out: dict[tuple[int, int], Origin] = {}
    for hit in hits:
        row = segments[hit.line - 1] if hit.line - 1 < len(segments) else []
        index = None
        for column, source in row:  # the last segment starting at or before the column
            if column > hit.column - 1 and index is not None:
                break
            index = source
        if index is not None and 0 <= index < len(sources) and isinstance(sources[index], str):
            out[(hit.line, hit.column)] = Origin(
                package_of(sources[index]), f"source map {where}: {sources[index]}"
            )
    return out


def _load_map(lines: list[str], path: Path) -> tuple[dict, str] | None:
    url = ""
    for line in reversed(lines[-5:]):
        if m := _MAP_URL.match(line.strip()):
            url = m[1]
            break
    if url.startswith("data:"):
        head, _, payload = url.partition(",")
        try:
            raw = base64.b64decode(payload) if head.endswith(";base64") else payload.encode()
            return _parse(raw), "inline"
        except (binascii.Error, ValueError):
            return None
    if url and "://" not in url and not url.startswith("/"):
        candidate = path.parent / url
    else:
        candidate = path.with_name(path.name + ".map")
    try:
        fd = open_regular(candidate)
        try:
            raw = read_fd(fd, MAX_MAP_BYTES + 1, candidate)
        finally:
            os.close(fd)
        if len(raw) > MAX_MAP_BYTES:
            return None
        return _parse(raw), candidate.name
    except (OSError, ReadError, ValueError):
        return None


def _parse(raw: bytes) -> dict:
    data = json.loads(raw.decode("utf-8", "replace"))
    if not isinstance(data, dict):
        raise ValueError("not a source map")
    return data


_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}


def decode_mappings(mappings: str, upto_line: int) -> list[list[tuple[int, int]]]:
    """Per generated line (up to `upto_line`), its segments as (column, source index).

    Source map v3 `mappings`: lines split by `;`, segments by `,`, each a run of base64
    VLQ numbers relative to the previous segment (the column resets on every line). A
    small decoder rather than a dependency: the PyPI packages for this are unmaintained.
    """
    out: list[list[tuple[int, int]]] = []
    source = 0
    for line in mappings.split(";", upto_line)[:upto_line]:
        column = 0
        row: list[tuple[int, int]] = []
        for segment in line.split(","):
            if not segment:
                continue
            fields = _vlq(segment)
            if not fields:
                continue
            column += fields[0]
            if len(fields) >= 4:
                source += fields[1]
                row.append((column, source))
        out.append(row)
    return out


def _vlq(segment: str) -> list[int]:
    values: list[int] = []
    value = shift = 0
    for char in segment:
        digit = _B64.get(char)
        if digit is None:
            return []
        value += (digit & 31) << shift
        if digit & 32:
            shift += 5
            continue
        values.append(-(value >> 1) if value & 1 else value >> 1)
        value = shift = 0
    return values
